"""Loading: a lazy relationship sends one SELECT per object, the first time it
is read; a many-to-one whose target is already in the Session sends
none."""

from sqlalchemy import ForeignKey, String, create_engine, event, select
from sqlalchemy.orm import (
    DeclarativeBase,
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
            User(id=3, name="cy"),
        ]
    )
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


# --8<-- [end:setup]

# --8<-- [start:n_plus_one]
with Session(engine) as session:
    users = session.scalars(select(User).order_by(User.id)).all()
    print(f"after the query: {len(statements)} statement")
    #> after the query: 1 statement
    for user in users:
        titles = [post.title for post in user.posts]
    print(f"after the loop: {len(statements)} statements")
    #> after the loop: 4 statements
    print(statements[1:])
    #>[2.1] ['SELECT posts.id, posts.author_id, posts.title \nFROM posts \nWHERE ? = posts.author_id (1,)', 'SELECT posts.id, posts.author_id, posts.title \nFROM posts \nWHERE ? = posts.author_id (2,)', 'SELECT posts.id, posts.author_id, posts.title \nFROM posts \nWHERE ? = posts.author_id (3,)']
    #>[2.0] ['SELECT posts.id AS posts_id, posts.author_id AS posts_author_id, posts.title AS posts_title \nFROM posts \nWHERE ? = posts.author_id (1,)', 'SELECT posts.id AS posts_id, posts.author_id AS posts_author_id, posts.title AS posts_title \nFROM posts \nWHERE ? = posts.author_id (2,)', 'SELECT posts.id AS posts_id, posts.author_id AS posts_author_id, posts.title AS posts_title \nFROM posts \nWHERE ? = posts.author_id (3,)']

    statements.clear()
    titles = [post.title for post in users[0].posts]
    print(f"reading it again: {statements=}")
    #> reading it again: statements=[]
# --8<-- [end:n_plus_one]

# --8<-- [start:many_to_one]
with Session(engine) as session:
    ada = session.get(User, 1)
    post = session.get(Post, 10)
    statements.clear()
    print(f"{(post.author is ada)=} {statements=}")
    #> (post.author is ada)=True statements=[]

with Session(engine) as session:
    post = session.get(Post, 10)  # the author is not in this Session
    statements.clear()
    print(f"{post.author.name=} {len(statements)=}")
    #> post.author.name='ada' len(statements)=1
    print(statements)
    #>[2.1] ['SELECT users.id, users.name \nFROM users \nWHERE users.id = ? (1,)']
    #>[2.0] ['SELECT users.id AS users_id, users.name AS users_name \nFROM users \nWHERE users.id = ? (1,)']

with Session(engine) as session:
    ada = session.get(User, 1)
    post = session.get(Post, 10)
    session.expire(ada)  # in the Session, but expired
    statements.clear()
    print(f"{(post.author is ada)=} {len(statements)=}")
    #> (post.author is ada)=True len(statements)=1
# --8<-- [end:many_to_one]
