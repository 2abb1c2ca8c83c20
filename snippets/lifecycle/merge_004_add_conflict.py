"""Merge: add() refuses a second instance of an identity already in the
Session; merge() copies it in."""

from sqlalchemy import String, create_engine, event
from sqlalchemy.exc import InvalidRequestError
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


# --8<-- [start:setup]
with Session(engine, expire_on_commit=False) as other:
    from_other = other.get(User, 1)  # detached once `other` closes
from_other.name = "ada lovelace"

session = Session(engine)
here = session.get(User, 1)  # the same row, already in this Session
# --8<-- [end:setup]

# --8<-- [start:add]
try:
    session.add(from_other)
except InvalidRequestError as exc:
    print(type(exc).__name__, exc)
    #> InvalidRequestError Can't attach instance <User at 0x7fa990e385d0>; another instance with key (<class '__main__.User'>, (1,), None) is already present in this session.
# --8<-- [end:add]

# --8<-- [start:merge]
statements.clear()
merged = session.merge(from_other)
print(f"{(merged is here)=} {here.name=} {statements=}")
#> (merged is here)=True here.name='ada lovelace' statements=[]

session.commit()
for sql in statements:
    print(sql)
    #> UPDATE users SET name=? WHERE users.id = ? ('ada lovelace', 1)
# --8<-- [end:merge]
session.close()
