"""Close: the rollback inside close() undoes the database, not your objects;
rollback() does both."""

from sqlalchemy import String, create_engine, inspect, select
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
with Session(engine) as setup:
    setup.add(User(id=1, name="ada"))
    setup.commit()


def names() -> list[str]:
    with Session(engine) as check:
        return list(check.scalars(select(User.name).order_by(User.id)))


# --8<-- [end:setup]


# --8<-- [start:close]
session = Session(engine)
ada = session.get(User, 1)
ada.name = "ada lovelace"  # modified, never committed
linus = User(id=3, name="linus")
session.add(linus)
session.flush()  # the INSERT is sent, never committed
session.close()

print(f"in the database: {names()}")
#> in the database: ['ada']
print(f"{ada.name=} {inspect(ada).expired=}")
#> ada.name='ada lovelace' inspect(ada).expired=False
print(f"{inspect(linus).detached=} {inspect(linus).identity=}")
#> inspect(linus).detached=True inspect(linus).identity=(3,)
# --8<-- [end:close]

# --8<-- [start:rollback_first]
session = Session(engine)
ada = session.get(User, 1)
ada.name = "ada lovelace"
linus = User(id=3, name="linus")
session.add(linus)
session.flush()
session.rollback()  # expires ada, makes linus transient
session.close()

print(f"{inspect(ada).expired=} {inspect(linus).transient=}")
#> inspect(ada).expired=True inspect(linus).transient=True
# --8<-- [end:rollback_first]
