"""unique() required: a relationship declared lazy="joined" joins on every
select() of its class, with no option in the query."""

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    joinedload,
    mapped_column,
    relationship,
    selectinload,
)


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    posts: Mapped[list["Post"]] = relationship(
        back_populates="author", lazy="joined"
    )


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(100))
    author: Mapped[User] = relationship(back_populates="posts")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add_all(
        [
            User(
                id=1,
                name="ada",
                posts=[
                    Post(id=10, title="notes"),
                    Post(id=11, title="ideas"),
                ],
            ),
            User(id=2, name="bob", posts=[Post(id=20, title="plans")]),
        ]
    )
    setup.commit()

session = Session(engine)
# --8<-- [end:setup]

# --8<-- [start:calls]
calls = {
    "scalars(select(User)).all()": lambda: session.scalars(
        select(User)
    ).all(),
    "scalars(select(User)).unique().all()": lambda: (
        session.scalars(select(User)).unique().all()
    ),
    "select(User) with selectinload(User.posts)": lambda: session.scalars(
        select(User).options(selectinload(User.posts))
    ).all(),
    "select(Post) with joinedload(Post.author)": lambda: session.scalars(
        select(Post).options(joinedload(Post.author))
    ).all(),
}
for label, call in calls.items():
    session.expunge_all()
    try:
        result = call()
        outcome = f"fine, {len(result)} objects"
    except InvalidRequestError as exc:
        outcome = type(exc).__name__
    print(f"{label}: {outcome}")
    #> scalars(select(User)).all(): InvalidRequestError
    #> scalars(select(User)).unique().all(): fine, 2 objects
    #> select(User) with selectinload(User.posts): fine, 2 objects
    #> select(Post) with joinedload(Post.author): InvalidRequestError
# --8<-- [end:calls]
session.close()
