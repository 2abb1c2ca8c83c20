"""Rollback: it expires every object in the Session, whatever expire_on_commit
says."""

from sqlalchemy import String, create_engine, event, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


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


# --8<-- [start:commit]
session = Session(engine, expire_on_commit=False)
ada = session.get(User, 1)
session.commit()
print(f"after commit:   {inspect(ada).expired=}")
#> after commit:   inspect(ada).expired=False
# --8<-- [end:commit]

# --8<-- [start:rollback]
# a new transaction begins, ada is read again
session.scalars(select(User)).all()
session.rollback()
print(f"after rollback: {inspect(ada).expired=}")
#> after rollback: inspect(ada).expired=True

statements.clear()
print(f"{ada.name=}")
#> ada.name='ada'
print(statements)
#>[2.1] ['SELECT users.id, users.name \nFROM users \nWHERE users.id = ? (1,)']
#>[2.0] ['SELECT users.id AS users_id, users.name AS users_name \nFROM users \nWHERE users.id = ? (1,)']
# --8<-- [end:rollback]

# --8<-- [start:no_transaction]
session.commit()  # the transaction above is over; none has begun since
print(f"{session.in_transaction()=}")
#> session.in_transaction()=False
session.rollback()
print(f"{inspect(ada).expired=}")
#> inspect(ada).expired=False
# --8<-- [end:no_transaction]
session.close()
