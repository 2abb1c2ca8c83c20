"""DetachedInstanceError (deferred load): a deferred column read after the
Session closed."""

from sqlalchemy import String, Text, create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import DetachedInstanceError


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    # not in the default SELECT
    bio: Mapped[str] = mapped_column(Text, deferred=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada", bio="wrote the first program"))
    setup.commit()
# --8<-- [end:setup]

# --8<-- [start:trigger]
with Session(engine) as session:
    user = session.get(User, 1)
    print(f"{inspect(user).unloaded=}")  # what the SELECT left out
    #> inspect(user).unloaded={'bio'}

print(f"{user.name=}")
#> user.name='ada'
try:
    print(user.bio)
except DetachedInstanceError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.orm.exc.DetachedInstanceError: Parent instance <User at 0x7f6cc0369090> is not bound to a Session; deferred load operation of attribute 'bio' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:trigger]
