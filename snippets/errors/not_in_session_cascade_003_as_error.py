"""'not in session ... won't proceed', fix: turn SAWarning into an error so
the commit cannot pass silently."""

import warnings

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.exc import SAWarning
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
)


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

# --8<-- [start:error]
# e.g. in conftest.py, or python -W error::...
warnings.simplefilter("error", SAWarning)

session = Session(engine)
ada = session.get(User, 1)
session.add(Post(title="notes", author=ada))
session.expunge(ada)
try:
    session.commit()
except SAWarning as exc:
    print(f"raised: {type(exc).__name__}")
    #> raised: SAWarning
    session.rollback()
print(session.execute(select(Post.title, Post.author_id)).all())
#> []
# --8<-- [end:error]
session.close()
