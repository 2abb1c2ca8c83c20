"""Object states: delete() and the flush make an object deleted; commit
detaches it, rollback restores it."""

from sqlalchemy import String, create_engine, event, inspect
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
ada = session.get(User, 1)
# --8<-- [end:setup]

# --8<-- [start:delete]
session.delete(ada)
print(f"{inspect(ada).persistent=} {(ada in session.deleted)=}")
#> inspect(ada).persistent=True (ada in session.deleted)=True

statements.clear()
session.flush()
print(f"{inspect(ada).deleted=} {(ada in session)=}")
#> inspect(ada).deleted=True (ada in session)=False
print(statements)
#> ['DELETE FROM users WHERE users.id = ? (1,)']
# --8<-- [end:delete]

# --8<-- [start:rollback]
session.rollback()
print(f"{inspect(ada).persistent=} {(ada in session)=} {ada.name=}")
#> inspect(ada).persistent=True (ada in session)=True ada.name='ada'
# --8<-- [end:rollback]

# --8<-- [start:commit]
session.delete(ada)
session.commit()
print(f"{inspect(ada).detached=} {(ada in session)=}")
#> inspect(ada).detached=True (ada in session)=False
print(f"{inspect(ada).deleted=} {inspect(ada).was_deleted=}")
#> inspect(ada).deleted=False inspect(ada).was_deleted=True
# --8<-- [end:commit]
session.close()
