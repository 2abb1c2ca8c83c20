"""DetachedInstanceError (lazy load): a commit after the eager load expires it
again; load after the commit."""

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    selectinload,
)
from sqlalchemy.orm.exc import DetachedInstanceError


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

query = select(User).where(User.id == 1).options(selectinload(User.posts))
# --8<-- [end:setup]

# --8<-- [start:wasted]
with Session(engine) as session:
    user = session.scalars(query).one()
    user.name = "ada lovelace"
    session.commit()  # expires user, posts included

try:
    print(user.posts)
except DetachedInstanceError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.orm.exc.DetachedInstanceError: Parent instance <User at 0x7f81e0615650> is not bound to a Session; lazy load operation of attribute 'posts' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:wasted]

# --8<-- [start:fix]
with Session(engine) as session:
    user = session.scalars(query).one()
    user.name = "ada king"
    session.commit()
    user = session.scalars(query).one()  # load again after the commit

print(f"{user.name=} {[post.title for post in user.posts]=}")
#> user.name='ada king' [post.title for post in user.posts]=['notes']

with Session(engine, expire_on_commit=False) as session:
    user = session.scalars(query).one()
    user.name = "ada lovelace"
    session.commit()  # expires nothing

print(f"{user.name=} {[post.title for post in user.posts]=}")
#> user.name='ada lovelace' [post.title for post in user.posts]=['notes']
# --8<-- [end:fix]
