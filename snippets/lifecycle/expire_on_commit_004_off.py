"""expire_on_commit: turned off per sessionmaker or per Session, objects keep
their values after commit."""

from sqlalchemy import String, create_engine, event, inspect, literal_column
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    sessionmaker,
)
from sqlalchemy.orm.exc import DetachedInstanceError


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# --8<-- [start:setup_onupdate]
class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(100))
    # computed by the database on every UPDATE
    edits: Mapped[int] = mapped_column(
        default=0, onupdate=literal_column("edits + 1")
    )


class EagerNote(Base):
    __tablename__ = "eager_notes"
    __mapper_args__ = {"eager_defaults": True}  # fetch it back at once
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(100))
    edits: Mapped[int] = mapped_column(
        default=0, onupdate=literal_column("edits + 1")
    )


# --8<-- [end:setup_onupdate]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


# --8<-- [start:sessionmaker]
SessionLocal = sessionmaker(engine, expire_on_commit=False)

with SessionLocal() as session:
    user = User(name="ada")
    session.add(user)
    session.commit()
    print(f"{inspect(user).expired=}")
    #> inspect(user).expired=False

statements.clear()
print(f"{inspect(user).detached=} {user.id=} {user.name=} {statements=}")
#> inspect(user).detached=True user.id=1 user.name='ada' statements=[]
# --8<-- [end:sessionmaker]

# --8<-- [start:session]
with Session(engine, expire_on_commit=False) as session:
    grace = User(name="grace")
    session.add(grace)
    session.commit()

statements.clear()
print(f"{inspect(grace).detached=} {grace.id=} {grace.name=} {statements=}")
#> inspect(grace).detached=True grace.id=2 grace.name='grace' statements=[]
# --8<-- [end:session]

# --8<-- [start:onupdate]
for model in (Note, EagerNote):
    with Session(engine, expire_on_commit=False) as session:
        note = model(id=1, text="draft")
        session.add(note)
        session.commit()
        note.text = "final"
        session.commit()  # the UPDATE sets edits on the server
    try:
        outcome = f"{note.edits=}"
    except DetachedInstanceError as exc:
        outcome = f"{type(exc).__name__}: {exc}"
    print(f"{model.__name__}: {inspect(note).unloaded=} {outcome}")
    #> Note: inspect(note).unloaded={'edits'} DetachedInstanceError: Instance <Note at 0x7f797ed61290> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/20/bhk3)
    #> EagerNote: inspect(note).unloaded=set() note.edits=1
# --8<-- [end:onupdate]
