"""Object states: close() or expunge() detach persistent objects; add()
attaches them again."""

from sqlalchemy import String, create_engine, inspect, select
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

# --8<-- [start:close]
session = Session(engine)
ada = session.get(User, 1)
grace = session.get(User, 2)

session.expunge(grace)
print(f"{inspect(grace).detached=} {inspect(ada).persistent=}")
#> inspect(grace).detached=True inspect(ada).persistent=True

session.close()
print(f"{inspect(ada).detached=} {ada.name=}")
#> inspect(ada).detached=True ada.name='ada'
# --8<-- [end:close]

# --8<-- [start:attach]
other = Session(engine)
other.add(ada)
print(f"{inspect(ada).persistent=} {(ada in other)=}")
#> inspect(ada).persistent=True (ada in other)=True

ada.name = "ada lovelace"
other.commit()
print(other.scalars(select(User.name).order_by(User.id)).all())
#> ['ada lovelace', 'grace']
other.close()
# --8<-- [end:attach]
