"""Object states: transient and pending, and the two ways back from pending to
transient."""

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
session = Session(engine)

# --8<-- [start:add]
user = User(name="ada")
print(f"{inspect(user).transient=} {(user in session)=}")
#> inspect(user).transient=True (user in session)=False

session.add(user)
print(f"{inspect(user).pending=} {(user in session)=}")
#> inspect(user).pending=True (user in session)=True
print(session.new)
#> IdentitySet([<__main__.User object at 0x7f84be85d110>])
# --8<-- [end:add]

# --8<-- [start:expunge]
session.expunge(user)
print(f"{inspect(user).transient=} {session.new=}")
#> inspect(user).transient=True session.new=IdentitySet([])
# --8<-- [end:expunge]

# --8<-- [start:rollback]
session.add(user)
session.rollback()
print(f"{inspect(user).transient=} {(user in session)=}")
#> inspect(user).transient=True (user in session)=False
# --8<-- [end:rollback]
