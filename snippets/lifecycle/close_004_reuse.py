"""Close: a closed Session can be used again; it starts with an empty identity
map."""

from sqlalchemy import String, create_engine, inspect
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

# --8<-- [start:reuse]
session = Session(engine)
before = session.get(User, 1)
session.close()

after = session.get(User, 1)  # a new transaction, a new identity map
print(
    f"{(after is before)=} {inspect(before).detached=} "
    f"{inspect(after).persistent=}"
)
#> (after is before)=False inspect(before).detached=True inspect(after).persistent=True
session.close()
# --8<-- [end:reuse]
