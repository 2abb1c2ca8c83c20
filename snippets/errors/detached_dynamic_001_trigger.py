"""Detached dynamic relationship: an SAWarning and an empty result instead of
an error."""

import warnings

from sqlalchemy import ForeignKey, String, create_engine, func, select
from sqlalchemy.orm import (
    DeclarativeBase,
    DynamicMapped,
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
    # the same as lazy="dynamic"
    posts: DynamicMapped["Post"] = relationship()


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
# --8<-- [end:setup]

# --8<-- [start:trigger]
with Session(engine) as session:
    user = session.get(User, 1)
# user is detached; user.posts is a query with no Session to run it

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    titles = [post.title for post in user.posts]
for w in caught:
    print(f"{w.category.__module__}.{w.category.__name__}: {w.message}")
    #> sqlalchemy.exc.SAWarning: Instance <User at 0x7f8f88bdd8d0> is detached, dynamic relationship cannot return a correct result.   This warning will become a DetachedInstanceError in a future release.
# --8<-- [end:trigger]

# --8<-- [start:wrong_result]
print(f"{titles=}")
#> titles=[]
with warnings.catch_warnings(record=True):
    warnings.simplefilter("always")
    print(f"{user.posts.count()=}")
    #> user.posts.count()=0
with Session(engine) as session:
    real = session.scalar(
        select(func.count()).select_from(Post).where(Post.author_id == 1)
    )
    print(f"rows in the database: {real}")
    #> rows in the database: 2
# --8<-- [end:wrong_result]
