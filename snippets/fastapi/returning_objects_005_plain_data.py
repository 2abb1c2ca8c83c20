"""Returning ORM objects: build the response model inside the session, then
return plain data (async)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from guide_support import postgres_url
from pydantic import BaseModel, ConfigDict
from sqlalchemy import ForeignKey, String, event, make_url
from sqlalchemy.ext.asyncio import (
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    relationship,
    selectinload,
)


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    posts: Mapped[list["Post"]] = relationship(order_by="Post.id")


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(50))


class PostOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    title: str


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    posts: list[PostOut]


SessionLocal = async_sessionmaker()
statements: list[str] = []


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    engine = SessionLocal.kw["bind"]
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield
    await engine.dispose()


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


# --8<-- [end:setup]


# --8<-- [start:app]
app = FastAPI(lifespan=lifespan)


@app.post("/users", status_code=201)
async def create_user(
    name: str, session: Annotated[AsyncSession, Depends(get_session)]
) -> UserOut:
    user = User(name=name, posts=[Post(title="hello")])
    session.add(user)
    # the INSERTs run; user.id is known, nothing is expired yet
    await session.flush()
    # plain data, read while everything is loaded
    result = UserOut.model_validate(user)
    await session.commit()  # expires user, but nobody reads it any more
    return result


@app.get("/users/{user_id}")
async def read_user(
    user_id: int, session: Annotated[AsyncSession, Depends(get_session)]
) -> UserOut:
    user = await session.get(
        User, user_id, options=[selectinload(User.posts)]
    )
    return UserOut.model_validate(user)


# --8<-- [end:app]


for url in ("sqlite+aiosqlite://", postgres_url("async")):
    engine = create_async_engine(url)
    SessionLocal.configure(bind=engine)

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(" ".join(statement.split()[:3]))

    print(f"--- {make_url(url).drivername}")
    #> --- sqlite+aiosqlite
    #> --- postgresql+asyncpg
    # --8<-- [start:run]
    with TestClient(app) as client:
        statements.clear()
        response = client.post("/users", params={"name": "ada"})
        print(response.status_code, response.json(), statements)
        #> 201 {'id': 1, 'name': 'ada', 'posts': [{'title': 'hello'}]} ['INSERT INTO users', 'INSERT INTO posts']
        #> 201 {'id': 1, 'name': 'ada', 'posts': [{'title': 'hello'}]} ['INSERT INTO users', 'INSERT INTO posts']
        statements.clear()
        response = client.get("/users/1")
        print(response.status_code, response.json(), statements)
        #>[2.1] 200 {'id': 1, 'name': 'ada', 'posts': [{'title': 'hello'}]} ['SELECT users.id, users.name', 'SELECT posts.user_id, posts.id,']
        #>[2.1] 200 {'id': 1, 'name': 'ada', 'posts': [{'title': 'hello'}]} ['SELECT users.id, users.name', 'SELECT posts.user_id, posts.id,']
        #>[2.0] 200 {'id': 1, 'name': 'ada', 'posts': [{'title': 'hello'}]} ['SELECT users.id AS', 'SELECT posts.user_id AS']
        #>[2.0] 200 {'id': 1, 'name': 'ada', 'posts': [{'title': 'hello'}]} ['SELECT users.id AS', 'SELECT posts.user_id AS']
    # --8<-- [end:run]
