"""DetachedInstanceError (lazy load): a relationship never loaded while the
Session was open."""

from sqlalchemy import ForeignKey, String, create_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
)
from sqlalchemy.orm.exc import DetachedInstanceError


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    posts: Mapped[list["Post"]] = relationship()  # lazy="select", the default


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
# --8<-- [end:setup]

# --8<-- [start:trigger]
with Session(engine) as session:
    # loads the users row; posts is not loaded yet
    user = session.get(User, 1)

print(f"{user.name=}")  # loaded columns are fine
#> user.name='ada'
try:
    print(user.posts)
except DetachedInstanceError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.orm.exc.DetachedInstanceError: Parent instance <User at 0x7f5382e85cd0> is not bound to a Session; lazy load operation of attribute 'posts' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:trigger]
