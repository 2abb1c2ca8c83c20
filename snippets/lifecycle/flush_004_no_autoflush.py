"""Flush: no_autoflush and autoflush=False keep a query from flushing
first."""

from sqlalchemy import String, create_engine, event, inspect, select
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

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


session = Session(engine)

# --8<-- [start:too_early]
ada = User()  # the name comes later
session.add(ada)
try:
    taken = session.scalars(select(User.name)).all()
except IntegrityError as exc:
    print(type(exc).__name__, exc)
    #> IntegrityError (raised as a result of Query-invoked autoflush; consider using a session.no_autoflush block if this flush is occurring prematurely)
    #> (sqlite3.IntegrityError) NOT NULL constraint failed: users.name
    #> [SQL: INSERT INTO users (name) VALUES (?)]
    #> [parameters: (None,)]
    #> (Background on this error at: https://sqlalche.me/e/21/gkpj)
session.rollback()
# --8<-- [end:too_early]

# --8<-- [start:block]
statements.clear()
ada = User()
session.add(ada)

with session.no_autoflush:
    taken = session.scalars(select(User.name)).all()
    print(f"{taken=} {inspect(ada).pending=}")
    #> taken=[] inspect(ada).pending=True
ada.name = "ada"

taken = session.scalars(select(User.name)).all()
print(f"{taken=} {inspect(ada).persistent=}")
#> taken=['ada'] inspect(ada).persistent=True
for sql in statements:
    print(sql)
    #> SELECT users.name
    #> FROM users ()
    #> INSERT INTO users (name) VALUES (?) ('ada',)
    #> SELECT users.name
    #> FROM users ()
session.close()
# --8<-- [end:block]

# --8<-- [start:session_wide]
statements.clear()
session = Session(engine, autoflush=False)
grace = User(name="grace")
session.add(grace)

names = session.scalars(select(User.name)).all()
print(f"{names=} {inspect(grace).pending=}")
#> names=[] inspect(grace).pending=True

session.flush()
names = session.scalars(select(User.name)).all()
print(f"{names=} {inspect(grace).persistent=}")
#> names=['grace'] inspect(grace).persistent=True
for sql in statements:
    print(sql)
    #> SELECT users.name
    #> FROM users ()
    #> INSERT INTO users (name) VALUES (?) ('grace',)
    #> SELECT users.name
    #> FROM users ()
# --8<-- [end:session_wide]

# --8<-- [start:commit_still_flushes]
statements.clear()
session.add(User(name="linus"))
session.commit()
print(statements)
#> ["INSERT INTO users (name) VALUES (?) ('linus',)"]
session.close()
# --8<-- [end:commit_still_flushes]
