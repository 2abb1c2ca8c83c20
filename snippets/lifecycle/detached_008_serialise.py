"""Detached objects: build plain data while the session is open, and hand that
out."""

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
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


# --8<-- [start:serialise]
def user_payload(user_id: int) -> dict:
    with Session(engine) as session:
        user = session.get(User, user_id)
        return {
            "id": user.id,
            "name": user.name,
            "posts": [{"id": p.id, "title": p.title} for p in user.posts],
        }


payload = user_payload(1)
print(payload)
#> {'id': 1, 'name': 'ada', 'posts': [{'id': 10, 'title': 'notes'}]}
# --8<-- [end:serialise]


# --8<-- [start:rows]
def post_titles(user_id: int) -> list[str]:
    with Session(engine) as session:
        return list(
            session.scalars(
                select(Post.title).where(Post.author_id == user_id)
            )
        )


print(post_titles(1))
#> ['notes']
# --8<-- [end:rows]
