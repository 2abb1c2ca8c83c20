"""DetachedInstanceError (deferred load), fix: undefer() the column in the
query that needs it."""

from sqlalchemy import String, Text, create_engine, event, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    undefer,
)


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    bio: Mapped[str] = mapped_column(Text, deferred=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada", bio="wrote the first program"))
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


# --8<-- [end:setup]


# --8<-- [start:fix]
with Session(engine) as session:
    user = session.scalars(
        select(User).where(User.id == 1).options(undefer(User.bio))
    ).one()
    for sql in statements:
        print(sql)
        #> SELECT users.id, users.name, users.bio
        #> FROM users
        #> WHERE users.id = ? (1,)

print(f"{user.bio=}")
#> user.bio='wrote the first program'
# --8<-- [end:fix]
