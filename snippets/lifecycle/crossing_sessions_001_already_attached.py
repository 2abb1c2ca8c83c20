"""Crossing sessions: add() refuses an object that belongs to another open
Session."""

import warnings

from sqlalchemy import ForeignKey, String, create_engine
from sqlalchemy.exc import IntegrityError, InvalidRequestError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    object_session,
    relationship,
)


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    author: Mapped[User] = relationship()


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada"))
    setup.commit()
# --8<-- [end:setup]

# --8<-- [start:add]
session_a = Session(engine)
session_b = Session(engine)
ada = session_a.get(User, 1)
print(
    f"{session_a.hash_key=} {session_b.hash_key=} "
    f"{(object_session(ada) is session_a)=}"
)
#> session_a.hash_key=2 session_b.hash_key=3 (object_session(ada) is session_a)=True

try:
    session_b.add(ada)
except InvalidRequestError as exc:
    print(type(exc).__name__, exc)
    #> InvalidRequestError Object '<User at 0x7f27484986d0>' is already attached to session '2' (this is '3')
# --8<-- [end:add]

# --8<-- [start:cascade]
post = Post(title="Notes on the Analytical Engine", author=ada)
try:
    session_b.add(post)  # the cascade along Post.author tries to add ada too
except InvalidRequestError as exc:
    print(type(exc).__name__, exc)
    #> InvalidRequestError Object '<User at 0x7f27484986d0>' is already attached to session '2' (this is '3')
print(f"{(post in session_b)=}")
#> (post in session_b)=True
# --8<-- [end:cascade]

# --8<-- [start:cascade_commit]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
        session_b.commit()
    except IntegrityError as exc:
        print(type(exc).__name__, exc.orig)
        #> IntegrityError NOT NULL constraint failed: posts.author_id
        print(exc.statement, exc.params)
        #> INSERT INTO posts (title, author_id) VALUES (?, ?) ('Notes on the Analytical Engine', None)
for warning in caught:
    print(warning.category.__name__, warning.message)
    #> SAWarning Object of type <User> not in session, add operation along 'Post.author' won't proceed
session_b.rollback()
# --8<-- [end:cascade_commit]
session_a.close()
session_b.close()
