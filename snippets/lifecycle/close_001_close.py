"""Close: close() detaches every object and returns the connection, but
expires nothing."""

from guide_support import postgres_url
from sqlalchemy import String, create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import DetachedInstanceError


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
    setup.add_all([User(id=1, name="ada"), User(id=2, name="grace")])
    setup.commit()
# --8<-- [end:setup]

# --8<-- [start:close]
session = Session(engine)
ada = session.get(User, 1)
grace = session.get(User, 2)
print(
    f"{engine.pool.checkedout()=} {session.in_transaction()=} "
    f"{len(session.identity_map)=}"
)
#> engine.pool.checkedout()=1 session.in_transaction()=True len(session.identity_map)=2

session.close()
print(
    f"{engine.pool.checkedout()=} {session.in_transaction()=} "
    f"{len(session.identity_map)=}"
)
#> engine.pool.checkedout()=0 session.in_transaction()=False len(session.identity_map)=0
print(
    f"{inspect(ada).detached=} {inspect(ada).expired=} {ada.name=} "
    f"{grace.name=}"
)
#> inspect(ada).detached=True inspect(ada).expired=False ada.name='ada' grace.name='grace'
# --8<-- [end:close]

# --8<-- [start:after_commit]
session = Session(engine)
ada = session.get(User, 1)
session.commit()  # expire_on_commit=True (the default) expires ada here...
session.close()  # ...and close() does not load anything back
print(f"{inspect(ada).detached=} {inspect(ada).expired=}")
#> inspect(ada).detached=True inspect(ada).expired=True
try:
    ada.name
except DetachedInstanceError as exc:
    print(type(exc).__name__, exc)
    #> DetachedInstanceError Instance <User at 0x7f6e88763590> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:after_commit]
engine.dispose()
