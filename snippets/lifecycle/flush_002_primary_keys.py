"""Flush: the INSERT gives a pending object its primary key, and its children
their foreign key."""

from sqlalchemy import ForeignKey, String, create_engine, inspect
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    addresses: Mapped[list["Address"]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
session = Session(engine)

# --8<-- [start:keys]
ada = User(name="ada")
address = Address(email="ada@example.com")
ada.addresses.append(address)
session.add(ada)
print(f"{inspect(ada).pending=} {ada.id=} {address.id=} {address.user_id=}")
#> inspect(ada).pending=True ada.id=None address.id=None address.user_id=None

session.flush()
print(
    f"{inspect(ada).persistent=} {ada.id=} {address.id=} {address.user_id=}"
)
#> inspect(ada).persistent=True ada.id=1 address.id=1 address.user_id=1
print(f"{inspect(address).persistent=} {inspect(address).key=}")
#> inspect(address).persistent=True inspect(address).key=(<class '__main__.Address'>, (1,), None)
# --8<-- [end:keys]
session.close()
