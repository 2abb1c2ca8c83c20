"""DetachedInstanceError (refresh), fix: later, load the row again in a new
Session by its primary key."""

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

with Session(engine) as session:
    user = User(name="ada")
    session.add(user)
    session.commit()
# user is detached and expired here
# --8<-- [end:setup]

# --8<-- [start:fix]
print(f"{inspect(user).identity=}")  # the primary key survives expiry
#> inspect(user).identity=(1,)

with Session(engine) as session:
    fresh = session.get(User, inspect(user).identity)
    print(f"{fresh.name=} {(fresh is user)=}")
    #> fresh.name='ada' (fresh is user)=False
# --8<-- [end:fix]
