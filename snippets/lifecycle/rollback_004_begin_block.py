"""Rollback: a session.begin() block commits when it ends normally and rolls
back on an exception."""

from sqlalchemy import String, create_engine, event, inspect, select
from sqlalchemy.exc import IntegrityError, InvalidRequestError
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

# COMMIT and ROLLBACK are not cursor statements: listen for them separately.
events: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    events.append(f"{statement} {parameters}")


@event.listens_for(engine, "commit")
def remember_commit(conn):
    events.append("COMMIT")


@event.listens_for(engine, "rollback")
def remember_rollback(conn):
    events.append("ROLLBACK")


def names() -> list[str]:
    with Session(engine) as check:
        return check.scalars(select(User.name).order_by(User.id)).all()


# --8<-- [end:setup]


# --8<-- [start:success]
with Session(engine) as session, session.begin():
    ada = User(name="ada")
    session.add_all([ada, User(name="grace")])
    print(f"inside the block: {events=}")
    #> inside the block: events=[]
for line in events:
    print(line)
    #> INSERT INTO users (name) VALUES (?) RETURNING id ('ada',)
    #> INSERT INTO users (name) VALUES (?) RETURNING id ('grace',)
    #> COMMIT
print(names())
#> ['ada', 'grace']
print(f"after the block: {(ada in session)=} {inspect(ada).detached=}")
#> after the block: (ada in session)=False inspect(ada).detached=True
# --8<-- [end:success]

# --8<-- [start:body_raises]
events.clear()
try:
    with Session(engine) as session, session.begin():
        session.add(User(name="alan"))
        session.flush()
        raise ValueError("not a database error")
except ValueError as exc:
    print(f"{type(exc).__name__}: {exc}")
    #> ValueError: not a database error
print(events)
#> ["INSERT INTO users (name) VALUES (?) ('alan',)", 'ROLLBACK']
print(names())
#> ['ada', 'grace']
# --8<-- [end:body_raises]

# --8<-- [start:failure]
events.clear()
try:
    with Session(engine) as session, session.begin():
        session.add(User(name="linus"))
        # taken: the flush at the end of the block fails
        session.add(User(name="ada"))
except IntegrityError as exc:
    print(type(exc).__name__, exc.orig)
    #> IntegrityError UNIQUE constraint failed: users.name
for line in events:
    print(line)
    #> INSERT INTO users (name) VALUES (?) RETURNING id ('linus',)
    #> INSERT INTO users (name) VALUES (?) RETURNING id ('ada',)
    #> ROLLBACK
print(names())
#> ['ada', 'grace']
# --8<-- [end:failure]

# --8<-- [start:already_begun]
session = Session(engine)
session.scalars(select(User)).all()  # autobegins a transaction
try:
    with session.begin():
        session.add(User(name="linus"))
except InvalidRequestError as exc:
    print(type(exc).__name__, exc)
    #> InvalidRequestError A transaction is already begun on this Session.
session.rollback()  # or commit(): end the transaction that autobegan

with session.begin():
    session.add(User(name="linus"))
print(names())
#> ['ada', 'grace', 'linus']
session.close()
# --8<-- [end:already_begun]
