"""Expire versus refresh: a plain refresh() leaves deferred columns and lazy
relationships unloaded."""

from sqlalchemy import ForeignKey, String, Text, create_engine, event, inspect
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
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
    # loaded only when read
    bio: Mapped[str] = mapped_column(Text, deferred=True)
    # lazy="select"
    posts: Mapped[list["Post"]] = relationship(back_populates="author")


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(100))
    author: Mapped[User] = relationship(back_populates="posts")


# --8<-- [end:models]

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(
        User(
            id=1,
            name="ada",
            bio="First programmer.",
            posts=[Post(id=1, title="Notes")],
        )
    )
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


session = Session(engine)

# --8<-- [start:refresh]
user = session.get(User, 1)
user.bio, user.posts  # load both: now nothing is unloaded
print(f"before refresh: {sorted(inspect(user).unloaded)=}")
#> before refresh: sorted(inspect(user).unloaded)=[]

statements.clear()
session.refresh(user)
print(f"after refresh:  {sorted(inspect(user).unloaded)=}")
#> after refresh:  sorted(inspect(user).unloaded)=['bio', 'posts']
for sql in statements:
    print(sql)
    #> SELECT users.id, users.name
    #> FROM users
    #> WHERE users.id = ? (1,)
# --8<-- [end:refresh]

# --8<-- [start:named]
statements.clear()
session.refresh(user, ["posts", "bio"])
print(f"{sorted(inspect(user).unloaded)=}")
#> sorted(inspect(user).unloaded)=[]
for sql in statements:
    print(sql)
    #> SELECT users.id, users.bio
    #> FROM users
    #> WHERE users.id = ? (1,)
    #>[2.1] SELECT posts.id, posts.user_id, posts.title
    #>[2.0] SELECT posts.id AS posts_id, posts.user_id AS posts_user_id, posts.title AS posts_title
    #> FROM posts
    #> WHERE ? = posts.user_id (1,)
# --8<-- [end:named]
session.close()
