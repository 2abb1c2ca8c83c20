"""Close: a `with Session(engine)` block closes the Session; it never
commits."""

from sqlalchemy import String, create_engine, event, func, select
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

events: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    events.append(f"{statement} {parameters}")


@event.listens_for(engine, "commit")
def remember_commit(conn):
    events.append("COMMIT")


@event.listens_for(engine, "rollback")
def remember_rollback(conn):
    events.append("ROLLBACK")


def count_users() -> int:
    with Session(engine) as check:
        return check.scalar(select(func.count()).select_from(User))


# --8<-- [end:setup]


# --8<-- [start:with_block]
with Session(engine) as session:
    session.add(User(name="ada"))
    session.flush()
    print(
        "inside the block: "
        f"{session.scalar(select(func.count()).select_from(User))=}"
    )
    #> inside the block: session.scalar(select(func.count()).select_from(User))=1
# no commit() was called: leaving the block rolled the INSERT back
for line in events:
    print(line)
    #> INSERT INTO users (name) VALUES (?) ('ada',)
    #> SELECT count(*) AS count_1
    #> FROM users ()
    #> ROLLBACK
print(f"after the block: {count_users()=}")
#> after the block: count_users()=0
# --8<-- [end:with_block]
