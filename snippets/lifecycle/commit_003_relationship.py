"""Commit: a relationship collection is expired too, and reloads lazily on its
next access."""

from sqlalchemy import (
    ForeignKey,
    String,
    create_engine,
    event,
    inspect,
    select,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
)


# --8<-- [start:setup]
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
with Session(engine) as setup:
    setup.add(
        User(
            id=1,
            name="ada",
            addresses=[Address(id=1, email="ada@example.com")],
        )
    )
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


session = Session(engine)
ada = session.scalars(select(User)).one()
# --8<-- [end:setup]

# --8<-- [start:collection]
print([a.email for a in ada.addresses])
#> ['ada@example.com']

# Setting the foreign key column does not touch the loaded collection.
session.add(Address(email="ada@work.example.com", user_id=ada.id))
session.flush()
print([a.email for a in ada.addresses])
#> ['ada@example.com']

session.commit()
print(f"{'addresses' in inspect(ada).unloaded=}")
#> 'addresses' in inspect(ada).unloaded=True
statements.clear()
print([a.email for a in ada.addresses])
#> ['ada@example.com', 'ada@work.example.com']
for sql in statements:
    print(sql)
    #>[2.1] SELECT users.id, users.name
    #>[2.0] SELECT users.id AS users_id, users.name AS users_name
    #> FROM users
    #> WHERE users.id = ? (1,)
    #>[2.1] SELECT addresses.id, addresses.email, addresses.user_id
    #>[2.0] SELECT addresses.id AS addresses_id, addresses.email AS addresses_email, addresses.user_id AS addresses_user_id
    #> FROM addresses
    #> WHERE ? = addresses.user_id (1,)
# --8<-- [end:collection]
session.close()
