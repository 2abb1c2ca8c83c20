"""ObjectDeletedError, fix: ask the Session for the row with get(); a vanished
row gives None."""

from guide_support import postgres_url
from sqlalchemy import String, create_engine, delete, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine(postgres_url())
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada"))
    setup.commit()

session = Session(engine)
user = session.get(User, 1)
session.commit()
with Session(engine) as other:
    other.execute(delete(User).where(User.id == 1))
    other.commit()

# --8<-- [start:fix]
# the key is known without touching the database
user_id = inspect(user).identity[0]
current = session.get(User, user_id)
if current is None:
    print(f"user {user_id} is gone")
    #> user 1 is gone
else:
    print(current.name)
# --8<-- [end:fix]
session.close()
engine.dispose()
