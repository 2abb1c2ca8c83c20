"""Detached objects: with expire_on_commit=False, what was loaded survives
commit and close."""

from sqlalchemy import ForeignKey, String, create_engine, inspect
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
)
from sqlalchemy.orm.exc import DetachedInstanceError


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

# --8<-- [start:no_expire]
with Session(engine, expire_on_commit=False) as session:
    user = session.get(User, 1)
    user.name = "ada lovelace"
    new = User(name="grace", bio="admiral")
    session.add(new)
    session.commit()
print(f"{inspect(user).detached=} {user.name=} {new.id=} {new.name=}")
#> inspect(user).detached=True user.name='ada lovelace' new.id=2 new.name='grace'
# --8<-- [end:no_expire]

# --8<-- [start:still_unloaded]
for label, attribute in [
    ("user.posts", lambda: user.posts),
    ("new.posts", lambda: new.posts),
]:
    try:
        attribute()
    except DetachedInstanceError as exc:
        print(label, type(exc).__name__, exc)
        #> user.posts DetachedInstanceError Parent instance <User at 0x7f350c4879d0> is not bound to a Session; lazy load operation of attribute 'posts' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
        #> new.posts DetachedInstanceError Parent instance <User at 0x7f350c4622d0> is not bound to a Session; lazy load operation of attribute 'posts' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:still_unloaded]
