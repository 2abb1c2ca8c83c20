"""Session state 'committed': an after_commit hook that runs SQL on the
Session being committed."""

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


# --8<-- [start:trigger]
@event.listens_for(session, "after_commit")
def count_users(session):
    try:
        session.scalars(select(User)).all()
    except InvalidRequestError as exc:
        print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
        #> sqlalchemy.exc.InvalidRequestError: This session is in 'committed' state; no further SQL can be emitted within this transaction.


session.add(User(name="grace"))
session.commit()
# --8<-- [end:trigger]
session.close()
