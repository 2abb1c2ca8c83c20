"""DetachedInstanceError (refresh), fix: read (or refresh) the values while
the Session is still open."""

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

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


# --8<-- [end:setup]


# --8<-- [start:fix]
with Session(engine) as session:
    user = User(name="ada")
    session.add(user)
    session.commit()
    statements.clear()
    # reloads the expired columns now, while it still can
    session.refresh(user)
    for sql in statements:
        print(sql)
        #> SELECT users.id, users.name
        #> FROM users
        #> WHERE users.id = ? (1,)

print(f"{user.id=} {user.name=}")
#> user.id=1 user.name='ada'
# --8<-- [end:fix]
