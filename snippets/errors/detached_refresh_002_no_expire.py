"""DetachedInstanceError (refresh), fix: expire_on_commit=False keeps the
loaded values after the commit."""

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

# --8<-- [start:fix]
with Session(engine, expire_on_commit=False) as session:
    user = User(name="ada")
    session.add(user)
    session.commit()  # nothing is expired

print(f"{inspect(user).detached=} {inspect(user).expired_attributes=}")
#> inspect(user).detached=True inspect(user).expired_attributes=set()
print(f"{user.id=} {user.name=}")
#> user.id=1 user.name='ada'
# --8<-- [end:fix]
