"""expire_on_commit: by default, commit() expires every object; the next
access reloads it."""

from sqlalchemy import String, create_engine, event, inspect, select
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
    setup.add_all(
        [
            User(id=1, name="ada"),
            User(id=2, name="grace"),
            User(id=3, name="linus"),
        ]
    )
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


# --8<-- [end:setup]


# --8<-- [start:commit]
session = Session(engine)  # expire_on_commit=True is the default
users = session.scalars(select(User).order_by(User.id)).all()
users[0].name = "ada lovelace"

session.commit()
print([inspect(u).expired for u in users])
#> [True, True, True]
# --8<-- [end:commit]

# --8<-- [start:cost]
statements.clear()
print([u.name for u in users])
#> ['ada lovelace', 'grace', 'linus']
print(f"{len(statements)} statements:")
#> 3 statements:
for sql in statements:
    print(sql)
    #>[2.1] SELECT users.id, users.name
    #>[2.0] SELECT users.id AS users_id, users.name AS users_name
    #> FROM users
    #> WHERE users.id = ? (1,)
    #>[2.1] SELECT users.id, users.name
    #>[2.0] SELECT users.id AS users_id, users.name AS users_name
    #> FROM users
    #> WHERE users.id = ? (2,)
    #>[2.1] SELECT users.id, users.name
    #>[2.0] SELECT users.id AS users_id, users.name AS users_name
    #> FROM users
    #> WHERE users.id = ? (3,)
# --8<-- [end:cost]
session.close()
