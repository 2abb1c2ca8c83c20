"""Merge: load=False copies a clean detached object in without a SELECT, and
refuses anything else."""

from sqlalchemy import String, create_engine, event, inspect
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


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


# A detached object, as a cache would hand it back: loaded once, Session
# closed.
with Session(engine, expire_on_commit=False) as loader:
    cached = loader.get(User, 1)
# --8<-- [end:setup]

# --8<-- [start:clean]
statements.clear()
with Session(engine) as session:
    merged = session.merge(cached, load=False)
    print(
        f"{(merged is cached)=} {inspect(merged).persistent=} {merged.name=}"
    )
    #> (merged is cached)=False inspect(merged).persistent=True merged.name='ada'
    print(f"{statements=} {(merged in session.dirty)=}")
    #> statements=[] (merged in session.dirty)=False
# --8<-- [end:clean]

# --8<-- [start:dirty]
cached.name = "ada lovelace"  # a change the Session would have to write
with Session(engine) as session:
    try:
        session.merge(cached, load=False)
    except InvalidRequestError as exc:
        print(type(exc).__name__, exc)
        #> InvalidRequestError merge() with load=False option does not support objects marked as 'dirty'.  flush() all changes on mapped instances before merging with load=False.
# --8<-- [end:dirty]

# --8<-- [start:transient]
with Session(engine) as session:
    try:
        session.merge(User(id=1, name="ada"), load=False)
    except InvalidRequestError as exc:
        print(type(exc).__name__, exc)
        #> InvalidRequestError merge() with load=False option does not support objects transient (i.e. unpersisted) objects.  flush() all changes on mapped instances before merging with load=False.
# --8<-- [end:transient]
