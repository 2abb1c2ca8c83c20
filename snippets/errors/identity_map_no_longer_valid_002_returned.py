"""Identity map no longer valid: a result returned from a function that closed
its Session, and a yield_per result."""

from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import InvalidRequestError
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
    setup.add_all([User(name="ada"), User(name="grace"), User(name="linus")])
    setup.commit()


# --8<-- [start:returned]
def load_users():
    with Session(engine) as session:
        # the with block closes the Session on return
        return session.execute(select(User))


try:
    print([row.User.name for row in load_users()])
except InvalidRequestError as exc:
    print(type(exc).__name__, "|", str(exc).split(".")[0])
    #> InvalidRequestError | Object <User at 0x7fb64ee4d490> cannot be converted to 'persistent' state, as this identity map is no longer valid
# --8<-- [end:returned]

# --8<-- [start:yield_per]
session = Session(engine)
# one object per fetch
users = session.scalars(select(User).execution_options(yield_per=1))
print(next(users).name)
#> ada
session.close()
try:
    next(users)  # the second object is built now, after close()
except InvalidRequestError as exc:
    print(type(exc).__name__, "|", str(exc).split(".")[0])
    #> InvalidRequestError | Object <User at 0x7fb64ee4c910> cannot be converted to 'persistent' state, as this identity map is no longer valid
# --8<-- [end:yield_per]

# --8<-- [start:expunge_all]
session = Session(engine)
users = session.scalars(select(User))
# the Session stays open, but its identity map is replaced
session.expunge_all()
try:
    next(users)
except InvalidRequestError as exc:
    print(type(exc).__name__, "|", str(exc).split(".")[0])
    #> InvalidRequestError | Object <User at 0x7f48176990d0> cannot be converted to 'persistent' state, as this identity map is no longer valid
session.close()
# --8<-- [end:expunge_all]
