"""Transaction already begun: begin() on a Session whose first query already
autobegan a transaction."""

from sqlalchemy import String, create_engine
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
    setup.add(User(id=1, name="ada"))
    setup.commit()
# --8<-- [end:setup]

# --8<-- [start:trigger]
session = Session(engine)
ada = session.get(User, 1)  # the first SQL autobegins a transaction
print(f"{session.in_transaction()=}")
#> session.in_transaction()=True

try:
    with session.begin():
        ada.name = "Ada Lovelace"
except InvalidRequestError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.exc.InvalidRequestError: A transaction is already begun on this Session.
# --8<-- [end:trigger]
session.close()
