"""Object states: rolling back the transaction that inserted an object makes
it transient again."""

from sqlalchemy import String, create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

# --8<-- [start:rollback]
session = Session(engine)
user = User(name="ada")
session.add(user)
session.flush()
print(f"{inspect(user).persistent=} {user.id=} {inspect(user).key=}")
#> inspect(user).persistent=True user.id=1 inspect(user).key=(<class '__main__.User'>, (1,), None)

session.rollback()
print(f"{inspect(user).transient=} {user.id=} {inspect(user).key=}")
#> inspect(user).transient=True user.id=1 inspect(user).key=None
# --8<-- [end:rollback]
session.close()
