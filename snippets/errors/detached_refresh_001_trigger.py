"""DetachedInstanceError (refresh): reading an attribute that commit()
expired, after the Session closed."""

from sqlalchemy import String, create_engine, inspect
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

# --8<-- [start:trigger]
with Session(engine) as session:
    user = User(name="ada")
    session.add(user)
    session.commit()  # expires every attribute of user
# leaving the block closed the session: user is detached, and expired

try:
    print(user.name)
except DetachedInstanceError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.orm.exc.DetachedInstanceError: Instance <User at 0x7fed3a3023d0> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:trigger]

# --8<-- [start:one_column]
with Session(engine) as session:
    user = session.get(User, 1)
    session.expire(user, ["name"])  # one column expired, id still loaded
print(f"{user.id=} {sorted(inspect(user).expired_attributes)=}")
#> user.id=1 sorted(inspect(user).expired_attributes)=['name']
try:
    user.name
except DetachedInstanceError as exc:
    print(f"{type(exc).__name__}: {exc}")
    #> DetachedInstanceError: Instance <User at 0x7f538249db50> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:one_column]
