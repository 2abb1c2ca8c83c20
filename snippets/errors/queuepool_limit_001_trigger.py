"""QueuePool limit: every pooled connection is checked out, and a new checkout
waits for pool_timeout."""

import builtins

from guide_support import postgres_url
from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import TimeoutError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# --8<-- [end:setup]


# --8<-- [start:trigger]
engine = create_engine(
    postgres_url(), pool_size=1, max_overflow=0, pool_timeout=0.5
)
Base.metadata.create_all(engine)

first = Session(engine)
# first holds the only connection until it ends its transaction
first.scalars(select(User)).all()

second = Session(engine)
try:
    # waits 0.5 s for a connection, then gives up
    second.scalars(select(User)).all()
except TimeoutError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.exc.TimeoutError: QueuePool limit of size 1 overflow 0 reached, connection timed out, timeout 0.50 (Background on this error at: https://sqlalche.me/e/21/3o7r)
# --8<-- [end:trigger]

# --8<-- [start:builtin]
print(issubclass(TimeoutError, builtins.TimeoutError))
#> False
# --8<-- [end:builtin]

# --8<-- [start:status]
print(engine.pool.status())
#> Pool size: 1  Connections in pool: 0 Current Overflow: 0 Current Checked out connections: 1
# --8<-- [end:status]
first.close()
second.close()
engine.dispose()
