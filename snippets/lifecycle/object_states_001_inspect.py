"""Object states: read the state of one object with inspect() as it moves
through all five."""

from sqlalchemy import String, create_engine, inspect
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
# --8<-- [end:setup]


# --8<-- [start:state_of]
def state_of(obj) -> str:
    """The name of the state an ORM object is in, read from inspect(obj)."""
    insp = inspect(obj)
    for name in ("transient", "pending", "persistent", "deleted", "detached"):
        if getattr(insp, name):
            return name
    raise AssertionError(
        "every mapped object is in exactly one of the five states"
    )


# --8<-- [end:state_of]

# --8<-- [start:walk]
user = User(name="ada")
print(f"{state_of(user)}: key={inspect(user).key}")
#> transient: key=None

session = Session(engine)
session.add(user)
print(
    f"{state_of(user)}: key={inspect(user).key}, in session={user in session}"
)
#> pending: key=None, in session=True

session.flush()
print(
    f"{state_of(user)}: key={inspect(user).key}, in session={user in session}"
)
#> persistent: key=(<class '__main__.User'>, (1,), None), in session=True

session.delete(user)
session.flush()
print(
    f"{state_of(user)}: key={inspect(user).key}, in session={user in session}"
)
#> deleted: key=(<class '__main__.User'>, (1,), None), in session=False

session.commit()
print(
    f"{state_of(user)}: key={inspect(user).key}, in session={user in session}"
)
#> detached: key=(<class '__main__.User'>, (1,), None), in session=False
# --8<-- [end:walk]
