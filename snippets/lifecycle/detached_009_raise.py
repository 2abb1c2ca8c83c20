"""Detached objects: lazy="raise" and raiseload("*") turn a hidden lazy load
into an error in tests."""

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    raiseload,
    relationship,
    selectinload,
)


class Base(DeclarativeBase):
    pass


# --8<-- [start:models]
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    posts: Mapped[list["Post"]] = relationship(
        back_populates="author", lazy="raise"
    )


# --8<-- [end:models]


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(100))
    author: Mapped[User] = relationship(back_populates="posts")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada", posts=[Post(id=10, title="notes")]))
    setup.commit()

# --8<-- [start:lazy_raise]
with Session(engine) as session:
    user = session.get(User, 1)
    try:
        user.posts  # the session is open, and it still refuses
    except InvalidRequestError as exc:
        print(type(exc).__name__, exc)
        #> InvalidRequestError 'User.posts' is not available due to lazy='raise'
# --8<-- [end:lazy_raise]

# --8<-- [start:allowed]
with Session(engine) as session:
    user = session.scalars(
        select(User).options(selectinload(User.posts))
    ).one()
print([p.title for p in user.posts])
#> ['notes']
# --8<-- [end:allowed]

# --8<-- [start:raiseload]
with Session(engine) as session:
    post = session.scalars(select(Post).options(raiseload("*"))).one()
    try:
        post.author
    except InvalidRequestError as exc:
        print(type(exc).__name__, exc)
        #> InvalidRequestError 'Post.author' is not available due to lazy='raise'
# --8<-- [end:raiseload]
