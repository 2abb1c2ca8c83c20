"""Expire versus refresh: expire or refresh only some attributes, and the SQL
that loads them."""

from sqlalchemy import String, create_engine, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


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
    setup.add(User(id=1, name="ada", email="ada@example.com"))
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


session = Session(engine)
user = session.get(User, 1)

# --8<-- [start:expire]
statements.clear()
session.expire(user, ["name"])
print(f"{sorted(inspect(user).expired_attributes)=} {statements=}")
#> sorted(inspect(user).expired_attributes)=['name'] statements=[]

print(f"{user.email=} {statements=}")
#> user.email='ada@example.com' statements=[]
print(f"{user.name=}")
#> user.name='ada'
for sql in statements:
    print(sql)
    #>[2.1] SELECT users.name
    #>[2.0] SELECT users.name AS users_name
    #> FROM users
    #> WHERE users.id = ? (1,)
# --8<-- [end:expire]

# --8<-- [start:refresh]
statements.clear()
session.refresh(user, ["name"])
for sql in statements:
    print(sql)
    #> SELECT users.name
    #> FROM users
    #> WHERE users.id = ? (1,)
# --8<-- [end:refresh]
session.close()
