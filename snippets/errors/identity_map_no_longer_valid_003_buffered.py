"""Identity map no longer valid: without yield_per the ORM result is buffered, and close() does not break it."""

from sqlalchemy import String, create_engine, select
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
    setup.add_all([User(name="ada"), User(name="grace"), User(name="linus")])
    setup.commit()

# --8<-- [start:buffered]
session = Session(engine)
users = session.scalars(select(User))  # no yield_per: every row is turned into an object now
print(next(users).name)
#> ada
session.close()
print([user.name for user in users])
#> ['grace', 'linus']
# --8<-- [end:buffered]
