"""unique() required: which ways of fetching raise it, and which do not."""

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    contains_eager,
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

# --8<-- [start:calls]
query = select(User).options(joinedload(User.posts)).order_by(User.id)
calls = {
    "scalars(query).all()": lambda: session.scalars(query).all(),
    "a for loop over scalars(query)": lambda: [
        u for u in session.scalars(query)
    ],
    "execute(query).all()": lambda: session.execute(query).all(),
    "scalars(query).fetchmany(1)": lambda: session.scalars(query).fetchmany(
        1
    ),
    "scalars(query for bob, one row).one()": lambda: session.scalars(
        query.where(User.id == 2)
    ).one(),
    "scalars(query for bob).one_or_none()": lambda: session.scalars(
        query.where(User.id == 2)
    ).one_or_none(),
    "scalars(query for nobody, no rows).all()": lambda: session.scalars(
        query.where(User.id == 99)
    ).all(),
    "scalars(query).first()": lambda: session.scalars(query).first(),
    "session.scalar(query)": lambda: session.scalar(query),
    "get(User, 1, options=[joinedload(...)])": lambda: session.get(
        User, 1, options=[joinedload(User.posts)]
    ),
    "joinedload(Post.author), a many-to-one": lambda: session.scalars(
        select(Post).options(joinedload(Post.author))
    ).all(),
    "joinedload(Post.author).joinedload(User.posts)": lambda: session.scalars(
        select(Post).options(joinedload(Post.author).joinedload(User.posts))
    ).all(),
    "legacy session.query(User).options(...).all()": lambda: (
        session.query(User).options(joinedload(User.posts)).all()
    ),
    "contains_eager(User.posts) after a join": lambda: session.scalars(
        select(User).join(User.posts).options(contains_eager(User.posts))
    ).all(),
}
for label, call in calls.items():
    session.expunge_all()
    try:
        result = call()
        outcome = (
            f"fine, {len(result)} objects" if type(result) is list else "fine"
        )
    except InvalidRequestError as exc:
        outcome = type(exc).__name__
    print(f"{label}: {outcome}")
    #> scalars(query).all(): InvalidRequestError
    #> a for loop over scalars(query): InvalidRequestError
    #> execute(query).all(): InvalidRequestError
    #> scalars(query).fetchmany(1): InvalidRequestError
    #> scalars(query for bob, one row).one(): InvalidRequestError
    #> scalars(query for bob).one_or_none(): InvalidRequestError
    #> scalars(query for nobody, no rows).all(): fine, 0 objects
    #> scalars(query).first(): fine
    #> session.scalar(query): fine
    #> get(User, 1, options=[joinedload(...)]): fine
    #> joinedload(Post.author), a many-to-one: fine, 3 objects
    #> joinedload(Post.author).joinedload(User.posts): InvalidRequestError
    #> legacy session.query(User).options(...).all(): fine, 2 objects
    #> contains_eager(User.posts) after a join: InvalidRequestError
# --8<-- [end:calls]

# --8<-- [start:first]
session.expunge_all()
ada = session.scalars(query).first()
print(f"first(): {sorted(post.title for post in ada.posts)}")
#> first(): ['ideas', 'notes']
session.expunge_all()
ada = session.scalar(query)
print(f"scalar(): {sorted(post.title for post in ada.posts)}")
#> scalar(): ['ideas', 'notes']
# --8<-- [end:first]

# --8<-- [start:yield_per]
session.expunge_all()
batched = query.execution_options(yield_per=100)
try:
    users = session.scalars(batched).unique().all()
except InvalidRequestError as exc:
    print(f"{type(exc).__name__}: {exc}")
    #> InvalidRequestError: Can't use yield_per with eager loaders that require uniquing or row buffering, e.g. joinedload() against collections or subqueryload().  Consider the selectinload() strategy for better flexibility in loading objects.
# --8<-- [end:yield_per]
session.close()
