"""PendingRollbackError: a failed flush is caught, and the Session is used
again without rollback()."""

from sqlalchemy import String, create_engine
from sqlalchemy.exc import IntegrityError, PendingRollbackError
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
session.add(User(id=1, name="grace"))  # id 1 is taken
try:
    session.flush()
except IntegrityError:
    pass  # swallowed: no rollback()
print(f"{session.is_active=} {session.in_transaction()=}")
#> session.is_active=False session.in_transaction()=True

try:
    session.get(User, 1)
except PendingRollbackError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.exc.PendingRollbackError: This Session's transaction has been rolled back due to a previous exception during flush. To begin a new transaction with this Session, first issue Session.rollback(). Original exception was: (sqlite3.IntegrityError) UNIQUE constraint failed: users.id
    #> [SQL: INSERT INTO users (id, name) VALUES (?, ?)]
    #> [parameters: (1, 'grace')]
    #> (Background on this error at: https://sqlalche.me/e/21/gkpj) (Background on this error at: https://sqlalche.me/e/21/7s2a)
# --8<-- [end:trigger]

# --8<-- [start:mro]
print([cls.__name__ for cls in PendingRollbackError.__mro__[:3]])
#> ['PendingRollbackError', 'InvalidRequestError', 'SQLAlchemyError']
# --8<-- [end:mro]
session.close()
