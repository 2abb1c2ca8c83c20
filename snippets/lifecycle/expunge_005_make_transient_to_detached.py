"""Expunge: values set before make_transient_to_detached() count as the
database's, not as changes."""

from sqlalchemy import String, create_engine, event, inspect, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    make_transient_to_detached,
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


# --8<-- [end:setup]


# --8<-- [start:set_values]
stub = User(id=1, name="ada lovelace")
make_transient_to_detached(stub)
print(f"{inspect(stub).detached=} {inspect(stub).modified=}")
#> inspect(stub).detached=True inspect(stub).modified=False

with Session(engine) as session:
    session.add(stub)
    session.commit()
    print(f"{statements=}")
    #> statements=[]
    print(session.scalar(select(User.name).where(User.id == 1)))
    #> ada
# --8<-- [end:set_values]

# --8<-- [start:change_after]
with Session(engine) as session:
    session.add(stub)
    # a change made after the call is a real change
    stub.name = "ada lovelace"
    statements.clear()
    session.commit()
    for sql in statements:
        print(sql)
        #>[2.1] SELECT users.id
        #>[2.0] SELECT users.id AS users_id
        #> FROM users
        #> WHERE users.id = ? (1,)
        #> UPDATE users SET name=? WHERE users.id = ? ('ada lovelace', 1)
    print(session.scalar(select(User.name).where(User.id == 1)))
    #> ada lovelace
# --8<-- [end:change_after]
