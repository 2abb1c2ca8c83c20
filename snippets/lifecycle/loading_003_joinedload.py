"""Loading: joinedload() adds a LEFT OUTER JOIN to the query itself; for a
collection the result needs .unique(), and a LIMIT moves into a subquery."""

from sqlalchemy import ForeignKey, String, create_engine, event, select
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
            User(id=3, name="cy"),
        ]
    )
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


# --8<-- [end:setup]

# --8<-- [start:joinedload]
with Session(engine) as session:
    post = session.scalars(
        select(Post).where(Post.id == 10).options(joinedload(Post.author))
    ).one()
    print(statements)
    #> ['SELECT posts.id, posts.author_id, posts.title, users_1.id AS id_1, users_1.name \nFROM posts LEFT OUTER JOIN users AS users_1 ON users_1.id = posts.author_id \nWHERE posts.id = ? (10,)']
    statements.clear()
    print(f"{post.author.name=} {statements=}")
    #> post.author.name='ada' statements=[]
# --8<-- [end:joinedload]

# --8<-- [start:unique]
with Session(engine) as session:
    # What the LEFT OUTER JOIN returns: a row per post, a user per row.
    joined = select(User.name).outerjoin(User.posts).order_by(User.id)
    print(session.scalars(joined).all())
    #> ['ada', 'ada', 'bob', 'cy']

    query = select(User).order_by(User.id).options(joinedload(User.posts))
    statements.clear()
    result = session.scalars(query)
    print(f"statements sent: {len(statements)}")
    #> statements sent: 1
    try:
        users = result.all()
    except InvalidRequestError as exc:
        print(type(exc).__name__, exc)
        #> InvalidRequestError The unique() method must be invoked on this Result, as it contains results that include joined eager loads against collections

    # One user, one row: nothing repeats, and it raises all the same.
    try:
        session.scalars(query.where(User.id == 2)).all()
    except InvalidRequestError as exc:
        print(f"bob alone: {type(exc).__name__}")
        #> bob alone: InvalidRequestError

    users = session.scalars(query).unique().all()
    print([(user.name, len(user.posts)) for user in users])
    #> [('ada', 2), ('bob', 1), ('cy', 0)]
# --8<-- [end:unique]

# --8<-- [start:limit]
statements.clear()
with Session(engine) as session:
    users = (
        session.scalars(
            select(User)
            .order_by(User.id)
            .limit(2)
            .options(joinedload(User.posts))
        )
        .unique()
        .all()
    )
    print([(user.name, len(user.posts)) for user in users])
    #> [('ada', 2), ('bob', 1)]
    print(statements)
    #> ['SELECT anon_1.id, anon_1.name, posts_1.id AS id_1, posts_1.author_id, posts_1.title \nFROM (SELECT users.id AS id, users.name AS name \nFROM users ORDER BY users.id\n LIMIT ? OFFSET ?) AS anon_1 LEFT OUTER JOIN posts AS posts_1 ON anon_1.id = posts_1.author_id ORDER BY anon_1.id (2, 0)']
# --8<-- [end:limit]
