"""Session state, fixed: work after the commit uses a Session of its own, not
the one committing."""

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
with Session(engine) as setup:
    setup.add(User(id=1, name="ada"))
    setup.commit()

session = Session(engine)
# --8<-- [end:setup]


# --8<-- [start:new_session]
@event.listens_for(session, "after_commit")
def count_users(session):
    with Session(session.bind) as fresh:  # a new Session, a new transaction
        print(f"users after COMMIT: {len(fresh.scalars(select(User)).all())}")
        #> users after COMMIT: 2


session.add(User(name="grace"))
session.commit()
# --8<-- [end:new_session]
session.close()
