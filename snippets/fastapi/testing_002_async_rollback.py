"""Testing, async: the same rolled-back transaction around each test, with an
AsyncSession."""

import asyncio
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI
from guide_support import postgres_url
from sqlalchemy import String, event, func, select
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# --8<-- [start:app]
# bound when the app starts
SessionLocal = async_sessionmaker(expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


app = FastAPI()


@app.post("/users/{name}")
async def create_user(
    name: str, session: Annotated[AsyncSession, Depends(get_session)]
) -> dict[str, int]:
    session.add(User(name=name))
    await session.commit()  # the code under test commits
    return {"users": await session.scalar(select(func.count(User.id)))}


# --8<-- [end:app]


# --8<-- [start:fixture]
@asynccontextmanager
async def session_in_rolled_back_transaction(
    engine: AsyncEngine,
) -> AsyncIterator[AsyncSession]:
    """What an async pytest fixture would yield: an AsyncSession whose work
    never outlives the test."""
    async with engine.connect() as connection:
        transaction = await connection.begin()
        session = AsyncSession(
            bind=connection, join_transaction_mode="create_savepoint"
        )
        app.dependency_overrides[get_session] = lambda: session
        try:
            yield session
        finally:
            app.dependency_overrides.clear()
            await session.close()
            # undoes everything, the app's commits included
            await transaction.rollback()


# --8<-- [end:fixture]


# --8<-- [start:setup_sqlite_fix]
async def count_users(engine: AsyncEngine) -> int:
    async with AsyncSession(engine) as session:
        return await session.scalar(select(func.count(User.id)))


# --8<-- [end:setup_sqlite_fix]


# --8<-- [start:sqlite_fix]
def sqlite_with_begin_fix(url: str) -> AsyncEngine:
    engine = create_async_engine(url)

    # events go on the sync engine
    @event.listens_for(engine.sync_engine, "connect")
    def no_driver_transactions(dbapi_connection, connection_record):
        # aiosqlite passes it on to sqlite3
        dbapi_connection.isolation_level = None

    @event.listens_for(engine.sync_engine, "begin")
    def emit_begin(conn):
        # SQLAlchemy emits it, so SAVEPOINT nests inside it
        conn.exec_driver_sql("BEGIN")

    return engine


# --8<-- [end:sqlite_fix]


# --8<-- [start:setup_tests]
def record_statements(engine: AsyncEngine) -> list[str]:
    """Transaction statements in full, others by their first word."""
    statements: list[str] = []

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def remember(conn, cursor, statement, parameters, context, executemany):
        verb = statement.split()[0]
        statements.append(
            statement
            if verb in {"BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK"}
            else verb
        )

    return statements


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engines = {
            "aiosqlite": create_async_engine(
                f"sqlite+aiosqlite:///{Path(tmp) / 'app.db'}"
            ),
            "aiosqlite+fix": sqlite_with_begin_fix(
                f"sqlite+aiosqlite:///{Path(tmp) / 'fixed.db'}"
            ),
            "asyncpg": create_async_engine(postgres_url("async")),
        }
        for name, engine in engines.items():
            async with engine.begin() as conn:
                await conn.run_sync(Base.metadata.create_all)
            statements = record_statements(engine)
            # --8<-- [end:setup_tests]
            # --8<-- [start:tests]
            transport = httpx.ASGITransport(app=app)
            for test in ("test_one", "test_two"):
                async with (
                    session_in_rolled_back_transaction(engine),
                    httpx.AsyncClient(
                        transport=transport, base_url="http://test"
                    ) as client,
                ):
                    response = await client.post("/users/ada")
                    print(
                        f"{name} {test}: {response.status_code} "
                        f"{response.json()}"
                    )
                    #> aiosqlite test_one: 200 {'users': 1}
                    #> aiosqlite test_two: 200 {'users': 2}
                    #> aiosqlite+fix test_one: 200 {'users': 1}
                    #> aiosqlite+fix test_two: 200 {'users': 1}
                    #> asyncpg test_one: 200 {'users': 1}
                    #> asyncpg test_two: 200 {'users': 1}
                print(
                    f"{name} after {test}: users in the database: "
                    f"{await count_users(engine)}"
                )
                #> aiosqlite after test_one: users in the database: 1
                #> aiosqlite after test_two: users in the database: 2
                #> aiosqlite+fix after test_one: users in the database: 0
                #> aiosqlite+fix after test_two: users in the database: 0
                #> asyncpg after test_one: users in the database: 0
                #> asyncpg after test_two: users in the database: 0
            # --8<-- [end:tests]
            # --8<-- [start:setup_sql]
            half = len(statements) // 2
            assert statements[:half] == statements[half:], (
                "both tests send the same statements"
            )
            # --8<-- [end:setup_sql]
            if name.startswith("aiosqlite"):
                # --8<-- [start:sql]
                # test_one: the POST, then the count
                print(f"{name}: {'; '.join(statements[:half])}")
                #> aiosqlite: SAVEPOINT sa_savepoint_1; INSERT; RELEASE SAVEPOINT sa_savepoint_1; SAVEPOINT sa_savepoint_2; SELECT; ROLLBACK TO SAVEPOINT sa_savepoint_2; SELECT
                #> aiosqlite+fix: BEGIN; SAVEPOINT sa_savepoint_1; INSERT; RELEASE SAVEPOINT sa_savepoint_1; SAVEPOINT sa_savepoint_2; SELECT; ROLLBACK TO SAVEPOINT sa_savepoint_2; BEGIN; SELECT
                # --8<-- [end:sql]
            await engine.dispose()


asyncio.run(main())
