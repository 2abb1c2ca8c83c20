"""Not persistent: refresh() of an object this Session does not hold in its
identity map."""

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
user = User(name="grace")  # transient: never added, never flushed
try:
    session.refresh(user)
except InvalidRequestError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.exc.InvalidRequestError: Instance '<User at 0x7feee2753f50>' is not persistent within this Session
# --8<-- [end:trigger]

# --8<-- [start:pending]
session.add(user)  # pending: added, but no INSERT has been sent yet
try:
    session.refresh(user)
except InvalidRequestError as exc:
    print(f"pending: {exc}")
    #> pending: Instance '<User at 0x7f29666d7d50>' is not persistent within this Session
session.expunge(user)
# --8<-- [end:pending]

# --8<-- [start:other_calls]
other = Session(engine)
ada = other.get(User, 1)  # persistent, but in the *other* Session
for call in (session.refresh, session.expire):
    try:
        call(ada)
    except InvalidRequestError as exc:
        print(f"{call.__name__}(): {exc}")
        #> refresh(): Instance '<User at 0x7feee241c610>' is not persistent within this Session
        #> expire(): Instance '<User at 0x7feee241c610>' is not persistent within this Session
print(f"{(ada in session)=} {(ada in other)=}")
#> (ada in session)=False (ada in other)=True
# --8<-- [end:other_calls]
other.close()
session.close()
