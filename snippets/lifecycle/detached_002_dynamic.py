"""Detached objects: a lazy="dynamic" relationship iterated or counted does
not raise; it warns (or not) and returns a wrong result. A query method
raises."""

import warnings

from sqlalchemy import ForeignKey, String, create_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    DynamicMapped,
    Mapped,
    Session,
    mapped_column,
    relationship,
)
from sqlalchemy.orm.exc import DetachedInstanceError


class Base(DeclarativeBase):
    pass


# --8<-- [start:models]
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    # the same as lazy="dynamic"
    posts: DynamicMapped["Post"] = relationship()


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
    setup.add(Post(id=10, author_id=1, title="notes"))
    setup.commit()

# --8<-- [start:dynamic]
with Session(engine) as session:
    user = session.get(User, 1)
    print(f"{user.posts.count()=}")
    #> user.posts.count()=1

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    titles = [post.title for post in user.posts]
print(f"{titles=}")
#> titles=[]
for warning in caught:
    print(warning.category.__name__, warning.message)
    #> SAWarning Instance <User at 0x7fd41cf85b90> is detached, dynamic relationship cannot return a correct result.   This warning will become a DetachedInstanceError in a future release.

with warnings.catch_warnings():
    warnings.simplefilter("error")  # even with warnings as errors:
    print(f"{user.posts.count()=}")
    #> user.posts.count()=0

try:  # a query method does raise
    user.posts.order_by(Post.id).all()
except DetachedInstanceError as exc:
    print(type(exc).__name__, exc)
    #> DetachedInstanceError Parent instance <User at 0x7f8723a79210> is not bound to a Session, and no contextual session is established; lazy load operation of attribute 'posts' cannot proceed (Background on this error at: https://sqlalche.me/e/20/bhk3)
# --8<-- [end:dynamic]
