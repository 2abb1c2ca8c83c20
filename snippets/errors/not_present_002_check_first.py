"""Not present, fixed: expunge from the Session that holds the object, or only
if it is there."""

from sqlalchemy import String, create_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    object_session,
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

session = Session(engine)
other = Session(engine)
ada = other.get(User, 1)

# --8<-- [start:check_first]
if ada in session:
    session.expunge(ada)
print(f"{(ada in session)=} {(ada in other)=}")
#> (ada in session)=False (ada in other)=True

owner = object_session(ada)  # the Session that really holds it
print(f"{(owner is other)=}")
#> (owner is other)=True
owner.expunge(ada)
print(f"{(ada in other)=} {object_session(ada)=}")
#> (ada in other)=False object_session(ada)=None
# --8<-- [end:check_first]
other.close()
session.close()
