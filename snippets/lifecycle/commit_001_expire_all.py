"""Commit: flush, COMMIT, then every attribute of every object in the Session
is expired."""

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


@event.listens_for(engine, "commit")
def remember_commit(conn):
    statements.append("COMMIT")


session = Session(engine)
ada = session.scalars(select(User)).one()
address = ada.addresses[0]
# --8<-- [end:setup]

# --8<-- [start:before]
state = inspect(ada)
print(f"{state.expired=} {state.expired_attributes=} {state.unloaded=}")
#> state.expired=False state.expired_attributes=set() state.unloaded=set()
print(sorted(vars(ada)))
#> ['_sa_instance_state', 'addresses', 'id', 'name']
print(f"{sorted(inspect(address).unloaded)=}")
#> sorted(inspect(address).unloaded)=['user']
# --8<-- [end:before]

# --8<-- [start:commit]
statements.clear()
ada.name = "ada lovelace"
session.commit()
for sql in statements:
    print(sql)
    #> UPDATE users SET name=? WHERE users.id = ? ('ada lovelace', 1)
    #> COMMIT
# --8<-- [end:commit]

# --8<-- [start:after]
print(f"{state.expired=} {sorted(state.expired_attributes)=}")
#> state.expired=True sorted(state.expired_attributes)=['addresses', 'id', 'name']
print(f"{sorted(state.unloaded)=}")
#> sorted(state.unloaded)=['addresses', 'id', 'name']
print(sorted(vars(ada)))
#> ['_sa_instance_state']
print(
    f"{inspect(address).expired=} "
    f"{sorted(inspect(address).expired_attributes)=}"
)
#> inspect(address).expired=True sorted(inspect(address).expired_attributes)=['email', 'id', 'user', 'user_id']
# --8<-- [end:after]

# --8<-- [start:primary_key]
statements.clear()
print(f"{ada.id=}")
#> ada.id=1
for sql in statements:
    print(sql)
    #>[2.1] SELECT users.id, users.name
    #>[2.0] SELECT users.id AS users_id, users.name AS users_name
    #> FROM users
    #> WHERE users.id = ? (1,)
print(f"{state.expired=} {sorted(state.unloaded)=}")
#> state.expired=False sorted(state.unloaded)=['addresses']
# --8<-- [end:primary_key]
session.close()
