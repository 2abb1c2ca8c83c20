"""Not persistent, fixed: refresh the copy that belongs to this Session, not
another Session's."""

from sqlalchemy import String, create_engine
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

other = Session(engine)
ada_elsewhere = other.get(User, 1)
session = Session(engine)
# --8<-- [end:setup]

# --8<-- [start:own_copy]
ada = session.get(User, 1)  # this Session's own object for the same row
session.refresh(ada)
print(f"{(ada is ada_elsewhere)=} {(ada in session)=} {ada.name=}")
#> (ada is ada_elsewhere)=False (ada in session)=True ada.name='ada'
# --8<-- [end:own_copy]
other.close()
session.close()
