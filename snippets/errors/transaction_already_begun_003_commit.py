"""Transaction already begun, fixed: keep the autobegun transaction and end it
with commit()."""

from sqlalchemy import String, create_engine
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

# --8<-- [start:commit]
with Session(engine) as session:
    ada = session.get(User, 1)  # autobegin
    ada.name = "Ada Lovelace"
    session.commit()  # ends the autobegun transaction
    print(f"{session.in_transaction()=}")
    #> session.in_transaction()=False

    with session.begin():  # allowed again: no transaction is in progress
        ada.name = "Countess of Lovelace"

with Session(engine) as check:
    print(check.get(User, 1).name)
    #> Countess of Lovelace
# --8<-- [end:commit]
