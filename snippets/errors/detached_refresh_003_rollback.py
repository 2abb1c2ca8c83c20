"""DetachedInstanceError (refresh): expire_on_commit=False does not stop a
rollback, or a failed begin() block, from expiring everything."""

from sqlalchemy import String, create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import DetachedInstanceError


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

# --8<-- [start:rollback]
with Session(engine, expire_on_commit=False) as session:
    user = session.get(User, 1)
    print(f"after get():      {sorted(inspect(user).expired_attributes)=}")
    #> after get():      sorted(inspect(user).expired_attributes)=[]
    # expires every loaded object, whatever expire_on_commit says
    session.rollback()
    print(f"after rollback(): {sorted(inspect(user).expired_attributes)=}")
    #> after rollback(): sorted(inspect(user).expired_attributes)=['id', 'name']

try:
    user.name
except DetachedInstanceError as exc:
    print(f"{type(exc).__name__}: {exc}")
    #> DetachedInstanceError: Instance <User at 0x7f9c04974690> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:rollback]

# --8<-- [start:begin_block]
session = Session(engine, expire_on_commit=False)
try:
    # an exception in the block rolls the transaction back
    with session.begin():
        user = session.get(User, 1)
        raise TimeoutError("the payment service did not answer")
except TimeoutError:
    pass
print(f"after the failed block: {sorted(inspect(user).expired_attributes)=}")
#> after the failed block: sorted(inspect(user).expired_attributes)=['id', 'name']
session.close()

try:
    user.name
except DetachedInstanceError as exc:
    print(f"{type(exc).__name__}: {exc}")
    #> DetachedInstanceError: Instance <User at 0x7f9c04974b50> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:begin_block]
