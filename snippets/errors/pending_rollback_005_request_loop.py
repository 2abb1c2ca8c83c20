"""PendingRollbackError without an except of yours: a worker loop catches a
request's error and the next request reuses the same Session."""

from sqlalchemy import String, create_engine
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

# --8<-- [start:loop]
session = Session(engine)  # one Session for the whole process: the mistake


def create_user(user_id: int, name: str) -> str:
    session.add(User(id=user_id, name=name))
    session.commit()
    return "created"


def serve(requests):
    """A stand-in for a framework: it catches a request's error and goes
    on."""
    for user_id, name in requests:
        try:
            outcome = create_user(user_id, name)
        except Exception as exc:
            outcome = type(exc).__name__
        print(f"request {name}: {outcome}")
        #> request grace: IntegrityError
        #> request linus: PendingRollbackError


serve([(1, "grace"), (2, "linus")])  # grace's id is taken
# --8<-- [end:loop]
session.close()

# --8<-- [start:close_per_request]
session = Session(engine)


def serve_and_close(requests):
    for user_id, name in requests:
        try:
            outcome = create_user(user_id, name)
        except Exception as exc:
            outcome = type(exc).__name__
        finally:
            session.close()  # every request ends its transaction
        print(f"request {name}: {outcome}")
        #> request grace: IntegrityError
        #> request linus: created


serve_and_close([(1, "grace"), (2, "linus")])
# --8<-- [end:close_per_request]
