"""Rollback: begin_nested() rolls back to a SAVEPOINT and keeps the outer
transaction alive."""

from sqlalchemy import String, create_engine, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(name="ada"))
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


# --8<-- [start:savepoint]
with Session(engine) as session, session.begin():
    session.add(User(name="grace"))
    for name in ["ada", "linus"]:
        try:
            with session.begin_nested():
                session.add(User(name=name))
        except IntegrityError as exc:
            print(f"skipped {name!r}: {exc.orig}")
            #> skipped 'ada': UNIQUE constraint failed: users.name
    print(f"{session.is_active=}")
    #> session.is_active=True

for sql in statements:
    print(sql)
    #> INSERT INTO users (name) VALUES (?) ('grace',)
    #> SAVEPOINT sa_savepoint_1 ()
    #> INSERT INTO users (name) VALUES (?) ('ada',)
    #> ROLLBACK TO SAVEPOINT sa_savepoint_1 ()
    #> SAVEPOINT sa_savepoint_2 ()
    #> INSERT INTO users (name) VALUES (?) ('linus',)
    #> RELEASE SAVEPOINT sa_savepoint_2 ()
# --8<-- [end:savepoint]

# --8<-- [start:result]
with Session(engine) as check:
    print(check.scalars(select(User.name).order_by(User.id)).all())
    #> ['ada', 'grace', 'linus']
# --8<-- [end:result]

# --8<-- [start:preflush_fails]
with Session(engine) as session:
    session.begin()
    session.add(User(name="ada"))  # taken, and still pending
    try:
        # flushes ada first, before the SAVEPOINT
        with session.begin_nested():
            session.add(User(name="alan"))
    except IntegrityError as exc:
        print(f"{exc.orig}; {session.is_active=}")
        #> UNIQUE constraint failed: users.name; session.is_active=False
# --8<-- [end:preflush_fails]
