"""Identity map: two queries for the same row give back the same Python
object."""

from sqlalchemy import String, create_engine, inspect, select
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
    setup.add_all([User(id=1, name="ada"), User(id=2, name="grace")])
    setup.commit()

session = Session(engine)
# --8<-- [end:setup]

# --8<-- [start:same_object]
by_name = session.scalars(select(User).where(User.name == "ada")).one()
by_id = session.scalars(select(User).where(User.id == 1)).one()
print(f"{(by_name is by_id)=}")
#> (by_name is by_id)=True

everyone = session.scalars(select(User).order_by(User.id)).all()
print(f"{(everyone[0] is by_id)=}")
#> (everyone[0] is by_id)=True
# --8<-- [end:same_object]

# --8<-- [start:the_map]
print(f"{inspect(by_id).key=}")
#> inspect(by_id).key=(<class '__main__.User'>, (1,), None)

for key, obj in session.identity_map.items():
    print(key, obj.name)
    #> (<class '__main__.User'>, (1,), None) ada
    #> (<class '__main__.User'>, (2,), None) grace
# --8<-- [end:the_map]

# --8<-- [start:other_session]
other = Session(engine)
in_other = other.get(User, 1)
print(
    f"{(in_other is by_id)=} {(inspect(in_other).key == inspect(by_id).key)=}"
)
#> (in_other is by_id)=False (inspect(in_other).key == inspect(by_id).key)=True
other.close()
# --8<-- [end:other_session]
session.close()
