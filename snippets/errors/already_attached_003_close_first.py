"""Already attached, fixed: close (or expunge from) the first Session, then
add() to the second."""

from sqlalchemy import String, create_engine
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

session_a = Session(engine)
session_b = Session(engine)
ada = session_a.get(User, 1)

# --8<-- [start:close_first]
session_a.close()  # ada is now detached: no Session holds it
session_b.add(ada)
ada.name = "Ada Lovelace"
session_b.commit()
print(f"{(ada in session_b)=}")
#> (ada in session_b)=True
with Session(engine) as check:
    print(check.get(User, 1).name)
    #> Ada Lovelace
# --8<-- [end:close_first]
session_b.close()
