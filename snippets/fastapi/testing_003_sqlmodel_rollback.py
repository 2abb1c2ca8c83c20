"""Testing a SQLModel app: the same rolled-back transaction, with
sqlmodel.Session bound to the connection."""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from guide_support import postgres_url
from sqlalchemy import event, func
from sqlmodel import Field, Session, SQLModel, create_engine, select


# --8<-- [start:setup]
class Hero(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str


engine = None  # set when the application starts


def get_session() -> Iterator[Session]:
    with Session(engine) as session:
        yield session


app = FastAPI()


@app.post("/heroes/{name}")
def create_hero(
    name: str, session: Annotated[Session, Depends(get_session)]
) -> dict[str, int]:
    session.add(Hero(name=name))
    session.commit()  # the code under test commits
    return {"heroes": session.exec(select(func.count(Hero.id))).one()}


# --8<-- [end:setup]


# --8<-- [start:fixture]
@contextmanager
def session_in_rolled_back_transaction(engine) -> Iterator[Session]:
    """What a pytest fixture would yield: a SQLModel Session whose work never
    outlives the test."""
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


# --8<-- [start:setup_tests]
def count_heroes(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count(Hero.id))).one()


tmp = tempfile.TemporaryDirectory()
fixed_sqlite = create_engine(
    f"sqlite:///{Path(tmp.name) / 'fixed.db'}",
    connect_args={"check_same_thread": False},
)


@event.listens_for(fixed_sqlite, "connect")
def no_pysqlite_transactions(dbapi_connection, connection_record):
    dbapi_connection.isolation_level = None


@event.listens_for(fixed_sqlite, "begin")
def emit_begin(conn):
    conn.exec_driver_sql("BEGIN")


for name, engine in (
    ("sqlite+fix", fixed_sqlite),
    ("postgresql", create_engine(postgres_url())),
):
    SQLModel.metadata.create_all(engine)
    # --8<-- [end:setup_tests]
    # --8<-- [start:tests]
    for test in ("test_one", "test_two"):
        with (
            session_in_rolled_back_transaction(engine),
            TestClient(app) as client,
        ):
            response = client.post("/heroes/deadpond")
            print(f"{name} {test}: {response.status_code} {response.json()}")
            #> sqlite+fix test_one: 200 {'heroes': 1}
            #> sqlite+fix test_two: 200 {'heroes': 1}
            #> postgresql test_one: 200 {'heroes': 1}
            #> postgresql test_two: 200 {'heroes': 1}
        print(
            f"{name} after {test}: heroes in the database: "
            f"{count_heroes(engine)}"
        )
        #> sqlite+fix after test_one: heroes in the database: 0
        #> sqlite+fix after test_two: heroes in the database: 0
        #> postgresql after test_one: heroes in the database: 0
        #> postgresql after test_two: heroes in the database: 0
    # --8<-- [end:tests]
    engine.dispose()
tmp.cleanup()
