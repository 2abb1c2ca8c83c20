"""Rollback of a savepoint: only the objects changed inside it are expired;
a rollback of the transaction expires the rest."""

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
with Session(engine) as setup:
    setup.add_all([User(id=1, name="ada"), User(id=2, name="grace")])
    setup.commit()

# --8<-- [start:savepoint]
session = Session(engine)
ada = session.get(User, 1)
grace = session.get(User, 2)
nested = session.begin_nested()
grace.name = "grace hopper"  # changed inside the savepoint
linus = User(id=3, name="linus")
session.add(linus)  # added inside the savepoint
nested.rollback()
print(f"{inspect(ada).expired=} {inspect(grace).expired=}")
#> inspect(ada).expired=False inspect(grace).expired=True
print(f"{inspect(linus).transient=}")
#> inspect(linus).transient=True

session.rollback()  # the whole transaction
print(f"{inspect(ada).expired=}")
#> inspect(ada).expired=True
# --8<-- [end:savepoint]
session.close()
