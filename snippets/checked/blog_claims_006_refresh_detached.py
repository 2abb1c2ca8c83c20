"""Blog claims: refresh() of a detached object in a new Session raises; it
does not re-attach."""

from sqlalchemy import String, create_engine, inspect, select
from sqlalchemy.exc import InvalidRequestError
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
with Session(engine) as setup:
    setup.add(User(id=1, name="ada"))
    setup.commit()
SessionLocal = sessionmaker(bind=engine)
# --8<-- [end:setup]

# --8<-- [start:refresh]
session = SessionLocal()
user = session.scalars(select(User)).first()
detached_user = user
session.close()

session = SessionLocal()
try:
    session.refresh(detached_user)
except InvalidRequestError as exc:
    print(type(exc).__name__, exc)
    #> InvalidRequestError Instance '<User at 0x7f4b98067a90>' is not persistent within this Session
print(f"{inspect(detached_user).detached=}")
#> inspect(detached_user).detached=True
session.close()
# --8<-- [end:refresh]

# --8<-- [start:merge_then_refresh]
session = SessionLocal()
merged = session.merge(detached_user)  # the fix the post's table gives
session.refresh(merged)
print(
    f"{inspect(merged).persistent=} {merged.name=} "
    f"{(merged is detached_user)=}"
)
#> inspect(merged).persistent=True merged.name='ada' (merged is detached_user)=False
session.close()
# --8<-- [end:merge_then_refresh]
