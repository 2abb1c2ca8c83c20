"""Blog claims: a new Session alone does not re-attach anything; add() does,
and loads again."""

from sqlalchemy import String, create_engine, inspect, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    sessionmaker,
)


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

# --8<-- [start:as_written]
session = SessionLocal()
user = session.scalars(select(User)).first()
session.close()

new_session = SessionLocal()  # created, but the user is never added to it
print(f"{user.name=} {inspect(user).detached=} {(user in new_session)=}")
#> user.name='ada' inspect(user).detached=True (user in new_session)=False
new_session.close()
# --8<-- [end:as_written]

# --8<-- [start:add]
with SessionLocal() as session:
    user = session.scalars(select(User)).first()
    session.commit()  # expires user
print(
    f"{inspect(user).detached=} {sorted(inspect(user).expired_attributes)=}"
)
#> inspect(user).detached=True sorted(inspect(user).expired_attributes)=['id', 'name']

with SessionLocal() as new_session:
    new_session.add(user)
    print(f"{inspect(user).persistent=} {user.name=}")
    #> inspect(user).persistent=True user.name='ada'
# --8<-- [end:add]
