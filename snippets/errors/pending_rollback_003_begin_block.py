"""PendingRollbackError, fixed: a begin() block rolls back by itself when the
flush fails."""

from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


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

# --8<-- [start:begin_block]
with Session(engine) as session:
    try:
        with session.begin():
            session.add(User(id=1, name="grace"))
    except IntegrityError as exc:
        print(f"{type(exc).__name__}; {session.in_transaction()=}")
        #> IntegrityError; session.in_transaction()=False

    with session.begin():  # the next unit of work starts cleanly
        print(session.get(User, 1).name)
        #> ada
# --8<-- [end:begin_block]

# --8<-- [start:caught_inside]
with Session(engine) as session:
    with session.begin():
        session.add(User(id=2, name="linus"))
        session.flush()  # linus is inserted
        session.add(User(id=1, name="grace"))
        try:
            session.flush()
        except IntegrityError:
            pass  # caught inside the block: the block ends normally
    print("the block ended without an exception")
    #> the block ended without an exception
    print(session.scalars(select(User.name)).all())  # linus is gone
    #> ['ada']
# --8<-- [end:caught_inside]
