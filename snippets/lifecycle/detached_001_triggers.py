"""Detached objects: the three attribute reads that raise
DetachedInstanceError, with their messages."""

from sqlalchemy import ForeignKey, String, create_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
)
from sqlalchemy.orm.exc import DetachedInstanceError


# --8<-- [start:models]
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
# --8<-- [end:models]

# --8<-- [start:expired]
with Session(engine) as session:
    user = session.get(User, 1)
    session.commit()  # expires every attribute of user
# the with block closed the session: user is detached, and expired
try:
    user.name
except DetachedInstanceError as exc:
    print(type(exc).__name__, exc)
    #> DetachedInstanceError Instance <User at 0x7f6e34fb73d0> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:expired]

# --8<-- [start:lazy]
with Session(engine) as session:
    user = session.get(User, 1)  # user.posts is never touched
try:
    user.posts
except DetachedInstanceError as exc:
    print(type(exc).__name__, exc)
    #> DetachedInstanceError Parent instance <User at 0x7f6e34fb7950> is not bound to a Session; lazy load operation of attribute 'posts' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:lazy]

# --8<-- [start:deferred]
with Session(engine) as session:
    user = session.get(User, 1)  # bio is deferred: not in the SELECT
try:
    user.bio
except DetachedInstanceError as exc:
    print(type(exc).__name__, exc)
    #> DetachedInstanceError Parent instance <User at 0x7f6e34fb7cd0> is not bound to a Session; deferred load operation of attribute 'bio' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:deferred]
