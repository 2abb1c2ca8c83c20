"""Identity conflict, fix: merge() copies the new object's state onto the
persistent one."""

from sqlalchemy import String, create_engine, event
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


# --8<-- [start:fix]
with Session(engine) as session:
    ada = session.get(User, 1)
    statements.clear()
    # instead of add()
    merged = session.merge(User(id=1, name="ada lovelace"))
    print(f"{(merged is ada)=} {ada.name=}")
    #> (merged is ada)=True ada.name='ada lovelace'
    session.commit()
    for sql in statements:
        print(sql)
        #> UPDATE users SET name=? WHERE users.id = ? ('ada lovelace', 1)
# --8<-- [end:fix]
