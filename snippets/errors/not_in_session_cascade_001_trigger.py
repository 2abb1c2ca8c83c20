"""'not in session, add operation along ... won't proceed': the flush skips a
related object it does not own."""

import warnings

from sqlalchemy import ForeignKey, String, create_engine, select
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


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    author: Mapped[User | None] = relationship()


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada"))
    setup.commit()
# --8<-- [end:setup]

# --8<-- [start:trigger]
session = Session(engine)
ada = session.get(User, 1)
# the cascade adds ada too (she is already here)
session.add(Post(title="notes", author=ada))
session.expunge(ada)  # ...and this takes her out again

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    session.commit()  # no exception
for w in caught:
    print(f"{w.category.__module__}.{w.category.__name__}: {w.message}")
    #> sqlalchemy.exc.SAWarning: Object of type <User> not in session, add operation along 'Post.author' won't proceed
# --8<-- [end:trigger]

# --8<-- [start:saved]
print(session.execute(select(Post.title, Post.author_id)).all())
#> [('notes', None)]
# --8<-- [end:saved]
session.close()
