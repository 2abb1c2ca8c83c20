"""Rollback: what happens to pending, inserted, deleted and modified
objects."""

from sqlalchemy import String, create_engine, event, inspect
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
    setup.add_all([User(id=1, name="ada"), User(id=2, name="grace")])
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


def state_of(obj) -> str:
    insp = inspect(obj)
    for name in ("transient", "pending", "persistent", "deleted", "detached"):
        if getattr(insp, name):
            return name
    raise AssertionError("unreachable")


session = Session(engine)
# --8<-- [end:setup]

# --8<-- [start:before]
ada = session.get(User, 1)
grace = session.get(User, 2)

ada.name = "ada lovelace"  # modified
session.delete(grace)  # deleted
linus = User(id=3, name="linus")
session.add(linus)  # inserted...
session.flush()  # ...and flushed: the UPDATE, DELETE and INSERT are sent
alan = User(id=4, name="alan")
session.add(alan)  # pending, never flushed

for name, obj in [
    ("ada", ada),
    ("grace", grace),
    ("linus", linus),
    ("alan", alan),
]:
    print(f"{name:6} {state_of(obj)}")
    #> ada    persistent
    #> grace  deleted
    #> linus  persistent
    #> alan   pending
# --8<-- [end:before]

# --8<-- [start:rollback]
session.rollback()
for name, obj in [
    ("ada", ada),
    ("grace", grace),
    ("linus", linus),
    ("alan", alan),
]:
    print(f"{name:6} {state_of(obj):10} in session={obj in session}")
    #> ada    persistent in session=True
    #> grace  persistent in session=True
    #> linus  transient  in session=False
    #> alan   transient  in session=False
# --8<-- [end:rollback]

# --8<-- [start:reload]
statements.clear()
print(f"{ada.name=} {grace.name=}")
#> ada.name='ada' grace.name='grace'
for sql in statements:
    print(sql)
    #>[2.1] SELECT users.id, users.name
    #>[2.0] SELECT users.id AS users_id, users.name AS users_name
    #> FROM users
    #> WHERE users.id = ? (1,)
    #>[2.1] SELECT users.id, users.name
    #>[2.0] SELECT users.id AS users_id, users.name AS users_name
    #> FROM users
    #> WHERE users.id = ? (2,)
print(f"{linus.id=} {linus.name=} {alan.id=}")
#> linus.id=3 linus.name='linus' alan.id=4
# --8<-- [end:reload]
session.close()
