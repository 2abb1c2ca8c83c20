"""Identity map no longer valid: without yield_per, the first fetch builds
every object, so a peek before close() hides the bug."""

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

# --8<-- [start:first_fetch]
session = Session(engine)
users = session.scalars(select(User))
print(f"after the query:      {len(session.identity_map)=}")
#> after the query:      len(session.identity_map)=0
first = next(users)
print(f"after the first next: {len(session.identity_map)=}")
#> after the first next: len(session.identity_map)=3
session.close()
# already built: nothing left to convert
print([first.name] + [user.name for user in users])
#> ['ada', 'grace', 'linus']
# --8<-- [end:first_fetch]
