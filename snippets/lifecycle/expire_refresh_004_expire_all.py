"""Expire versus refresh: expire_all() expires every object in the Session;
each reloads on first access."""

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
    setup.add_all([User(id=1, name="ada"), User(id=2, name="grace")])
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


session = Session(engine)
ada, grace = session.scalars(select(User).order_by(User.id)).all()
# --8<-- [end:setup]

# --8<-- [start:expire_all]
statements.clear()
session.expire_all()
print(f"{inspect(ada).expired=} {inspect(grace).expired=} {statements=}")
#> inspect(ada).expired=True inspect(grace).expired=True statements=[]

print(f"{ada.name=} {grace.name=}")
#> ada.name='ada' grace.name='grace'
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
# --8<-- [end:expire_all]
session.close()
