"""DetachedInstanceError (lazy load), fix: load the relationship in the query
with selectinload()."""

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
    posts: Mapped[list["Post"]] = relationship()


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(100))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada", posts=[Post(title="notes")]))
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


# --8<-- [end:setup]


# --8<-- [start:fix]
with Session(engine) as session:
    query = select(User).where(User.id == 1).options(selectinload(User.posts))
    user = session.scalars(query).one()
    for sql in statements:
        print(sql)
        #> SELECT users.id, users.name
        #> FROM users
        #> WHERE users.id = ? (1,)
        #>[2.1] SELECT posts.author_id, posts.id, posts.title
        #>[2.0] SELECT posts.author_id AS posts_author_id, posts.id AS posts_id, posts.title AS posts_title
        #> FROM posts
        #> WHERE posts.author_id IN (?) (1,)

print([post.title for post in user.posts])  # detached, but already loaded
#> ['notes']
# --8<-- [end:fix]
