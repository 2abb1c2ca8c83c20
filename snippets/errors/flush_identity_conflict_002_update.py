"""Identity conflict, fix: change the object the Session already has instead
of creating a second one."""

from sqlalchemy import String, create_engine, event
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


# --8<-- [end:setup]


# --8<-- [start:fix]
with Session(engine) as session:
    # the identity map hands back the object it already holds
    ada = session.get(User, 1)
    statements.clear()
    user = session.get(User, 1) or User(id=1)
    print(f"{(user is ada)=}")
    #> (user is ada)=True
    user.name = "ada lovelace"
    session.add(user)  # a no-op for a persistent object; needed for a new one
    session.commit()
    for sql in statements:
        print(sql)
        #> UPDATE users SET name=? WHERE users.id = ? ('ada lovelace', 1)
# --8<-- [end:fix]
