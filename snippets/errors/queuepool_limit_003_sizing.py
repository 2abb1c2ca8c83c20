"""QueuePool limit, fixed: size the pool for the connections you really hold
at the same time."""

from guide_support import postgres_url
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# --8<-- [start:sizing]
engine = create_engine(
    postgres_url(), pool_size=1, max_overflow=1, pool_timeout=0.5
)
Base.metadata.create_all(engine)

with Session(engine) as first, Session(engine) as second:
    first.scalars(select(User)).all()
    second.scalars(select(User)).all()  # gets the one "overflow" connection
    print(engine.pool.status())
    #> Pool size: 1  Connections in pool: 0 Current Overflow: 1 Current Checked out connections: 2
print(engine.pool.status())
#> Pool size: 1  Connections in pool: 1 Current Overflow: 0 Current Checked out connections: 0
# --8<-- [end:sizing]
engine.dispose()
