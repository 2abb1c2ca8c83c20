"""Blog claims: commit expires everything, id included; expire_on_commit=False
and refresh() keep values."""

from sqlalchemy import String, create_engine, inspect
from sqlalchemy.ext.asyncio import async_sessionmaker
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
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(255))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
# --8<-- [end:setup]

# --8<-- [start:default]
print(f"{sessionmaker(engine)().expire_on_commit=}")
#> sessionmaker(engine)().expire_on_commit=True
print(f"{async_sessionmaker()().sync_session.expire_on_commit=}")
#> async_sessionmaker()().sync_session.expire_on_commit=True
# --8<-- [end:default]

# --8<-- [start:id_expired]
SessionLocal = sessionmaker(engine)  # expire_on_commit=True, the default
with SessionLocal() as session:
    user = User(name="ada", email="ada@example.com")
    session.add(user)
    session.flush()
    print(f"after flush: {user.id=}")
    #> after flush: user.id=1
    session.commit()
    print(f"after commit: {sorted(inspect(user).expired_attributes)=}")
    #> after commit: sorted(inspect(user).expired_attributes)=['email', 'id', 'name']
try:
    user.id
except DetachedInstanceError as exc:
    print(type(exc).__name__, exc)
    #> DetachedInstanceError Instance <User at 0x7f959ca3e210> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:id_expired]

# --8<-- [start:no_expire]
FixedSessionLocal = sessionmaker(engine, expire_on_commit=False)
with FixedSessionLocal() as session:
    user = User(name="grace", email="grace@example.com")
    session.add(user)
    session.commit()
print(f"{inspect(user).detached=} {user.id=} {user.name=}")
#> inspect(user).detached=True user.id=2 user.name='grace'
# --8<-- [end:no_expire]

# --8<-- [start:refresh]
with SessionLocal() as session:
    user = User(name="linus", email="linus@example.com")
    session.add(user)
    session.commit()
    session.refresh(user)
print(f"{inspect(user).detached=} {user.id=} {user.email=}")
#> inspect(user).detached=True user.id=3 user.email='linus@example.com'
# --8<-- [end:refresh]
