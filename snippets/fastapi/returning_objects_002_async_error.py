"""Returning ORM objects: an async route returns a committed object; the
response model's read fails."""

import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.exceptions import ResponseValidationError
from fastapi.testclient import TestClient
from guide_support import postgres_url
from pydantic import BaseModel, ConfigDict
from sqlalchemy import String, make_url
from sqlalchemy.ext.asyncio import (
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str


SessionLocal = async_sessionmaker()  # the default expire_on_commit=True


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    engine = SessionLocal.kw["bind"]
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield
    await engine.dispose()


# --8<-- [end:setup]


# --8<-- [start:app]
async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


app = FastAPI(lifespan=lifespan)


@app.post("/users", response_model=UserOut)
async def create_user(
    name: str, session: Annotated[AsyncSession, Depends(get_session)]
) -> User:
    user = User(name=name)
    session.add(user)
    await session.commit()  # expires user
    return user  # reading user.id now needs IO, outside of any await


# --8<-- [end:app]


# On 2.1 with aiosqlite, the failed read also leaves an un-awaited coroutine
# behind (a RuntimeWarning at garbage collection; see
# docs/async/implicit-io.md).
warnings.filterwarnings(
    "ignore",
    "coroutine 'Connection.cursor' was never awaited",
    RuntimeWarning,
)

for url in ("sqlite+aiosqlite://", postgres_url("async")):
    SessionLocal.configure(bind=create_async_engine(url))
    print(f"--- {make_url(url).drivername}")
    #> --- sqlite+aiosqlite
    #> --- postgresql+asyncpg
    # --8<-- [start:raises]
    # raise_server_exceptions=True, the default
    with TestClient(app) as client:
        try:
            client.post("/users", params={"name": "ada"})
        except ResponseValidationError as exc:
            print(
                f"{type(exc).__module__}.{type(exc).__name__}: "
                f"{len(exc.errors())} validation errors"
            )
            #> fastapi.exceptions.ResponseValidationError: 2 validation errors
            #> fastapi.exceptions.ResponseValidationError: 2 validation errors
            print([error["loc"] for error in exc.errors()])
            #> [('response', 'id'), ('response', 'name')]
            #> [('response', 'id'), ('response', 'name')]
            first = exc.errors()[0]
            print(first["type"], first["loc"])
            #> get_attribute_error ('response', 'id')
            #> get_attribute_error ('response', 'id')
            print(first["msg"])
            #>[2.1] Error extracting attribute: StatementError: (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
            #>[2.1] [SQL: SELECT users.id, users.name
            #>[2.1] FROM users
            #>[2.1] WHERE users.id = ?]
            #>[2.1] [parameters: [{'pk_1': 1}]]
            #>[2.1] (Background on this error at: https://sqlalche.me/e/21/xd2s)
            #>[2.1] Error extracting attribute: MissingGreenlet: greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/21/xd2s)
            #>[2.0] Error extracting attribute: MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
            #>[2.0] Error extracting attribute: MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
    # --8<-- [end:raises]
    # --8<-- [start:status]
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/users", params={"name": "grace"})
        print(response.status_code, response.text)
        #> 500 Internal Server Error
        #> 500 Internal Server Error
    # --8<-- [end:status]
