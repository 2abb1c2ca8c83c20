"""Blog claims: post 3's FastAPI app, run in real FastAPI on PostgreSQL: no
error, and id is None in both versions."""

# ruff: noqa: B008  (Depends() in argument defaults, as the post writes its
# endpoints)

from __future__ import annotations

import re
from collections.abc import AsyncGenerator

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from guide_support import postgres_url
from sqlalchemy import Integer, String, func, select
from sqlalchemy.ext.asyncio import (
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# --8<-- [start:setup]
app = FastAPI()


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(255))


# The post's URL, postgresql+asyncpg://user:pass@localhost/db, points at a
# real server here.
engine = create_async_engine(postgres_url("async"), pool_size=10)
# --8<-- [end:setup]

# --8<-- [start:app]
BrokenSessionLocal = async_sessionmaker(engine, class_=AsyncSession)
FixedSessionLocal = async_sessionmaker(
    engine, class_=AsyncSession, expire_on_commit=False
)


async def get_broken_session() -> AsyncGenerator[AsyncSession, None]:
    async with BrokenSessionLocal() as session:
        yield session
        await session.commit()


async def get_fixed_session() -> AsyncGenerator[AsyncSession, None]:
    async with FixedSessionLocal() as session:
        yield session
        await session.commit()


@app.post("/users-broken")
async def create_user_broken(
    name: str, session: AsyncSession = Depends(get_broken_session)
) -> dict:
    user = User(name=name, email=f"{name}@example.com")
    session.add(user)
    # the post: DetachedInstanceError here
    return {"id": user.id, "name": user.name}


@app.post("/users-fixed")
async def create_user_fixed(
    name: str, session: AsyncSession = Depends(get_fixed_session)
) -> dict:
    user = User(name=name, email=f"{name}@example.com")
    session.add(user)
    return {"id": user.id, "name": user.name}  # the post: safe


# --8<-- [end:app]


# --8<-- [start:setup_run]
server_log: list[str] = []


async def server(scope, receive, send):
    """The app as a server runs it: an exception that escapes it goes to the
    log."""
    try:
        await app(scope, receive, send)
    except Exception as exc:
        # The first line, without the driver's prefix (which 2.0 and 2.1 word
        # differently).
        message = re.sub(
            r"^\(.*?\) (<class '.*?'>: )?", "", str(exc).splitlines()[0]
        )
        server_log.append(f"{type(exc).__name__}: {message}")


async def count_users() -> int:
    async with BrokenSessionLocal() as session:
        return await session.scalar(select(func.count()).select_from(User))


async def create_tables() -> None:
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)


# --8<-- [end:setup_run]


# --8<-- [start:run]
with TestClient(server) as client:
    print("--- as written: the post never creates the table")
    #> --- as written: the post never creates the table
    for path in ("/users-broken", "/users-fixed"):
        response = client.post(path, params={"name": "ada"})
        print(path, response.status_code, response.json(), server_log)
        #> /users-broken 200 {'id': None, 'name': 'ada'} ['ProgrammingError: relation "users" does not exist']
        #> /users-fixed 200 {'id': None, 'name': 'ada'} ['ProgrammingError: relation "users" does not exist']
        server_log.clear()

    print("--- with the table created")
    #> --- with the table created
    client.portal.call(create_tables)
    for path in ("/users-broken", "/users-fixed"):
        response = client.post(path, params={"name": "ada"})
        print(path, response.status_code, response.json(), server_log)
        #> /users-broken 200 {'id': None, 'name': 'ada'} []
        #> /users-fixed 200 {'id': None, 'name': 'ada'} []
    print(f"rows: {client.portal.call(count_users)}")
    #> rows: 2
    # --8<-- [end:run]
    client.portal.call(engine.dispose)
