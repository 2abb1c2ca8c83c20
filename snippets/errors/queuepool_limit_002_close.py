"""QueuePool limit, fixed: end each Session (with a with block) so its
connection goes back to the pool."""

from guide_support import postgres_url
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine(
    postgres_url(), pool_size=1, max_overflow=0, pool_timeout=0.5
)
Base.metadata.create_all(engine)
# --8<-- [end:setup]

# --8<-- [start:close]
# three requests, one after the other, one connection
for _request in range(3):
    with Session(engine) as session:
        session.scalars(select(User)).all()
    # leaving the block closed the Session and returned the connection
print(engine.pool.status())
#> Pool size: 1  Connections in pool: 1 Current Overflow: 0 Current Checked out connections: 0
# --8<-- [end:close]

# --8<-- [start:commit]
session = Session(engine)
session.scalars(select(User)).all()
print(engine.pool.status())
#> Pool size: 1  Connections in pool: 0 Current Overflow: 0 Current Checked out connections: 1
# the transaction ends: the connection goes back, the Session stays usable
session.commit()
print(engine.pool.status())
#> Pool size: 1  Connections in pool: 1 Current Overflow: 0 Current Checked out connections: 0
# the Session is used again: a new transaction
session.scalars(select(User)).all()
print(engine.pool.status())
#> Pool size: 1  Connections in pool: 0 Current Overflow: 0 Current Checked out connections: 1
session.rollback()  # a rollback ends it too, and the connection goes back
print(engine.pool.status())
#> Pool size: 1  Connections in pool: 1 Current Overflow: 0 Current Checked out connections: 0
session.close()
# --8<-- [end:commit]
engine.dispose()
