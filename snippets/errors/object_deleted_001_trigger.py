"""ObjectDeletedError: an expired object whose row another transaction
deleted."""

from guide_support import postgres_url
from sqlalchemy import String, create_engine, delete, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import ObjectDeletedError


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
session.commit()  # expires user: the next read goes to the database

with Session(engine) as other:  # meanwhile, someone else deletes the row
    other.execute(delete(User).where(User.id == 1))
    other.commit()
# this Session cannot know
print(f"{inspect(user).persistent=} {inspect(user).was_deleted=}")
#> inspect(user).persistent=True inspect(user).was_deleted=False

statements.clear()
try:
    print(user.name)
except ObjectDeletedError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.orm.exc.ObjectDeletedError: Instance '<User at 0x7f63a2552d10>' has been deleted, or its row is otherwise not present.
# --8<-- [end:trigger]

# --8<-- [start:sql]
for sql in statements:
    print(sql)
    #>[2.1] SELECT users.id, users.name
    #>[2.0] SELECT users.id AS users_id, users.name AS users_name
    #> FROM users
    #> WHERE users.id = %(pk_1)s::INTEGER {'pk_1': 1}
# --8<-- [end:sql]
session.close()
engine.dispose()
