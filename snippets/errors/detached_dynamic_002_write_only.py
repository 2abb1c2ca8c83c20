"""Detached dynamic relationship, fix: WriteOnlyMapped builds a SELECT you run
in an open Session."""

from sqlalchemy import ForeignKey, String, create_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    WriteOnlyMapped,
    mapped_column,
    relationship,
)


class Base(DeclarativeBase):
    pass


# --8<-- [start:models]
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    # the same as lazy="write_only"
    posts: WriteOnlyMapped["Post"] = relationship()


# --8<-- [end:models]


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(100))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada"))
    setup.add_all(
        [
            Post(author_id=1, title="notes"),
            Post(author_id=1, title="sketches"),
        ]
    )
    setup.commit()

# --8<-- [start:fix]
with Session(engine) as session:
    user = session.get(User, 1)
# user is detached; user.posts cannot be iterated at all, only turned into a
# SELECT

try:
    iter(user.posts)
except TypeError as exc:
    print(f"{type(exc).__name__}: {exc}")
    #> TypeError: WriteOnly collections don't support iteration in-place; to query for collection items, use the select() method to produce a SQL statement and execute it with session.scalars().

with Session(engine) as session:  # any open Session can run the statement
    posts = session.scalars(user.posts.select().order_by(Post.id)).all()
    print([post.title for post in posts])
    #> ['notes', 'sketches']
# --8<-- [end:fix]
