"""unique() required: fetching the objects of a query that joined-eager-loads
a collection raises InvalidRequestError; the JOIN returns a row per post."""

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    joinedload,
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

# --8<-- [start:trigger]
query = select(User).options(joinedload(User.posts)).order_by(User.id)
try:
    users = session.scalars(query).all()
except InvalidRequestError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.exc.InvalidRequestError: The unique() method must be invoked on this Result, as it contains results that include joined eager loads against collections
# --8<-- [end:trigger]

# --8<-- [start:rows]
joined = (
    select(User.name, Post.title)
    .outerjoin(User.posts)
    .order_by(User.id, Post.id)
)
print(session.execute(joined).all())
#> [('ada', 'notes'), ('ada', 'ideas'), ('bob', 'plans')]

# The eager load's statement: the same LEFT OUTER JOIN.
print([str(query)])
#> ['SELECT users.id, users.name, posts_1.id AS id_1, posts_1.author_id, posts_1.title \nFROM users LEFT OUTER JOIN posts AS posts_1 ON users.id = posts_1.author_id ORDER BY users.id']

# A join without the eager load hands out a User per row, ada twice.
per_row = select(User).outerjoin(User.posts).order_by(User.id, Post.id)
print([user.name for user in session.scalars(per_row)])
#> ['ada', 'ada', 'bob']
# --8<-- [end:rows]
session.close()
