"""Expire versus refresh: on PostgreSQL, the isolation level decides what
refresh() can see."""

from guide_support import postgres_url
from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine(postgres_url())
Base.metadata.create_all(engine)
# --8<-- [end:setup]


# --8<-- [start:default]
with engine.connect() as conn:
    print(f"default: {conn.get_isolation_level()}")
    #> default: READ COMMITTED
# --8<-- [end:default]


# --8<-- [start:demo]
def refresh_after_other_commit(isolation_level: str) -> dict[str, str]:
    with Session(engine) as setup:  # reset the row to a known value
        setup.merge(User(id=1, name="ada"))
        setup.commit()

    seen = {}
    session_a = Session(
        engine.execution_options(isolation_level=isolation_level)
    )
    user = session_a.get(User, 1)  # A's transaction starts here
    seen["level"] = session_a.connection().get_isolation_level()
    seen["loaded"] = user.name

    # another connection, another transaction
    with Session(engine) as session_b:
        session_b.get(User, 1).name = "ada lovelace"
        session_b.commit()

    session_a.refresh(user)  # still inside A's transaction
    seen["refreshed"] = user.name

    # A's transaction ends; the next refresh runs in a new one
    session_a.commit()
    session_a.refresh(user)
    seen["after A's commit"] = user.name
    session_a.close()
    return seen


for level in ("REPEATABLE READ", "READ COMMITTED"):
    print(refresh_after_other_commit(level))
    #> {'level': 'REPEATABLE READ', 'loaded': 'ada', 'refreshed': 'ada', "after A's commit": 'ada lovelace'}
    #> {'level': 'READ COMMITTED', 'loaded': 'ada', 'refreshed': 'ada lovelace', "after A's commit": 'ada lovelace'}
# --8<-- [end:demo]

engine.dispose()
