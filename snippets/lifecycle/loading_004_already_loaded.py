"""Loading: an eager load in a later query fills in a collection the Session
has not loaded, but does not replace one it has, even though it sends the
SELECT; populate_existing does replace it."""

from sqlalchemy import (
    ForeignKey,
    String,
    create_engine,
    event,
    inspect,
    select,
    text,
)
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

# --8<-- [start:unloaded]
with Session(engine) as session:
    ada = session.get(User, 1)
    print(f"{inspect(ada).unloaded=}")
    #> inspect(ada).unloaded={'posts'}
    statements.clear()
    session.scalars(
        select(User).where(User.id == 1).options(selectinload(User.posts))
    ).one()
    print(f"{len(statements)=} {inspect(ada).unloaded=}")
    #> len(statements)=2 inspect(ada).unloaded=set()
    statements.clear()
    print([post.title for post in ada.posts], statements)
    #> ['notes', 'ideas'] []
# --8<-- [end:unloaded]

# --8<-- [start:loaded]
with Session(engine) as session:
    ada = session.get(User, 1)
    print([post.title for post in ada.posts])
    #> ['notes', 'ideas']
    # A new post for ada, written behind the ORM's back.
    session.connection().execute(
        text(
            "INSERT INTO posts (id, author_id, title) VALUES (12, 1, 'draft')"
        )
    )

    statements.clear()
    again = session.scalars(
        select(User).where(User.id == 1).options(selectinload(User.posts))
    ).one()
    print(f"{(again is ada)=} {len(statements)=}")
    #> (again is ada)=True len(statements)=2
    print(statements[1:])
    #>[2.1] ['SELECT posts.author_id, posts.id, posts.title \nFROM posts \nWHERE posts.author_id IN (?) (1,)']
    #>[2.0] ['SELECT posts.author_id AS posts_author_id, posts.id AS posts_id, posts.title AS posts_title \nFROM posts \nWHERE posts.author_id IN (?) (1,)']
    print([post.title for post in ada.posts])
    #> ['notes', 'ideas']

    session.scalars(
        select(User)
        .where(User.id == 1)
        .options(selectinload(User.posts))
        .execution_options(populate_existing=True)
    ).one()
    print([post.title for post in ada.posts])
    #> ['notes', 'ideas', 'draft']

    session.connection().execute(
        text(
            "INSERT INTO posts (id, author_id, title) VALUES (13, 1, 'todo')"
        )
    )
    session.refresh(ada, ["posts"])
    print([post.title for post in ada.posts])
    #> ['notes', 'ideas', 'draft', 'todo']
# --8<-- [end:loaded]
