"""Not persistent, fixed: a new object becomes refreshable once it is added
and flushed."""

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

session = Session(engine)

# --8<-- [start:flush_first]
user = User(name="grace")
session.add(user)
# INSERT: the object is now persistent, with a row to read back
session.flush()
session.refresh(user)
print(f"{user.id=} {user.name=}")
#> user.id=2 user.name='grace'
# --8<-- [end:flush_first]
session.close()
