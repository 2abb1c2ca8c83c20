"""Blog claims: objects and a second Session: a commit there ignores them;
add() fails only while the first is open."""

from sqlalchemy import String, create_engine, event, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    sessionmaker,
)


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(Item(id=1, name="chair"))
    setup.commit()
SessionLocal = sessionmaker(engine)

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


# --8<-- [end:setup]


# --8<-- [start:commit_other]
db = SessionLocal()
item = db.get(Item, 1)
item.name = "armchair"

new_db = SessionLocal()  # a second, unrelated session
statements.clear()
new_db.commit()  # no error...
print(f"{statements=}")  # ...and nothing sent
#> statements=[]
new_db.close()

db.commit()  # the session that owns the object writes it
print(statements[-1])
#> UPDATE items SET name=? WHERE items.id = ? ('armchair', 1)
db.close()
# --8<-- [end:commit_other]

# --8<-- [start:add_other]
db_session_a = SessionLocal()
item_from_request_a = db_session_a.get(Item, 1)

db_session_b = SessionLocal()
try:
    db_session_b.add(item_from_request_a)  # request A's session still open
except InvalidRequestError as exc:
    print(type(exc).__name__, exc)
    #> InvalidRequestError Object '<Item at 0x7f9793ce2550>' is already attached to session '4' (this is '5')

db_session_a.close()  # request A is over
item_from_request_a.name = "new name"
db_session_b.add(item_from_request_a)
db_session_b.commit()
print(db_session_b.scalar(select(Item.name).where(Item.id == 1)))
#> new name
db_session_b.close()
# --8<-- [end:add_other]
