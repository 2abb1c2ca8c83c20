"""Testing: each test runs in a transaction that is rolled back, even when the
app commits."""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from guide_support import postgres_url
from sqlalchemy import String, create_engine, event, func, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    sessionmaker,
)


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# --8<-- [end:setup]


# --8<-- [start:app]
# bound to the real engine when the application starts
SessionLocal = sessionmaker()


def get_session() -> Iterator[Session]:
    with SessionLocal() as session:
        yield session


app = FastAPI()


@app.post("/users/{name}")
def create_user(
    name: str, session: Annotated[Session, Depends(get_session)]
) -> dict[str, int]:
    session.add(User(name=name))
    session.commit()  # the code under test commits
    return {"users": session.scalar(select(func.count(User.id)))}


# --8<-- [end:app]


# --8<-- [start:fixture]
@contextmanager
def session_in_rolled_back_transaction(engine) -> Iterator[Session]:
    """What a pytest fixture would yield: a Session whose work never outlives
    the test."""
    with engine.connect() as connection:
        transaction = connection.begin()
        session = Session(
            bind=connection, join_transaction_mode="create_savepoint"
        )
        app.dependency_overrides[get_session] = lambda: session
        try:
            yield session
        finally:
            app.dependency_overrides.clear()
            session.close()
            # undoes everything, the app's commits included
            transaction.rollback()


# --8<-- [end:fixture]


# --8<-- [start:setup_sqlite_fix]
def count_users(engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count(User.id)))


tmp = tempfile.TemporaryDirectory()
sqlite_url = f"sqlite:///{Path(tmp.name) / 'app.db'}"
sqlite_engine = create_engine(
    sqlite_url, connect_args={"check_same_thread": False}
)
# --8<-- [end:setup_sqlite_fix]
# --8<-- [start:sqlite_fix]
fixed_sqlite = create_engine(
    sqlite_url.replace("app.db", "fixed.db"),
    connect_args={"check_same_thread": False},
)


@event.listens_for(fixed_sqlite, "connect")
def no_pysqlite_transactions(dbapi_connection, connection_record):
    # pysqlite stops managing BEGIN/COMMIT itself
    dbapi_connection.isolation_level = None


@event.listens_for(fixed_sqlite, "begin")
def emit_begin(conn):
    # SQLAlchemy emits it, so SAVEPOINT nests inside it
    conn.exec_driver_sql("BEGIN")


# --8<-- [end:sqlite_fix]
# --8<-- [start:setup_tests]
for name, engine in (
    ("sqlite", sqlite_engine),
    ("sqlite+fix", fixed_sqlite),
    ("postgresql", create_engine(postgres_url())),
):
    Base.metadata.create_all(engine)
    # --8<-- [end:setup_tests]
    # --8<-- [start:tests]
    for test in ("test_one", "test_two"):
        with (
            session_in_rolled_back_transaction(engine),
            TestClient(app) as client,
        ):
            response = client.post("/users/ada")
            print(f"{name} {test}: {response.status_code} {response.json()}")
            #> sqlite test_one: 200 {'users': 1}
            #> sqlite test_two: 200 {'users': 2}
            #> sqlite+fix test_one: 200 {'users': 1}
            #> sqlite+fix test_two: 200 {'users': 1}
            #> postgresql test_one: 200 {'users': 1}
            #> postgresql test_two: 200 {'users': 1}
        print(
            f"{name} after {test}: users in the database: "
            f"{count_users(engine)}"
        )
        #> sqlite after test_one: users in the database: 1
        #> sqlite after test_two: users in the database: 2
        #> sqlite+fix after test_one: users in the database: 0
        #> sqlite+fix after test_two: users in the database: 0
        #> postgresql after test_one: users in the database: 0
        #> postgresql after test_two: users in the database: 0
    # --8<-- [end:tests]
    engine.dispose()
tmp.cleanup()
