"""Identity map: get() answers from the map without SQL; a select() runs SQL
but keeps the object."""

from sqlalchemy import String, create_engine, event, inspect, select, text
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

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


session = Session(engine)
# --8<-- [end:setup]

# --8<-- [start:get]
ada = session.get(User, 1)
print(statements)
#>[2.1] ['SELECT users.id, users.name \nFROM users \nWHERE users.id = ? (1,)']
#>[2.0] ['SELECT users.id AS users_id, users.name AS users_name \nFROM users \nWHERE users.id = ? (1,)']

statements.clear()
again = session.get(User, 1)
print(f"{(again is ada)=} {statements=}")
#> (again is ada)=True statements=[]
# --8<-- [end:get]

# --8<-- [start:select]
statements.clear()
queried = session.scalars(select(User).where(User.id == 1)).one()
print(f"{(queried is ada)=}")
#> (queried is ada)=True
print(statements)
#> ['SELECT users.id, users.name \nFROM users \nWHERE users.id = ? (1,)']
# --8<-- [end:select]

# --8<-- [start:not_overwritten]
# Change the row behind the ORM's back, in the same transaction.
session.connection().execute(
    text("UPDATE users SET name = 'ADA' WHERE id = 1")
)

queried = session.scalars(select(User).where(User.id == 1)).one()
in_the_row = session.scalars(select(User.name).where(User.id == 1)).one()
print(f"{queried.name=} {in_the_row=}")
#> queried.name='ada' in_the_row='ADA'
# --8<-- [end:not_overwritten]

# --8<-- [start:populate_existing]
refreshed = session.scalars(
    select(User).where(User.id == 1).execution_options(populate_existing=True)
).one()
print(f"{(refreshed is ada)=} {ada.name=}")
#> (refreshed is ada)=True ada.name='ADA'
# --8<-- [end:populate_existing]

# --8<-- [start:unflushed]
ada.name = "ada lovelace"
with session.no_autoflush:
    session.scalars(select(User).where(User.id == 1)).one()
    print(f"{ada.name=} {session.dirty=}")
    #> ada.name='ada lovelace' session.dirty=IdentitySet([<__main__.User object at 0x7f0343579210>])

    session.scalars(
        select(User)
        .where(User.id == 1)
        .execution_options(populate_existing=True)
    ).one()
    print(f"{ada.name=} {session.dirty=}")
    #> ada.name='ADA' session.dirty=IdentitySet([])
# --8<-- [end:unflushed]

# --8<-- [start:weak]
print(f"{len(session.identity_map)=}")
#> len(session.identity_map)=1
del ada, again, queried, refreshed
print(f"{len(session.identity_map)=}")
#> len(session.identity_map)=0

statements.clear()
session.get(User, 1)
print(len(statements))
#> 1
# --8<-- [end:weak]

# --8<-- [start:modified_kept]
session.get(User, 1).name = "ada byron"
print(f"{len(session.identity_map)=}")
#> len(session.identity_map)=1

session.flush()
print(f"{len(session.identity_map)=}")
#> len(session.identity_map)=0
# --8<-- [end:modified_kept]

# --8<-- [start:expired]
ada = session.get(User, 1)
session.commit()  # expires ada; she stays in the identity map
print(f"{len(session.identity_map)=} {inspect(ada).expired=}")
#> len(session.identity_map)=1 inspect(ada).expired=True

statements.clear()
again = session.get(User, 1)
print(f"{(again is ada)=} {len(statements)=}")
#> (again is ada)=True len(statements)=1
# --8<-- [end:expired]
session.close()
