"""Crossing sessions: committing another Session writes nothing of this
Session's changes."""

from guide_support import postgres_url
from sqlalchemy import String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine(postgres_url())
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada"))
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


# --8<-- [end:setup]


# --8<-- [start:wrong_commit]
session_a = Session(engine)  # say, the one a helper function opened
session_b = Session(engine)  # the one the caller commits

ada = session_a.get(User, 1)
ada.name = "ada lovelace"

statements.clear()
session_b.commit()
print(f"{statements=}")
#> statements=[]
print(f"{(ada in session_a.dirty)=}")
#> (ada in session_a.dirty)=True

with Session(engine) as check:
    print(check.scalars(select(User.name)).all())
    #> ['ada']
# --8<-- [end:wrong_commit]

# --8<-- [start:lost]
session_a.close()
with Session(engine) as check:
    print(check.scalars(select(User.name)).all())
    #> ['ada']
# --8<-- [end:lost]
session_b.close()
engine.dispose()
