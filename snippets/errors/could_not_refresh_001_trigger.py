"""Could not refresh: refresh() of an object whose row another connection has
deleted (PostgreSQL)."""

from guide_support import postgres_url
from sqlalchemy import String, create_engine, delete
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine(postgres_url())
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada"))
    setup.commit()
# --8<-- [end:setup]

# --8<-- [start:trigger]
session = Session(engine)
ada = session.get(User, 1)

# someone else deletes the row and commits
with engine.begin() as other_connection:
    other_connection.execute(delete(User).where(User.id == 1))

try:
    session.refresh(ada)
except InvalidRequestError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.exc.InvalidRequestError: Could not refresh instance '<User at 0x7fdf8cd6add0>'
# --8<-- [end:trigger]

# --8<-- [start:isolation]
print(
    session.connection()
    .exec_driver_sql("SHOW transaction_isolation")
    .scalar()
)
#> read committed
# --8<-- [end:isolation]
session.close()
engine.dispose()
