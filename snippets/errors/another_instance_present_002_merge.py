"""Another instance present, fixed: merge() copies the detached object's
values onto the one in the Session."""

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

with Session(engine) as first:
    detached_ada = first.get(User, 1)
detached_ada.name = "Ada Lovelace"  # a change made while detached

session = Session(engine)
ada = session.get(User, 1)

# --8<-- [start:merge]
merged = session.merge(detached_ada)
print(f"{(merged is ada)=} {(merged is detached_ada)=} {ada.name=}")
#> (merged is ada)=True (merged is detached_ada)=False ada.name='Ada Lovelace'
# the object you passed is not adopted
print(f"{inspect(detached_ada).detached=}")
#> inspect(detached_ada).detached=True
session.commit()
with Session(engine) as check:
    print(check.get(User, 1).name)
    #> Ada Lovelace
# --8<-- [end:merge]
session.close()
