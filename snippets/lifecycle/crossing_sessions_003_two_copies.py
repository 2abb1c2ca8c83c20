"""Crossing sessions: two Sessions hold two copies of one row; one goes
stale."""

from guide_support import postgres_url
from sqlalchemy import String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine(postgres_url())
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada"))
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


session_a = Session(engine)
session_b = Session(engine)

# --8<-- [start:two_copies]
ada_a = session_a.get(User, 1)
ada_b = session_b.get(User, 1)
print(f"{(ada_a is ada_b)=} {ada_a.name=} {ada_b.name=}")
#> (ada_a is ada_b)=False ada_a.name='ada' ada_b.name='ada'

ada_b.name = "ada lovelace"
session_b.commit()
print(f"{ada_a.name=}")
#> ada_a.name='ada'
# --8<-- [end:two_copies]

# --8<-- [start:query_again]
statements.clear()
again = session_a.scalars(select(User).where(User.id == 1)).one()
print(f"{(again is ada_a)=} {again.name=}")
#> (again is ada_a)=True again.name='ada'
for sql in statements:
    print(sql)
    #> SELECT users.id, users.name
    #> FROM users
    #> WHERE users.id = %(id_1)s::INTEGER {'id_1': 1}
# the column, not the object
print(session_a.scalar(select(User.name).where(User.id == 1)))
#> ada lovelace
# --8<-- [end:query_again]

# --8<-- [start:refresh]
session_a.refresh(ada_a)
print(f"{ada_a.name=}")
#> ada_a.name='ada lovelace'
# --8<-- [end:refresh]
session_a.close()
session_b.close()
engine.dispose()
