"""Already attached, fixed: merge() copies the object's state into the target
Session."""

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
ada.name = "Ada Lovelace"

# --8<-- [start:merge]
ada_in_b = session_b.merge(ada)  # a copy that belongs to session_b
session_b.commit()
print(
    f"{(ada_in_b is ada)=} {(ada in session_a)=} {(ada_in_b in session_b)=}"
)
#> (ada_in_b is ada)=False (ada in session_a)=True (ada_in_b in session_b)=True
with Session(engine) as check:
    print(check.get(User, 1).name)
    #> Ada Lovelace
# --8<-- [end:merge]
session_a.close()
session_b.close()
