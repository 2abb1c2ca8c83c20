"""Flush: one flush sends every pending change, in the unit of work's order,
not in call order."""

from sqlalchemy import ForeignKey, String, create_engine, event, select
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
ada = session.get(User, 1)
old_address = session.scalars(select(Address)).one()
# --8<-- [end:setup]

# --8<-- [start:changes]
statements.clear()
session.delete(old_address)  # 1. a DELETE
grace = User(name="grace")
session.add(Address(email="grace@example.com", user=grace))  # 2. two INSERTs
ada.name = "ada lovelace"  # 3. an UPDATE
print(f"{statements=}")
#> statements=[]

session.flush()
for sql in statements:
    print(sql)
    #> UPDATE users SET name=? WHERE users.id = ? ('ada lovelace', 1)
    #> INSERT INTO users (name) VALUES (?) ('grace',)
    #> INSERT INTO addresses (email, user_id) VALUES (?, ?) ('grace@example.com', 2)
    #> DELETE FROM addresses WHERE addresses.id = ? (1,)
# --8<-- [end:changes]
session.close()
