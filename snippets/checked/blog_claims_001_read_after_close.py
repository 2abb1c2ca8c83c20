"""Blog claims: reading a loaded column after close() does not raise; after
commit and close it does."""

from sqlalchemy import String, create_engine, inspect, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
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
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada"))
    setup.commit()
SessionLocal = sessionmaker(bind=engine)
# --8<-- [end:setup]

# --8<-- [start:close]
session = SessionLocal()
user = session.scalars(select(User)).first()
session.close()
print(f"{inspect(user).detached=} {user.name=}")
#> inspect(user).detached=True user.name='ada'
# --8<-- [end:close]

# --8<-- [start:with_block]
with SessionLocal() as session:
    user = session.scalars(select(User)).first()
print(f"{inspect(user).detached=} {user.name=}")
#> inspect(user).detached=True user.name='ada'
# --8<-- [end:with_block]

# --8<-- [start:commit_close]
with SessionLocal() as session:
    user = session.scalars(select(User)).first()
    session.commit()
try:
    print(user.name)
except DetachedInstanceError as exc:
    print(type(exc).__name__, exc)
    #> DetachedInstanceError Instance <User at 0x7f9b07cb0490> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:commit_close]

# --8<-- [start:modify]
with SessionLocal() as session:
    user = session.scalars(select(User)).first()
    session.commit()  # expires user
user.name = "grace"  # changing a detached, expired object raises nothing...
print(f"{user.name=} {inspect(user).detached=}")
#> user.name='grace' inspect(user).detached=True
with SessionLocal() as session:  # ...and the change reaches no database
    print(session.scalar(select(User.name)))
    #> ada
# --8<-- [end:modify]
