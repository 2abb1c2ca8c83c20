"""Close: reset() versus close(), and close_resets_only=False."""

from sqlalchemy import String, create_engine, inspect
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


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

# --8<-- [start:reset]
session = Session(engine)
ada = session.get(User, 1)
session.reset()
print(
    f"{inspect(ada).detached=} {session.in_transaction()=} "
    f"{len(session.identity_map)=}"
)
#> inspect(ada).detached=True session.in_transaction()=False len(session.identity_map)=0
print(f"{session.get(User, 1).name=}")  # still usable, like after close()
#> session.get(User, 1).name='ada'
session.close()
# --8<-- [end:reset]

# --8<-- [start:close_for_good]
session = Session(engine, close_resets_only=False)
session.get(User, 1)
session.reset()  # the same reset: the Session stays usable
print(f"{session.get(User, 1).name=}")
#> session.get(User, 1).name='ada'

session.close()  # with close_resets_only=False, this one is final
try:
    session.get(User, 1)
except InvalidRequestError as exc:
    print(type(exc).__name__, exc)
    #> InvalidRequestError This Session has been permanently closed and is unable to handle any more transaction requests.
try:
    session.add(User(name="grace"))
except InvalidRequestError as exc:
    print(type(exc).__name__, exc)
    #> InvalidRequestError This Session has been permanently closed and is unable to handle any more transaction requests.
# --8<-- [end:close_for_good]

# --8<-- [start:reset_after_close]
session.reset()
try:
    session.get(User, 1)
except InvalidRequestError as exc:
    print(type(exc).__name__, exc)
    #> InvalidRequestError This Session has been permanently closed and is unable to handle any more transaction requests.
# --8<-- [end:reset_after_close]
