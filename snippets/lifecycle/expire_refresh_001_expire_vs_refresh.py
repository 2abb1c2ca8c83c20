"""Expire versus refresh: expire() sends nothing until an attribute is read;
refresh() selects at once."""

from sqlalchemy import String, create_engine, event, inspect, text
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
    setup.add(User(id=1, name="ada", email="ada@example.com"))
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


session = Session(engine)
user = session.get(User, 1)
# --8<-- [end:setup]

# --8<-- [start:behind]
# Plain SQL: the Session sends it but does not know which objects it changes.
session.execute(text("UPDATE users SET name = 'ada lovelace' WHERE id = 1"))
statements.clear()
print(f"{user.name=} {statements=}")
#> user.name='ada' statements=[]
# --8<-- [end:behind]

# --8<-- [start:expire]
statements.clear()
session.expire(user)
print(f"{inspect(user).expired=} {sorted(inspect(user).expired_attributes)=}")
#> inspect(user).expired=True sorted(inspect(user).expired_attributes)=['email', 'id', 'name']
print(f"after expire(): {statements=}")
#> after expire(): statements=[]

print(f"{user.name=}")
#> user.name='ada lovelace'
for sql in statements:
    print(sql)
    #>[2.1] SELECT users.id, users.name, users.email
    #>[2.0] SELECT users.id AS users_id, users.name AS users_name, users.email AS users_email
    #> FROM users
    #> WHERE users.id = ? (1,)
# --8<-- [end:expire]

# --8<-- [start:refresh]
session.execute(text("UPDATE users SET name = 'countess' WHERE id = 1"))
statements.clear()
session.refresh(user)
print(f"{inspect(user).expired=}")
#> inspect(user).expired=False
for sql in statements:
    print(sql)
    #> SELECT users.id, users.name, users.email
    #> FROM users
    #> WHERE users.id = ? (1,)

statements.clear()
print(f"{user.name=} {statements=}")
#> user.name='countess' statements=[]
# --8<-- [end:refresh]
session.close()
