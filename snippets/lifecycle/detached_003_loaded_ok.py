"""Detached objects: what still works on a detached object."""

from sqlalchemy import ForeignKey, String, create_engine, inspect
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
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
# --8<-- [end:setup]

# --8<-- [start:loaded]
with Session(engine) as session:
    user = session.get(User, 1)
    # loads the collection while the session is open
    first_post = user.posts[0]
# no commit, only close: nothing was expired
print(
    f"{inspect(user).detached=} {user.id=} {user.name=} {first_post.title=}"
)
#> inspect(user).detached=True user.id=1 user.name='ada' first_post.title='notes'
# --8<-- [end:loaded]

# --8<-- [start:identity]
with Session(engine) as session:
    user = session.get(User, 1)
    session.commit()
print(f"{inspect(user).identity=} {sorted(inspect(user).unloaded)=}")
#> inspect(user).identity=(1,) sorted(inspect(user).unloaded)=['bio', 'id', 'name', 'posts']
# --8<-- [end:identity]
