"""Session state 'inactive': an after_rollback hook that runs SQL on the
Session being rolled back."""

from sqlalchemy import String, create_engine, event, select
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
    setup.add(User(id=1, name="ada"))
    setup.commit()

session = Session(engine)
# --8<-- [end:setup]


# --8<-- [start:inactive]
@event.listens_for(session, "after_rollback")
def reload_users(session):
    try:
        session.scalars(select(User)).all()
    except InvalidRequestError as exc:
        print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
        #> sqlalchemy.exc.InvalidRequestError: This session is in 'inactive' state, due to the SQL transaction being rolled back; no further SQL can be emitted within this transaction.


session.get(User, 1)  # starts a transaction
session.rollback()
# --8<-- [end:inactive]
session.close()
