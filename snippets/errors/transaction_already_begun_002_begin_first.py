"""Transaction already begun, fixed: open the begin() block before the first
query."""

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

# --8<-- [start:begin_first]
with Session(engine) as session, session.begin():
    ada = session.get(User, 1)  # runs inside the transaction begin() started
    ada.name = "Ada Lovelace"
# the begin() block committed, the with block closed the Session

with Session(engine) as check:
    print(check.get(User, 1).name)
    #> Ada Lovelace
# --8<-- [end:begin_first]
