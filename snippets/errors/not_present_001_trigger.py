"""Not present: expunge() of an object that is not in this Session."""

from sqlalchemy import String, create_engine
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

session = Session(engine)
# --8<-- [end:setup]

# --8<-- [start:trigger]
user = User(name="grace")  # never added to the session
try:
    session.expunge(user)
except InvalidRequestError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.exc.InvalidRequestError: Instance <User at 0x7f6e043f0250> is not present in this Session
# --8<-- [end:trigger]

# --8<-- [start:other_session]
other = Session(engine)
ada = other.get(User, 1)
try:
    session.expunge(ada)  # ada belongs to the other Session
except InvalidRequestError as exc:
    print(exc)
    #> Instance <User at 0x7f6e040a07d0> is not present in this Session

other.expunge(ada)  # now detached: no Session holds it
try:
    other.expunge(ada)  # a second expunge() finds nothing to remove
except InvalidRequestError as exc:
    print(f"detached: {exc}")
    #> detached: Instance <User at 0x7f44e1685ad0> is not present in this Session
# --8<-- [end:other_session]
other.close()
session.close()
