"""Flush: the UPDATE names only the columns that changed; an unchanged value
sends nothing."""

from sqlalchemy import String, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    email: Mapped[str] = mapped_column(String(100))
    city: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada", email="ada@example.com", city="London"))
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


session = Session(engine)
ada = session.get(User, 1)
# --8<-- [end:setup]

# --8<-- [start:one_column]
statements.clear()
ada.city = "Marylebone"
session.flush()
print(statements)
#> ["UPDATE users SET city=? WHERE users.id = ? ('Marylebone', 1)"]
# --8<-- [end:one_column]

# --8<-- [start:same_value]
statements.clear()
ada.name = "ada"
print(f"{(ada in session.dirty)=} {session.is_modified(ada)=}")
#> (ada in session.dirty)=True session.is_modified(ada)=False

session.flush()
print(f"{statements=}")
#> statements=[]
# --8<-- [end:same_value]
session.close()
