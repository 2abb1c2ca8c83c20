"""Deleted, fixed: make_transient() turns the deleted object into a new one;
add() then INSERTs it."""

from sqlalchemy import String, create_engine, event, inspect, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    make_transient,
    mapped_column,
)


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada"))
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


session = Session(engine)
ada = session.get(User, 1)
session.delete(ada)
session.commit()
# --8<-- [end:setup]

# --8<-- [start:make_transient]
# forget the identity and the deletion; keep the attribute values
make_transient(ada)
print(
    f"{inspect(ada).transient=} {inspect(ada).was_deleted=} {ada.id=} "
    f"{ada.name=}"
)
#> inspect(ada).transient=True inspect(ada).was_deleted=False ada.id=1 ada.name='ada'
statements.clear()
session.add(ada)
session.commit()
print(statements)
#> ["INSERT INTO users (id, name) VALUES (?, ?) (1, 'ada')"]
print(session.scalars(select(User.name)).all())
#> ['ada']
# --8<-- [end:make_transient]
session.close()
