"""ObjectDeletedError, fix: where a concurrent delete is expected, catch it
and drop the object."""

from guide_support import postgres_url
from sqlalchemy import String, create_engine, delete, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import ObjectDeletedError


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine(postgres_url())
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add_all([User(id=1, name="ada"), User(id=2, name="grace")])
    setup.commit()

session = Session(engine)
users = session.scalars(select(User).order_by(User.id)).all()
session.commit()
with Session(engine) as other:
    other.execute(delete(User).where(User.id == 1))
    other.commit()
# --8<-- [end:setup]

# --8<-- [start:fix]
names = []
for user in users:
    try:
        names.append(user.name)
    except ObjectDeletedError:
        session.expunge(user)  # forget the object; its row no longer exists
print(f"{names=}")
#> names=['grace']
print(f"{[inspect(u).detached for u in users]=}")
#> [inspect(u).detached for u in users]=[True, False]
# --8<-- [end:fix]
session.close()
engine.dispose()
