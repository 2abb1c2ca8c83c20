"""Identity map no longer valid: an ORM result is iterated after the with
block closed its Session."""

from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import InvalidRequestError
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
    setup.add_all([User(name="ada"), User(name="grace"), User(name="linus")])
    setup.commit()
# --8<-- [end:setup]

# --8<-- [start:trigger]
with Session(engine) as session:
    # the SELECT has run; no User object exists yet
    users = session.scalars(select(User))

try:
    # the objects are built now, after close()
    print([user.name for user in users])
except InvalidRequestError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.exc.InvalidRequestError: Object <User at 0x7f6fb269d450> cannot be converted to 'persistent' state, as this identity map is no longer valid.  Has the owning Session been closed? (Background on this error at: https://sqlalche.me/e/21/lkrp)
# --8<-- [end:trigger]
