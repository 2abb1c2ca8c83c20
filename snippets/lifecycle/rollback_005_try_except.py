"""Rollback: without a begin() block, catch the error, call rollback(), and
the Session works again."""

from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(name="ada"))
    setup.commit()


# --8<-- [start:try_except]
def register(session: Session, name: str) -> bool:
    """Insert a user; False if the name is taken. The session is usable either
    way."""
    session.add(User(name=name))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True


with Session(engine) as session:
    print(register(session, "ada"))
    #> False
    print(register(session, "grace"))
    #> True
    print(session.scalars(select(User.name).order_by(User.id)).all())
    #> ['ada', 'grace']
# --8<-- [end:try_except]
