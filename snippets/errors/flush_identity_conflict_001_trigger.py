"""Identity conflict: a new object with the primary key of a persistent one; a
warning, then the INSERT fails."""

import warnings

from sqlalchemy import String, create_engine
from sqlalchemy.exc import IntegrityError
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
session = Session(engine)
ada = session.get(User, 1)  # persistent, key (User, (1,))
session.add(User(id=1, name="ada lovelace"))  # new, same key

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
        session.flush()
    except IntegrityError as exc:
        error = exc
for w in caught:
    print(f"{w.category.__module__}.{w.category.__name__}: {w.message}")
    #> sqlalchemy.exc.SAWarning: New instance <User at 0x7f42ac48b8d0> with identity key (<class '__main__.User'>, (1,), None) conflicts with persistent instance <User at 0x7f42ac48b950>
# --8<-- [end:trigger]

# --8<-- [start:then]
print(f"{type(error).__module__}.{type(error).__name__}: {error.orig}")
#> sqlalchemy.exc.IntegrityError: UNIQUE constraint failed: users.id
print(error.statement, error.params)
#> INSERT INTO users (id, name) VALUES (?, ?) (1, 'ada lovelace')
print(f"{error.code=}")
#> error.code='gkpj'
# --8<-- [end:then]
session.rollback()
session.close()
