"""Deleted: add() of an object whose DELETE was flushed, in the same Session
or after the commit."""

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
session = Session(engine)
ada = session.get(User, 1)
session.delete(ada)
session.flush()  # DELETE sent: ada is in the "deleted" state
print(f"{inspect(ada).deleted=} {inspect(ada).was_deleted=}")
#> inspect(ada).deleted=True inspect(ada).was_deleted=True

try:
    session.add(ada)
except InvalidRequestError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.exc.InvalidRequestError: Instance '<User at 0x7f340f94c450>' has been deleted.  Use the make_transient() function to send this object back to the transient state.
# --8<-- [end:trigger]

# --8<-- [start:after_commit]
session.commit()  # ada is now detached, and remembers it was deleted
print(
    f"{inspect(ada).deleted=} {inspect(ada).was_deleted=} "
    f"{inspect(ada).detached=}"
)
#> inspect(ada).deleted=False inspect(ada).was_deleted=True inspect(ada).detached=True
with Session(engine) as other:
    try:
        other.add(ada)
    except InvalidRequestError as exc:
        print(exc)
        #> Instance '<User at 0x7f340f94c450>' has been deleted.  Use the make_transient() function to send this object back to the transient state.
# --8<-- [end:after_commit]
session.close()
