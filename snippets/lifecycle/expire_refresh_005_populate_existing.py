"""Expire versus refresh: a query does not overwrite loaded objects unless
populate_existing is set."""

from sqlalchemy import String, create_engine, event, select, text
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
    setup.add_all([User(id=1, name="ada"), User(id=2, name="grace")])
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


session = Session(engine)
users = session.scalars(select(User).order_by(User.id)).all()
# Plain SQL: the Session sends it but does not know which objects it changes.
session.execute(text("UPDATE users SET name = upper(name)"))
# --8<-- [end:setup]

# --8<-- [start:plain]
statements.clear()
again = session.scalars(select(User).order_by(User.id)).all()
print(f"{(again[0] is users[0])=} {[u.name for u in again]}")
#> (again[0] is users[0])=True ['ada', 'grace']
for sql in statements:
    print(sql)
    #> SELECT users.id, users.name
    #> FROM users ORDER BY users.id ()
# --8<-- [end:plain]

# --8<-- [start:populate_existing]
statements.clear()
stmt = (
    select(User).order_by(User.id).execution_options(populate_existing=True)
)
again = session.scalars(stmt).all()
print(f"{(again[0] is users[0])=} {[u.name for u in again]}")
#> (again[0] is users[0])=True ['ADA', 'GRACE']
for sql in statements:
    print(sql)
    #> SELECT users.id, users.name
    #> FROM users ORDER BY users.id ()
# --8<-- [end:populate_existing]

# --8<-- [start:unflushed]
users[0].name = "Ada Lovelace"  # a change not flushed yet
with session.no_autoflush:
    session.scalars(stmt).all()
print(f"{users[0].name=} {(users[0] in session.dirty)=}")
#> users[0].name='ADA' (users[0] in session.dirty)=False
# --8<-- [end:unflushed]
session.close()
