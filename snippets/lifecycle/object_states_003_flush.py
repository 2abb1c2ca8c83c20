"""Object states: a flush makes a pending object persistent; a query loads
objects as persistent."""

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

# Every statement the engine sends, so the snippet can print the SQL.
statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


# --8<-- [end:setup]


# --8<-- [start:flush]
session = Session(engine)
user = User(name="ada")
session.add(user)
print(f"{inspect(user).pending=} {user.id=} {statements=}")
#> inspect(user).pending=True user.id=None statements=[]

session.flush()
print(f"{inspect(user).persistent=} {user.id=}")
#> inspect(user).persistent=True user.id=1
for sql in statements:
    print(sql)
    #> INSERT INTO users (name) VALUES (?) ('ada',)
# --8<-- [end:flush]
session.commit()
session.close()

# --8<-- [start:loaded]
statements.clear()
with Session(engine) as session:
    loaded = session.scalars(select(User).where(User.name == "ada")).one()
    print(f"{inspect(loaded).persistent=} {loaded.name=}")
    #> inspect(loaded).persistent=True loaded.name='ada'
    for sql in statements:
        print(sql)
        #> SELECT users.id, users.name
        #> FROM users
        #> WHERE users.name = ? ('ada',)
# --8<-- [end:loaded]
