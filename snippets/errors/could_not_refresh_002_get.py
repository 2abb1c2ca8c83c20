"""Could not refresh, fixed: ask with get(populate_existing=True), which
answers None for a deleted row."""

from guide_support import postgres_url
from sqlalchemy import String, create_engine, delete, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


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
ada = session.get(User, 1)
grace = session.get(User, 2)
with engine.begin() as other_connection:
    other_connection.execute(delete(User).where(User.id == 1))
    other_connection.execute(
        update(User).where(User.id == 2).values(name="Grace Hopper")
    )
# --8<-- [end:setup]

# --8<-- [start:get]
for user_id in (1, 2):
    # re-reads the row
    fresh = session.get(User, user_id, populate_existing=True)
    if fresh is None:
        print(f"user {user_id} is gone")
        #> user 1 is gone
    else:
        print(
            f"user {user_id} is {fresh.name!r}, same object: {fresh is grace}"
        )
        #> user 2 is 'Grace Hopper', same object: True
# --8<-- [end:get]
session.close()
engine.dispose()
