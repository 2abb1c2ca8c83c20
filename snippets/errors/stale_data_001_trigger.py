"""StaleDataError: the flush's UPDATE matched no row, because another
transaction deleted it."""

from guide_support import postgres_url
from sqlalchemy import String, create_engine, delete, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import StaleDataError


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


# --8<-- [start:trigger]
session = Session(engine)
user = session.get(User, 1)

# meanwhile, another transaction deletes the row
with Session(engine) as other:
    other.execute(delete(User).where(User.id == 1))
    other.commit()

user.name = "ada lovelace"
statements.clear()
try:
    session.commit()
except StaleDataError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.orm.exc.StaleDataError: UPDATE statement on table 'users' expected to update 1 row(s); 0 were matched.
# --8<-- [end:trigger]

# --8<-- [start:sql]
for sql in statements:
    print(sql)
    #> UPDATE users SET name=%(name)s::VARCHAR WHERE users.id = %(users_id)s::INTEGER {'name': 'ada lovelace', 'users_id': 1}
# the failed flush left the transaction unusable
print(f"{session.is_active=}")
#> session.is_active=False
# --8<-- [end:sql]
session.rollback()
session.close()
engine.dispose()
