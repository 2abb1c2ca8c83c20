"""Detached objects: re-query, merge() or add() to get a usable object in a
new session."""

from sqlalchemy import ForeignKey, String, create_engine, inspect
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
)
from sqlalchemy.orm.exc import DetachedInstanceError


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    bio: Mapped[str] = mapped_column(String(500), deferred=True)
    posts: Mapped[list["Post"]] = relationship(back_populates="author")


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(100))
    author: Mapped[User] = relationship(back_populates="posts")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(
        User(
            id=1,
            name="ada",
            bio="analyst",
            posts=[Post(id=10, title="notes")],
        )
    )
    setup.commit()

with Session(engine) as session:
    user = session.get(User, 1)
    session.commit()
# user is now detached and expired
user_id = inspect(user).identity[0]  # the identity survives expiry
# --8<-- [end:setup]

# --8<-- [start:requery]
with Session(engine) as session:
    fresh = session.get(User, user_id)
    print(f"{fresh.name=} {[p.title for p in fresh.posts]=}")
    #> fresh.name='ada' [p.title for p in fresh.posts]=['notes']
# --8<-- [end:requery]

# --8<-- [start:merge]
with Session(engine) as session:
    merged = session.merge(user)
    print(f"{(merged is user)=} {merged.name=}")
    #> (merged is user)=False merged.name='ada'
    print(f"{inspect(merged).persistent=} {inspect(user).detached=}")
    #> inspect(merged).persistent=True inspect(user).detached=True
    try:
        user.name
    except DetachedInstanceError as exc:
        print(type(exc).__name__, exc)
        #> DetachedInstanceError Instance <User at 0x7ff1ab6a7950> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:merge]

# --8<-- [start:add]
with Session(engine) as session:
    session.add(user)
    print(
        f"{inspect(user).persistent=} {user.name=} "
        f"{[p.title for p in user.posts]=}"
    )
    #> inspect(user).persistent=True user.name='ada' [p.title for p in user.posts]=['notes']
# --8<-- [end:add]
