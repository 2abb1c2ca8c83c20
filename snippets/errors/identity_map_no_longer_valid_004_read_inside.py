"""Identity map no longer valid, fixed: build the objects inside the Session's
with block (.all(), or iterate there)."""

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

# --8<-- [start:read_inside]
with Session(engine) as session:
    # a list: every object is built here
    users = session.scalars(select(User)).all()
print([user.name for user in users])
#> ['ada', 'grace', 'linus']

# a streamed result: iterate before the block ends
with Session(engine) as session:
    names = [
        user.name
        for user in session.scalars(
            select(User).execution_options(yield_per=1)
        )
    ]
print(names)
#> ['ada', 'grace', 'linus']
# --8<-- [end:read_inside]
