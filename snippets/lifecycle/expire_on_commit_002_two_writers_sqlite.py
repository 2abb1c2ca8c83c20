"""expire_on_commit, two writers on SQLite: the default shows the other
commit, False keeps a stale value."""

import tempfile
from pathlib import Path

from sqlalchemy import String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# A database file, so that each Session gets its own connection.
folder = tempfile.TemporaryDirectory()
engine = create_engine(f"sqlite:///{Path(folder.name) / 'guide.db'}")
Base.metadata.create_all(engine)

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


with Session(engine) as one, Session(engine) as two:
    first = one.connection().connection.dbapi_connection
    second = two.connection().connection.dbapi_connection
    print(f"two connections: {first is not second}")
    #> two connections: True
# --8<-- [end:setup]


# --8<-- [start:writer]
def writer_b(user_id: int, name: str) -> None:
    """Another Session, another connection: updates the row and commits."""
    with Session(engine) as session_b:
        session_b.get(User, user_id).name = name
        session_b.commit()


# --8<-- [end:writer]


# --8<-- [start:default]
session_a = Session(engine)  # expire_on_commit=True
user = User(id=1, name="ada")
session_a.add(user)
session_a.commit()

writer_b(1, "ada lovelace")

statements.clear()
print(f"A reads {user.name=}")
#> A reads user.name='ada lovelace'
for sql in statements:
    print(sql)
    #>[2.1] SELECT users.id, users.name
    #>[2.0] SELECT users.id AS users_id, users.name AS users_name
    #> FROM users
    #> WHERE users.id = ? (1,)
# --8<-- [end:default]
session_a.close()

# --8<-- [start:off]
session_a = Session(engine, expire_on_commit=False)
user = User(id=2, name="grace")
session_a.add(user)
session_a.commit()

writer_b(2, "grace hopper")

statements.clear()
print(f"A reads {user.name=} {statements=}")
#> A reads user.name='grace' statements=[]

again = session_a.scalars(select(User).where(User.id == 2)).one()
print(f"queried again: {(again is user)=} {user.name=}")
#> queried again: (again is user)=True user.name='grace'

session_a.refresh(user)
print(f"after refresh: {user.name=}")
#> after refresh: user.name='grace hopper'
# --8<-- [end:off]
session_a.close()
engine.dispose()
folder.cleanup()
