"""Deleted, fixed: to undo a delete that is not committed yet, roll back."""

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

session = Session(engine)
ada = session.get(User, 1)
session.delete(ada)
session.flush()

# --8<-- [start:rollback]
print(f"{inspect(ada).deleted=}")
#> inspect(ada).deleted=True
session.rollback()  # the DELETE is undone; ada is persistent again
print(f"{inspect(ada).persistent=} {ada.name=}")
#> inspect(ada).persistent=True ada.name='ada'
# --8<-- [end:rollback]
session.close()
