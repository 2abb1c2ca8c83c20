"""Expunge: make_transient() on a detached object, and on an object whose
attributes are expired."""

from sqlalchemy import ForeignKey, String, create_engine, event, inspect
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    make_transient,
    mapped_column,
    relationship,
)


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    posts: Mapped[list["Post"]] = relationship()


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada", posts=[Post(id=10)]))
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


# --8<-- [end:setup]


# --8<-- [start:detached]
with Session(engine) as session:
    ada = session.get(User, 1)
    posts_loaded = ada.posts  # load the relationship while we can
print(f"{inspect(ada).detached=} {inspect(ada).key=}")
#> inspect(ada).detached=True inspect(ada).key=(<class '__main__.User'>, (1,), None)

make_transient(ada)
print(f"{inspect(ada).transient=} {inspect(ada).key=}")
#> inspect(ada).transient=True inspect(ada).key=None
print(f"{ada.id=} {ada.name=} {[p.id for p in ada.posts]=}")
#> ada.id=1 ada.name='ada' [p.id for p in ada.posts]=[10]
# --8<-- [end:detached]

# --8<-- [start:pending]
with Session(engine) as session:
    grace = User(name="grace")
    session.add(grace)
    make_transient(grace)
    print(f"{inspect(grace).transient=} {(grace in session)=} {session.new=}")
    #> inspect(grace).transient=True (grace in session)=False session.new=IdentitySet([])
# --8<-- [end:pending]

# --8<-- [start:unloaded]
with Session(engine) as session:
    ada = session.get(User, 1)  # ada.posts is never loaded
make_transient(ada)
statements.clear()
print(f"{ada.posts=} {statements=}")
#> ada.posts=[] statements=[]
# --8<-- [end:unloaded]

# --8<-- [start:expired]
with Session(engine) as session:
    ada = session.get(User, 1)
    session.commit()  # expires every attribute of ada
    print(f"{sorted(inspect(ada).expired_attributes)=}")
    #> sorted(inspect(ada).expired_attributes)=['id', 'name', 'posts']
    make_transient(ada)
statements.clear()
print(f"{inspect(ada).transient=} {ada.id=} {ada.name=} {statements=}")
#> inspect(ada).transient=True ada.id=None ada.name=None statements=[]
# --8<-- [end:expired]
