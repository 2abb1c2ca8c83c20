"""PendingRollbackError, why: the failed flush has already rolled back the
database transaction and everything it held, including a flush that had
succeeded before it."""

from sqlalchemy import String, create_engine, inspect
from sqlalchemy.exc import IntegrityError
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
    setup.add(User(id=1, name="ada"))
    setup.commit()

# --8<-- [start:lost]
session = Session(engine)
linus = User(id=2, name="linus")
session.add(linus)
session.flush()  # linus's INSERT succeeds
print(f"{inspect(linus).persistent=}")
#> inspect(linus).persistent=True

grace = User(id=1, name="grace")  # id 1 is taken
session.add(grace)
try:
    session.flush()
except IntegrityError:
    pass  # swallowed: no rollback()
print(f"{inspect(linus).transient=} {inspect(grace).transient=}")
#> inspect(linus).transient=True inspect(grace).transient=True
print(f"{list(session.new)=}")
#> list(session.new)=[]
# --8<-- [end:lost]
session.close()
