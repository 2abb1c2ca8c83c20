"""Rollback: a failed flush leaves the Session unusable until rollback():
PendingRollbackError."""

from sqlalchemy import String, create_engine, event, inspect, select
from sqlalchemy.exc import IntegrityError, PendingRollbackError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada"))
    setup.commit()

session = Session(engine)

database_events: list[str] = []


@event.listens_for(engine, "rollback")
def remember_rollback(conn):
    database_events.append("ROLLBACK")


# --8<-- [end:setup]


# --8<-- [start:flush_fails]
grace = User(name="grace")
session.add(grace)
session.flush()  # grace's INSERT succeeds

session.add(User(name="ada"))  # the name is taken
try:
    session.flush()
except IntegrityError as exc:
    print(type(exc).__name__, exc)
    #> IntegrityError (sqlite3.IntegrityError) UNIQUE constraint failed: users.name
    #> [SQL: INSERT INTO users (name) VALUES (?)]
    #> [parameters: ('ada',)]
    #> (Background on this error at: https://sqlalche.me/e/21/gkpj)
print(f"{session.is_active=} {database_events=}")
#> session.is_active=False database_events=['ROLLBACK']
print(f"{inspect(grace).transient=}")  # already, before any rollback()
#> inspect(grace).transient=True
# --8<-- [end:flush_fails]

# --8<-- [start:next_use]
try:
    session.scalars(select(User)).all()
except PendingRollbackError as exc:
    print(type(exc).__name__, exc)
    #> PendingRollbackError This Session's transaction has been rolled back due to a previous exception during flush. To begin a new transaction with this Session, first issue Session.rollback(). Original exception was: (sqlite3.IntegrityError) UNIQUE constraint failed: users.name
    #> [SQL: INSERT INTO users (name) VALUES (?)]
    #> [parameters: ('ada',)]
    #> (Background on this error at: https://sqlalche.me/e/21/gkpj) (Background on this error at: https://sqlalche.me/e/21/7s2a)
    print(f"{exc.__cause__=} {exc.__context__=}")
    #> exc.__cause__=None exc.__context__=None
# --8<-- [end:next_use]

# --8<-- [start:commit_too]
try:
    session.commit()
except PendingRollbackError as exc:
    print(type(exc).__name__, exc.code)
    #> PendingRollbackError 7s2a
# --8<-- [end:commit_too]

# --8<-- [start:rollback]
session.rollback()
print(f"{session.is_active=}")
#> session.is_active=True
print(session.scalars(select(User.name)).all())
#> ['ada']
# --8<-- [end:rollback]
session.close()

# --8<-- [start:inside_except]
session = Session(engine)
session.add(User(name="ada"))  # taken
try:
    session.flush()
except IntegrityError:
    try:
        session.scalars(select(User)).all()  # used inside the except branch
    except PendingRollbackError as exc:
        print(f"{type(exc.__context__).__name__=}")
        #> type(exc.__context__).__name__='IntegrityError'
# --8<-- [end:inside_except]
session.close()
