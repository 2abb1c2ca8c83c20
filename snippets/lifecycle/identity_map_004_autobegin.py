"""Identity map: a new Session holds no connection; it begins a transaction on
first use."""

from sqlalchemy import String, create_engine, event, select
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

# Every time the Session takes a connection from the pool or gives it back.
pool_events: list[str] = []


@event.listens_for(engine, "checkout")
def on_checkout(dbapi_connection, connection_record, connection_proxy):
    pool_events.append("checkout")


@event.listens_for(engine, "checkin")
def on_checkin(dbapi_connection, connection_record):
    pool_events.append("checkin")


# --8<-- [end:setup]


# --8<-- [start:new_session]
session = Session(engine)
print(
    f"{session.in_transaction()=} {session.get_transaction()=} {pool_events=}"
)
#> session.in_transaction()=False session.get_transaction()=None pool_events=[]
# --8<-- [end:new_session]

# --8<-- [start:first_query]
session.scalars(select(User)).all()
print(f"{session.in_transaction()=} {pool_events=}")
#> session.in_transaction()=True pool_events=['checkout']
# --8<-- [end:first_query]

# --8<-- [start:commit_ends_it]
session.commit()
print(f"{session.in_transaction()=} {pool_events=}")
#> session.in_transaction()=False pool_events=['checkout', 'checkin']
# --8<-- [end:commit_ends_it]

# --8<-- [start:add_begins]
session.add(User(name="ada"))
print(f"{session.in_transaction()=} {pool_events=}")
#> session.in_transaction()=True pool_events=['checkout', 'checkin']

session.flush()
print(f"{session.in_transaction()=} {pool_events=}")
#> session.in_transaction()=True pool_events=['checkout', 'checkin', 'checkout']

session.close()
print(f"{session.in_transaction()=} {pool_events=}")
#> session.in_transaction()=False pool_events=['checkout', 'checkin', 'checkout', 'checkin']
# --8<-- [end:add_begins]
