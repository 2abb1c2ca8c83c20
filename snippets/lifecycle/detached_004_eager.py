"""Detached objects: eager loading works before close(), but a commit expires
what it loaded."""

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    joinedload,
    mapped_column,
    relationship,
    selectinload,
    undefer,
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
# --8<-- [end:setup]

# --8<-- [start:selectinload]
with Session(engine) as session:
    user = session.scalars(
        select(User).options(selectinload(User.posts), undefer(User.bio))
    ).one()
print(f"{user.bio=} {[p.title for p in user.posts]=}")
#> user.bio='analyst' [p.title for p in user.posts]=['notes']
# --8<-- [end:selectinload]

# --8<-- [start:joinedload]
with Session(engine) as session:
    post = session.scalars(
        select(Post).options(joinedload(Post.author))
    ).one()
print(f"{post.author.name=}")
#> post.author.name='ada'
# --8<-- [end:joinedload]

# --8<-- [start:commit]
with Session(engine) as session:
    user = session.scalars(
        select(User).options(selectinload(User.posts), undefer(User.bio))
    ).one()
    session.commit()  # expires user.posts and user.bio with everything else
try:
    user.posts
except DetachedInstanceError as exc:
    print(type(exc).__name__, exc)
    #> DetachedInstanceError Parent instance <User at 0x7fd7afb53d90> is not bound to a Session; lazy load operation of attribute 'posts' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
try:
    user.bio
except DetachedInstanceError as exc:
    print(type(exc).__name__, exc)
    #> DetachedInstanceError Parent instance <User at 0x7fd3de53cb10> is not bound to a Session; deferred load operation of attribute 'bio' cannot proceed (Background on this error at: https://sqlalche.me/e/20/bhk3)
# --8<-- [end:commit]

# --8<-- [start:after_commit]
with Session(engine) as session:
    session.commit()  # whatever the work was
    user = session.scalars(
        select(User).options(selectinload(User.posts), undefer(User.bio))
    ).one()  # loaded after the commit: nothing expires it
print(f"{user.bio=} {[post.title for post in user.posts]=}")
#> user.bio='analyst' [post.title for post in user.posts]=['notes']
# --8<-- [end:after_commit]
