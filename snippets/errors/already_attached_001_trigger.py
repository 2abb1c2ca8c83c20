"""Already attached: add() of an object that another, still open, Session
holds."""

from sqlalchemy import String, create_engine, inspect
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:setup]
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
# --8<-- [end:setup]

# --8<-- [start:trigger]
session_a = Session(engine)
session_b = Session(engine)
ada = session_a.get(User, 1)  # ada belongs to session_a, which is still open
print(
    f"{session_a.hash_key=} {session_b.hash_key=} "
    f"{(inspect(ada).session is session_a)=}"
)
#> session_a.hash_key=2 session_b.hash_key=3 (inspect(ada).session is session_a)=True

try:
    session_b.add(ada)
except InvalidRequestError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.exc.InvalidRequestError: Object '<User at 0x7f9e49ccc4d0>' is already attached to session '2' (this is '3')
# --8<-- [end:trigger]
session_a.close()
session_b.close()
