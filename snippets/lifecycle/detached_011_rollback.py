"""Detached objects: with expire_on_commit=False, a rollback before the close
still expires them."""

from sqlalchemy import String, create_engine, inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    sessionmaker,
)
from sqlalchemy.orm.exc import DetachedInstanceError


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
SessionLocal = sessionmaker(engine, expire_on_commit=False)
with SessionLocal() as setup:
    setup.add(User(name="grace"))
    setup.commit()
# --8<-- [end:setup]


# --8<-- [start:rollback]
def register(name: str, nickname: str) -> User:
    with SessionLocal() as session:  # expire_on_commit=False
        user = User(name=name)
        session.add(user)
        session.commit()  # user keeps its values
        try:
            session.add(User(name=nickname))  # a second step that may fail
            session.commit()
        except IntegrityError:
            session.rollback()  # expires user, although its row was committed
        return user


user = register("ada", "grace")  # "grace" is taken: the second commit fails
print(f"{inspect(user).detached=} {inspect(user).expired=}")
#> inspect(user).detached=True inspect(user).expired=True
try:
    print(user.name)
except DetachedInstanceError as exc:
    print(type(exc).__name__, exc)
    #> DetachedInstanceError Instance <User at 0x7f2b0f3c2d50> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:rollback]
