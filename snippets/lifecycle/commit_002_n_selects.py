"""Commit: after a commit, the first touch of each object costs one SELECT."""

from sqlalchemy import String, create_engine, event, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    email: Mapped[str] = mapped_column(String(100))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add_all(
        [
            User(id=i, name=name, email=f"{name}@example.com")
            for i, name in enumerate(["ada", "grace", "linus"], 1)
        ]
    )
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


session = Session(engine)
# --8<-- [end:setup]

# --8<-- [start:load]
users = session.scalars(select(User).order_by(User.id)).all()
print(f"{len(statements)=}")
#> len(statements)=1
# --8<-- [end:load]

# --8<-- [start:touch]
session.commit()
statements.clear()
print([user.name for user in users])
#> ['ada', 'grace', 'linus']
print(f"{len(statements)=}")
#> len(statements)=3
for sql in statements:
    print(sql)
    #>[2.1] SELECT users.id, users.name, users.email
    #>[2.0] SELECT users.id AS users_id, users.name AS users_name, users.email AS users_email
    #> FROM users
    #> WHERE users.id = ? (1,)
    #>[2.1] SELECT users.id, users.name, users.email
    #>[2.0] SELECT users.id AS users_id, users.name AS users_name, users.email AS users_email
    #> FROM users
    #> WHERE users.id = ? (2,)
    #>[2.1] SELECT users.id, users.name, users.email
    #>[2.0] SELECT users.id AS users_id, users.name AS users_name, users.email AS users_email
    #> FROM users
    #> WHERE users.id = ? (3,)
# --8<-- [end:touch]

# --8<-- [start:one_select_per_object]
ada = users[0]
print(f"{inspect(ada).expired=} {inspect(ada).unloaded=}")
#> inspect(ada).expired=False inspect(ada).unloaded=set()
statements.clear()
print(ada.id, ada.email)
#> 1 ada@example.com
print(f"{statements=}")
#> statements=[]
# --8<-- [end:one_select_per_object]
session.close()
