"""Expunge: changes made to an expunged object are silently left out of the
next commit."""

from sqlalchemy import String, create_engine, event, inspect, select
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
    setup.add_all([User(id=1, name="ada"), User(id=2, name="grace")])
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


# --8<-- [end:setup]


# --8<-- [start:after]
session = Session(engine)
ada = session.get(User, 1)
session.expunge(ada)
ada.name = "ada lovelace"
statements.clear()
session.commit()
print(f"{statements=}")
#> statements=[]
print(session.scalar(select(User.name).where(User.id == 1)))
#> ada
print(f"{ada.name=} {inspect(ada).modified=}")
#> ada.name='ada lovelace' inspect(ada).modified=True
# --8<-- [end:after]
session.close()

# --8<-- [start:before]
session = Session(engine)
grace = session.get(User, 2)
grace.name = "grace hopper"  # changed while persistent, not flushed yet
session.expunge(grace)
statements.clear()
session.commit()
print(f"{statements=}")
#> statements=[]
print(session.scalar(select(User.name).where(User.id == 2)))
#> grace
# --8<-- [end:before]
session.close()
