"""Loading: selectinload() loads a collection for every object of a query
with one more SELECT ... WHERE ... IN (per 500 objects), and what it loaded
stays readable after the Session is closed."""

from sqlalchemy import ForeignKey, String, create_engine, event, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
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

# --8<-- [start:selectinload]
with Session(engine) as session:
    users = session.scalars(
        select(User).order_by(User.id).options(selectinload(User.posts))
    ).all()
    print(f"after the query: {len(statements)} statements")
    #> after the query: 2 statements
    print(statements)
    #>[2.1] ['SELECT users.id, users.name \nFROM users ORDER BY users.id ()', 'SELECT posts.author_id, posts.id, posts.title \nFROM posts \nWHERE posts.author_id IN (?, ?, ?) (1, 2, 3)']
    #>[2.0] ['SELECT users.id, users.name \nFROM users ORDER BY users.id ()', 'SELECT posts.author_id AS posts_author_id, posts.id AS posts_id, posts.title AS posts_title \nFROM posts \nWHERE posts.author_id IN (?, ?, ?) (1, 2, 3)']
    statements.clear()
    titles = [[post.title for post in user.posts] for user in users]
    print(f"{titles=} {statements=}")
    #> titles=[['notes', 'ideas'], ['plans'], []] statements=[]
# --8<-- [end:selectinload]

# --8<-- [start:after_close]
print(f"after close: {users[0].posts[0].title=}")
#> after close: users[0].posts[0].title='notes'
# --8<-- [end:after_close]

# --8<-- [start:batches]
with Session(engine) as session:
    session.add_all([User(id=100 + n, name=f"user{n}") for n in range(1000)])
    session.flush()
    statements.clear()
    users = session.scalars(
        select(User).options(selectinload(User.posts))
    ).all()
    print(f"{len(users)=} {len(statements)=}")
    #> len(users)=1003 len(statements)=4
    print([statement.count("?") for statement in statements])
    #> [0, 500, 500, 3]
# --8<-- [end:batches]
