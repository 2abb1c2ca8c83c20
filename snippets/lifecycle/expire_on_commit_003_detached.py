"""expire_on_commit: an object expired by commit() cannot be read after the
Session is closed."""

from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import DetachedInstanceError


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
# --8<-- [end:setup]


# --8<-- [start:detached]
def create_user(name: str) -> User:
    with Session(engine) as session:
        user = User(name=name)
        session.add(user)
        session.commit()  # expires user ...
        return user  # ... and leaving the block closes the session


user = create_user("ada")
try:
    print(user.name)
except DetachedInstanceError as exc:
    print(type(exc).__name__, exc)
    #> DetachedInstanceError Instance <User at 0x7f9ed74d22d0> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:detached]
