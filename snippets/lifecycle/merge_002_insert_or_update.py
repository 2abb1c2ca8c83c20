"""Merge: a transient object with a primary key becomes an INSERT if the row
is missing, an UPDATE if not."""

from sqlalchemy import String, create_engine, event, inspect
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

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


session = Session(engine)

# --8<-- [start:update]
statements.clear()
existing = session.merge(User(id=1, name="ada lovelace"))  # row 1 exists
print(f"{inspect(existing).persistent=} {(existing in session.dirty)=}")
#> inspect(existing).persistent=True (existing in session.dirty)=True
session.flush()
for sql in statements:
    print(sql)
    #>[2.1] SELECT users.id, users.name
    #>[2.0] SELECT users.id AS users_id, users.name AS users_name
    #> FROM users
    #> WHERE users.id = ? (1,)
    #> UPDATE users SET name=? WHERE users.id = ? ('ada lovelace', 1)
# --8<-- [end:update]

# --8<-- [start:insert]
statements.clear()
missing = session.merge(User(id=2, name="grace"))  # no row 2
print(f"{inspect(missing).pending=} {(missing in session.new)=}")
#> inspect(missing).pending=True (missing in session.new)=True
session.flush()
for sql in statements:
    print(sql)
    #>[2.1] SELECT users.id, users.name
    #>[2.0] SELECT users.id AS users_id, users.name AS users_name
    #> FROM users
    #> WHERE users.id = ? (2,)
    #> INSERT INTO users (id, name) VALUES (?, ?) (2, 'grace')
# --8<-- [end:insert]
session.commit()
session.close()
