"""Merge: add() and merge() side by side for a new object, a transient one
with a key, a detached one."""

from sqlalchemy import String, create_engine, event, inspect
from sqlalchemy.exc import IntegrityError
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
    # only the verb: SELECT, INSERT, UPDATE
    statements.append(f"{statement.split()[0]}")


def detached_ada() -> User:
    with Session(engine, expire_on_commit=False) as other:
        return other.get(User, 1)


# --8<-- [end:setup]


# --8<-- [start:new]
with Session(engine) as session:
    statements.clear()
    new = User(name="grace")
    merged = session.merge(new)
    print(
        f"{(merged is new)=} {inspect(merged).pending=} {(new in session)=} "
        f"{statements=}"
    )
    #> (merged is new)=False inspect(merged).pending=True (new in session)=False statements=[]
    session.rollback()
# --8<-- [end:new]

# --8<-- [start:transient_key]
with Session(engine) as session:
    session.add(User(id=1, name="ada lovelace"))
    try:
        session.flush()
    except IntegrityError as exc:
        print(type(exc).__name__, exc.orig)
        #> IntegrityError UNIQUE constraint failed: users.id
# --8<-- [end:transient_key]

# --8<-- [start:detached]
ada = detached_ada()
with Session(engine) as session:
    statements.clear()
    session.add(ada)
    print(f"add:   {inspect(ada).persistent=} {statements=}")
    #> add:   inspect(ada).persistent=True statements=[]

ada = detached_ada()
with Session(engine) as session:
    statements.clear()
    merged = session.merge(ada)
    print(f"merge: {(merged is ada)=} {inspect(ada).detached=} {statements=}")
    #> merge: (merged is ada)=False inspect(ada).detached=True statements=['SELECT']
# --8<-- [end:detached]
