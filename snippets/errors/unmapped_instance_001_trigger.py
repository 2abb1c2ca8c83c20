"""UnmappedInstanceError: a Session method got None (here, from a get() that
found nothing)."""

from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import UnmappedInstanceError


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
# --8<-- [end:setup]

# --8<-- [start:trigger]
with Session(engine) as session:
    user = session.get(User, 42)  # no such row: user is None
    try:
        session.delete(user)
    except UnmappedInstanceError as exc:
        print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
        #> sqlalchemy.orm.exc.UnmappedInstanceError: Class 'builtins.NoneType' is not mapped
# --8<-- [end:trigger]
