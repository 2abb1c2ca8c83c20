"""Identity map: session.new, session.dirty, session.deleted and `obj in
session`."""

from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))

    def __repr__(self) -> str:
        return f"User({self.name!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add_all(
        [
            User(id=1, name="ada"),
            User(id=2, name="grace"),
            User(id=3, name="linus"),
        ]
    )
    setup.commit()

session = Session(engine)
ada, grace, linus = (session.get(User, pk) for pk in (1, 2, 3))
# --8<-- [end:setup]

# --8<-- [start:collections]
alan = User(name="alan")
print(f"{(alan in session)=} {(ada in session)=}")
#> (alan in session)=False (ada in session)=True

session.add(alan)
grace.name = "grace hopper"
session.delete(linus)
print(f"{session.new=}")
#> session.new=IdentitySet([User('alan')])
print(f"{session.dirty=}")
#> session.dirty=IdentitySet([User('grace hopper')])
print(f"{session.deleted=}")
#> session.deleted=IdentitySet([User('linus')])
print(f"{(alan in session)=} {(linus in session)=}")
#> (alan in session)=True (linus in session)=True
# --8<-- [end:collections]

# --8<-- [start:after_flush]
session.flush()
print(f"{session.new=} {session.dirty=} {session.deleted=}")
#> session.new=IdentitySet([]) session.dirty=IdentitySet([]) session.deleted=IdentitySet([])
print(f"{(alan in session)=} {(linus in session)=}")
#> (alan in session)=True (linus in session)=False
print(sorted(key[1] for key in session.identity_map))
#> [(1,), (2,), (4,)]
# --8<-- [end:after_flush]
session.close()
