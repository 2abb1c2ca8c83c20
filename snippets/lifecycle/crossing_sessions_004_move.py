"""Crossing sessions: move an object with expunge() and add(), or copy its
state with merge()."""

from sqlalchemy import String, create_engine, inspect, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    object_session,
)


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
    setup.add_all([User(id=1, name="ada"), User(id=2, name="grace")])
    setup.commit()

session_a = Session(engine)
session_b = Session(engine)
# --8<-- [end:setup]

# --8<-- [start:expunge_add]
ada = session_a.get(User, 1)
session_a.expunge(ada)
session_b.add(ada)
print(f"{(object_session(ada) is session_b)=} {inspect(ada).persistent=}")
#> (object_session(ada) is session_b)=True inspect(ada).persistent=True

ada.name = "ada lovelace"
session_b.commit()
# --8<-- [end:expunge_add]

# --8<-- [start:merge]
grace = session_a.get(User, 2)
grace.name = "grace hopper"
in_b = session_b.merge(grace)
print(
    f"{(in_b is grace)=} {(object_session(in_b) is session_b)=} "
    f"{(object_session(grace) is session_a)=}"
)
#> (in_b is grace)=False (object_session(in_b) is session_b)=True (object_session(grace) is session_a)=True
print(f"{in_b.name=} {(in_b in session_b.dirty)=}")
#> in_b.name='grace hopper' (in_b in session_b.dirty)=True
session_b.commit()
# --8<-- [end:merge]

# --8<-- [start:result]
session_a.rollback()  # session_a's own copy of grace is discarded
with Session(engine) as check:
    print(check.scalars(select(User.name).order_by(User.id)).all())
    #> ['ada lovelace', 'grace hopper']
# --8<-- [end:result]
session_a.close()
session_b.close()
