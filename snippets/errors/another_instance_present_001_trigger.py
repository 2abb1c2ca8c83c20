"""Another instance present: add() of a detached object whose row this Session
already holds."""

from sqlalchemy import String, create_engine, inspect
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada"))
    setup.commit()
# --8<-- [end:setup]

# --8<-- [start:trigger]
with Session(engine) as first:
    detached_ada = first.get(User, 1)
# the block closed "first": detached_ada is detached, with identity key (User,
# (1,))

session = Session(engine)
# this Session loads its own object for the same row
ada = session.get(User, 1)
print(f"{inspect(detached_ada).identity_key=}")
#> inspect(detached_ada).identity_key=(<class '__main__.User'>, (1,), None)

try:
    session.add(detached_ada)
except InvalidRequestError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.exc.InvalidRequestError: Can't attach instance <User at 0x7f0ec1354510>; another instance with key (<class '__main__.User'>, (1,), None) is already present in this session.
# --8<-- [end:trigger]
session.close()
