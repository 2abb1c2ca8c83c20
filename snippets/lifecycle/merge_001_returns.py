"""Merge: merge() returns the Session's own instance; the argument stays
outside the Session."""

from sqlalchemy import String, create_engine, event, inspect
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

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


session = Session(engine)
# --8<-- [end:setup]

# --8<-- [start:returns]
# transient, but with the primary key of row 1
obj = User(id=1, name="ada lovelace")
merged = session.merge(obj)

print(f"{(merged is obj)=} {(obj in session)=} {(merged in session)=}")
#> (merged is obj)=False (obj in session)=False (merged in session)=True
print(f"{inspect(obj).transient=} {inspect(merged).persistent=}")
#> inspect(obj).transient=True inspect(merged).persistent=True
print(f"{obj.name=} {merged.name=} {(merged in session.dirty)=}")
#> obj.name='ada lovelace' merged.name='ada lovelace' (merged in session.dirty)=True
# --8<-- [end:returns]

# --8<-- [start:select]
print(f"first merge: {len(statements)} statement")
#> first merge: 1 statement
for sql in statements:
    print(sql)
    #>[2.1] SELECT users.id, users.name
    #>[2.0] SELECT users.id AS users_id, users.name AS users_name
    #> FROM users
    #> WHERE users.id = ? (1,)

statements.clear()
again = session.merge(User(id=1, name="countess"))
print(f"second merge: {(again is merged)=} {merged.name=}")
#> second merge: (again is merged)=True merged.name='countess'
for sql in statements:
    print(sql)
    #> UPDATE users SET name=? WHERE users.id = ? ('ada lovelace', 1)
# --8<-- [end:select]

# --8<-- [start:expired]
session.commit()  # expires merged; it stays in the identity map
statements.clear()
third = session.merge(User(id=1, name="ada"))
print(f"after a commit: {(third is merged)=} {len(statements)} statement")
#> after a commit: (third is merged)=True 1 statement
print(statements[0].split()[0])
#> SELECT
# --8<-- [end:expired]
session.close()
