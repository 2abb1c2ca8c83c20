"""DetachedInstanceError (lazy load): with expire_on_commit=False, a failed
begin() block still expires the eager-loaded collection."""

from sqlalchemy import ForeignKey, String, create_engine, inspect, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    selectinload,
)
from sqlalchemy.orm.exc import DetachedInstanceError


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
# --8<-- [start:rollback]
session = Session(engine, expire_on_commit=False)
try:
    with session.begin():
        user = session.scalars(query).one()
        print(f"{len(user.posts)=}")  # loaded by selectinload()
        #> len(user.posts)=1
        raise TimeoutError("the payment service did not answer")
except TimeoutError:
    pass  # the block rolled back, and the rollback expired user
session.close()
print(f"{sorted(inspect(user).expired_attributes)=}")
#> sorted(inspect(user).expired_attributes)=['id', 'name', 'posts']

try:
    print([post.title for post in user.posts])
except DetachedInstanceError as exc:
    print(f"{type(exc).__name__}: {exc}")
    #> DetachedInstanceError: Parent instance <User at 0x7f7189446090> is not bound to a Session; lazy load operation of attribute 'posts' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:rollback]
