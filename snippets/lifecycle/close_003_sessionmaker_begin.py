"""Close: sessionmaker.begin() opens a Session and a transaction, commits or
rolls back, and closes."""

from sqlalchemy import String, create_engine, inspect, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    sessionmaker,
)


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)


def names() -> list[str]:
    with Session(engine) as check:
        return check.scalars(select(User.name).order_by(User.id)).all()


# --8<-- [end:setup]


# --8<-- [start:success]
SessionLocal = sessionmaker(engine)

with SessionLocal.begin() as session:
    ada = User(name="ada")
    session.add(ada)
print(names())
#> ['ada']
print(f"{inspect(ada).detached=} {inspect(ada).expired=}")
#> inspect(ada).detached=True inspect(ada).expired=True
# --8<-- [end:success]


# --8<-- [start:failure]
class Cancelled(Exception):
    pass


try:
    with SessionLocal.begin() as session:
        session.add(User(name="grace"))
        session.flush()
        raise Cancelled("changed my mind")
except Cancelled as exc:
    print(type(exc).__name__, exc)
    #> Cancelled changed my mind
print(names())
#> ['ada']
# --8<-- [end:failure]
