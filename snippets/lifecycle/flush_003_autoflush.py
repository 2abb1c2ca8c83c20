"""Flush: autoflush sends pending changes before a query runs, and commit()
flushes first."""

from sqlalchemy import String, create_engine, event, select
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

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


@event.listens_for(engine, "commit")
def remember_commit(conn):
    statements.append("COMMIT")


session = Session(engine)
# --8<-- [end:setup]

# --8<-- [start:query]
session.add(User(name="ada"))
print(f"{statements=}")
#> statements=[]

names = session.scalars(select(User.name)).all()
print(f"{names=}")
#> names=['ada']
for sql in statements:
    print(sql)
    #> INSERT INTO users (name) VALUES (?) ('ada',)
    #> SELECT users.name
    #> FROM users ()
# --8<-- [end:query]

# --8<-- [start:commit]
statements.clear()
session.add(User(name="grace"))
session.commit()
for sql in statements:
    print(sql)
    #> INSERT INTO users (name) VALUES (?) ('grace',)
    #> COMMIT
# --8<-- [end:commit]
session.close()
