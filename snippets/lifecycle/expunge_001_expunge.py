"""Expunge: what expunge() and expunge_all() do to pending and persistent
objects."""

from sqlalchemy import String, create_engine, inspect
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
    setup.add_all([User(id=1, name="ada"), User(id=2, name="grace")])
    setup.commit()

session = Session(engine)
# --8<-- [end:setup]

# --8<-- [start:persistent]
ada = session.get(User, 1)
session.expunge(ada)
print(f"{inspect(ada).detached=} {inspect(ada).key=} {(ada in session)=}")
#> inspect(ada).detached=True inspect(ada).key=(<class '__main__.User'>, (1,), None) (ada in session)=False
# --8<-- [end:persistent]

# --8<-- [start:pending]
new = User(name="linus")
session.add(new)
session.expunge(new)
print(
    f"{inspect(new).transient=} {inspect(new).detached=} {inspect(new).key=}"
)
#> inspect(new).transient=True inspect(new).detached=False inspect(new).key=None
# --8<-- [end:pending]

# --8<-- [start:expunge_all]
grace = session.get(User, 2)
pending = User(name="guido")
session.add(pending)
session.expunge_all()
print(f"{inspect(grace).detached=} {inspect(pending).transient=}")
#> inspect(grace).detached=True inspect(pending).transient=True
print(f"{len(session.identity_map)=} {session.new=}")
#> len(session.identity_map)=0 session.new=IdentitySet([])
# --8<-- [end:expunge_all]

# --8<-- [start:not_present]
try:
    session.expunge(grace)
except InvalidRequestError as exc:
    print(type(exc).__name__, exc)
    #> InvalidRequestError Instance <User at 0x7f6a542ac7d0> is not present in this Session
# --8<-- [end:not_present]
session.close()
