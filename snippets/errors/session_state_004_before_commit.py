"""Session state, fixed: SQL that belongs to the transaction goes in
before_commit, which may still use it."""

from sqlalchemy import String, create_engine, event, select
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
    statements.append(statement.split()[0])


session = Session(engine)
# --8<-- [end:setup]


# --8<-- [start:before_commit]
@event.listens_for(session, "before_commit")
def count_users(session):
    print(f"users before COMMIT: {len(session.scalars(select(User)).all())}")
    #> users before COMMIT: 2


session.add(User(name="grace"))
session.commit()
print(statements)
#> ['INSERT', 'SELECT']
# --8<-- [end:before_commit]
session.close()
