"""Identity map no longer valid: a streamed (yield_per) result is read after its Session was closed."""

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

# --8<-- [start:trigger]
session = Session(engine)
users = session.scalars(select(User).execution_options(yield_per=1))  # rows arrive in batches
print(next(users).name)
#> ada
session.close()  # the Session's identity map is discarded, the result is still open

try:
    next(users)  # the next row becomes an object in the discarded identity map
except InvalidRequestError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.exc.InvalidRequestError: Object <User at 0x7f1f872d7790> cannot be converted to 'persistent' state, as this identity map is no longer valid.  Has the owning Session been closed? (Background on this error at: https://sqlalche.me/e/21/lkrp)
# --8<-- [end:trigger]
