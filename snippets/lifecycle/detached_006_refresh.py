"""Detached objects: refresh() before close reloads the columns, but not lazy
relationships."""

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

# --8<-- [start:refresh]
with Session(engine) as session:
    user = session.get(User, 1)
    user.name = "ada lovelace"
    session.commit()
    session.refresh(user)
print(f"{user.id=} {user.name=} {sorted(inspect(user).unloaded)=}")
#> user.id=1 user.name='ada lovelace' sorted(inspect(user).unloaded)=['bio', 'posts']
try:
    user.posts
except DetachedInstanceError as exc:
    print(type(exc).__name__, exc)
    #> DetachedInstanceError Parent instance <User at 0x7f00b6727610> is not bound to a Session; lazy load operation of attribute 'posts' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:refresh]

# --8<-- [start:refresh_named]
with Session(engine) as session:
    user = session.get(User, 1)
    session.commit()
    session.refresh(user, ["name", "bio", "posts"])  # name them to load them
print(f"{user.bio=} {[post.title for post in user.posts]=}")
#> user.bio='analyst' [post.title for post in user.posts]=['notes']
# --8<-- [end:refresh_named]
