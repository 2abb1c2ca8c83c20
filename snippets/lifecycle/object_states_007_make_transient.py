"""Object states: make_transient() and make_transient_to_detached() change
state by hand."""

from sqlalchemy import String, create_engine, inspect
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    make_transient,
    make_transient_to_detached,
    mapped_column,
)


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

# --8<-- [start:make_transient]
session = Session(engine)
ada = session.get(User, 1)
make_transient(ada)
print(f"{inspect(ada).transient=} {(ada in session)=} {ada.id=} {ada.name=}")
#> inspect(ada).transient=True (ada in session)=False ada.id=1 ada.name='ada'

# add() of a transient object means INSERT: with id=1 still set it would
# collide with row 1.
ada.id = 2
session.add(ada)
session.commit()
print(f"{inspect(ada).persistent=} {ada.id=}")
#> inspect(ada).persistent=True ada.id=2
# --8<-- [end:make_transient]
session.close()

# --8<-- [start:make_transient_to_detached]
stub = User(id=1)
make_transient_to_detached(stub)
print(f"{inspect(stub).detached=} {inspect(stub).key=}")
#> inspect(stub).detached=True inspect(stub).key=(<class '__main__.User'>, (1,), None)

with Session(engine) as session:
    session.add(stub)
    print(f"{inspect(stub).persistent=} {stub.name=}")
    #> inspect(stub).persistent=True stub.name='ada'
# --8<-- [end:make_transient_to_detached]
