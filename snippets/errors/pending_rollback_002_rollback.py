"""PendingRollbackError, fixed: call rollback() where the flush error is
caught; close() ends the failed transaction too."""

from sqlalchemy import String, create_engine
from sqlalchemy.exc import IntegrityError
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

session = Session(engine)

# --8<-- [start:rollback]
session.add(User(id=1, name="grace"))
try:
    session.commit()
except IntegrityError as exc:
    session.rollback()  # ends the failed transaction
    print(f"rolled back after {type(exc).__name__}; {session.is_active=}")
    #> rolled back after IntegrityError; session.is_active=True

print(session.get(User, 1).name)  # the Session works again
#> ada
# --8<-- [end:rollback]
session.close()

# --8<-- [start:close]
session = Session(engine)
session.add(User(id=1, name="grace"))
try:
    session.flush()
except IntegrityError:
    pass  # swallowed
session.close()  # close() ends the failed transaction too
print(f"{session.is_active=} {session.in_transaction()=}")
#> session.is_active=True session.in_transaction()=False
print(session.get(User, 1).name)  # the next use begins a new transaction
#> ada
# --8<-- [end:close]
session.close()
