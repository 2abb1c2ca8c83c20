"""Identity map no longer valid, fixed: prebuffer_rows passed to execute()
builds the objects before the Session closes."""

from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add_all([User(name="ada"), User(name="grace"), User(name="linus")])
    setup.commit()

# --8<-- [start:prebuffer]
with Session(engine) as session:
    users = session.scalars(
        select(User), execution_options={"prebuffer_rows": True}
    )
print([user.name for user in users])
#> ['ada', 'grace', 'linus']
# --8<-- [end:prebuffer]

# --8<-- [start:statement_option]
# the same option set on the statement is not read
with Session(engine) as session:
    users = session.scalars(
        select(User).execution_options(prebuffer_rows=True)
    )
try:
    print([user.name for user in users])
except InvalidRequestError as exc:
    print(type(exc).__name__, "|", str(exc).split(".")[0])
    #> InvalidRequestError | Object <User at 0x7f51158150d0> cannot be converted to 'persistent' state, as this identity map is no longer valid
# --8<-- [end:statement_option]
