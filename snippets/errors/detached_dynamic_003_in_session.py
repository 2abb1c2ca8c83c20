"""Detached dynamic relationship, fix: use the dynamic query while the object
is attached."""

from sqlalchemy import ForeignKey, String, create_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    DynamicMapped,
    Mapped,
    Session,
    mapped_column,
    relationship,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
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

with Session(engine) as session:
    user = session.get(User, 1)
# user is detached here

# --8<-- [start:fix]
with Session(engine) as session:
    # attach it to this Session: the dynamic query has one to run in
    session.add(user)
    titles = [post.title for post in user.posts.order_by(Post.id)]
print(f"{titles=}")
#> titles=['notes', 'sketches']
# --8<-- [end:fix]
