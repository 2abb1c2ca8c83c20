"""DetachedInstanceError (deferred load), fix: Session.get() takes the same
loader options."""

from sqlalchemy import String, Text, create_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    undefer,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    bio: Mapped[str] = mapped_column(Text, deferred=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada", bio="wrote the first program"))
    setup.commit()

# --8<-- [start:fix]
with Session(engine) as session:
    user = session.get(User, 1, options=[undefer(User.bio)])

print(f"{user.name=} {user.bio=}")
#> user.name='ada' user.bio='wrote the first program'
# --8<-- [end:fix]
