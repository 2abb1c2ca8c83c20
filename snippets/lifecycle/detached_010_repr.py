"""Detached objects: a __repr__ that reads attributes can raise; one that
reads the state cannot."""

from sqlalchemy import String, create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import DetachedInstanceError


class Base(DeclarativeBase):
    pass


# --8<-- [start:naive]
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))

    def __repr__(self) -> str:
        return f"User(id={self.id}, name={self.name!r})"


# --8<-- [end:naive]


# --8<-- [start:safe]
class Team(Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))

    def __repr__(self) -> str:
        state = inspect(self)
        # state.dict holds only what is loaded; reading it never triggers SQL
        columns = [attr.key for attr in state.mapper.column_attrs]
        loaded = {k: state.dict[k] for k in columns if k in state.dict}
        # the primary key, kept through expiry and detachment
        key = state.identity
        return f"Team(identity={key}, loaded={loaded})"


# --8<-- [end:safe]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add_all([User(id=1, name="ada"), Team(id=1, name="engines")])
    setup.commit()

# --8<-- [start:naive_fails]
with Session(engine) as session:
    user = session.get(User, 1)
    session.commit()
try:
    print(f"loaded {user!r}")
except DetachedInstanceError as exc:
    print(type(exc).__name__, exc)
    #> DetachedInstanceError Instance <User at 0x7f3a83997790> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:naive_fails]

# --8<-- [start:safe_works]
with Session(engine) as session:
    team = session.get(Team, 1)
    print(repr(team))
    #> Team(identity=(1,), loaded={'id': 1, 'name': 'engines'})
    session.commit()
print(repr(team))
#> Team(identity=(1,), loaded={})
print(repr(Team(name="new")))
#> Team(identity=None, loaded={'name': 'new'})
# --8<-- [end:safe_works]
