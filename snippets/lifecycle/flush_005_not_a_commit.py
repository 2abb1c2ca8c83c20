"""Flush: a flushed row is visible inside its transaction only, and a rollback
takes it away."""

import tempfile
from pathlib import Path

from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# A database file, so that two Sessions use two connections (two
# transactions).
folder = tempfile.TemporaryDirectory()
engine = create_engine(f"sqlite:///{Path(folder.name) / 'guide.db'}")
Base.metadata.create_all(engine)
session = Session(engine)
other = Session(engine)
# --8<-- [end:setup]

# --8<-- [start:flush_then_rollback]
session.add(User(name="ada"))
session.flush()
print(f"{session.execute(select(User.id, User.name)).all()=}")
#> session.execute(select(User.id, User.name)).all()=[(1, 'ada')]
print(f"{other.execute(select(User.id, User.name)).all()=}")
#> other.execute(select(User.id, User.name)).all()=[]

session.rollback()
print(f"{session.execute(select(User.id, User.name)).all()=}")
#> session.execute(select(User.id, User.name)).all()=[]
# --8<-- [end:flush_then_rollback]
session.close()
other.close()
engine.dispose()
folder.cleanup()
