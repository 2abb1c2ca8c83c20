"""expire_on_commit: turned off per sessionmaker or per Session, objects keep
their values after commit."""

from sqlalchemy import String, create_engine, event, inspect
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    sessionmaker,
)


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


# --8<-- [start:sessionmaker]
SessionLocal = sessionmaker(engine, expire_on_commit=False)

with SessionLocal() as session:
    user = User(name="ada")
    session.add(user)
    session.commit()
    print(f"{inspect(user).expired=}")
    #> inspect(user).expired=False

statements.clear()
print(f"{inspect(user).detached=} {user.id=} {user.name=} {statements=}")
#> inspect(user).detached=True user.id=1 user.name='ada' statements=[]
# --8<-- [end:sessionmaker]

# --8<-- [start:session]
with Session(engine, expire_on_commit=False) as session:
    grace = User(name="grace")
    session.add(grace)
    session.commit()

statements.clear()
print(f"{inspect(grace).detached=} {grace.id=} {grace.name=} {statements=}")
#> inspect(grace).detached=True grace.id=2 grace.name='grace' statements=[]
# --8<-- [end:session]
