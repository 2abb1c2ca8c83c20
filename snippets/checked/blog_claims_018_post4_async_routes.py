"""Blog claims: post 4's async dependency in real FastAPI: no commit on
leaving async with; returning the object works; so does a task with its own
session."""

# ruff: noqa: B008  (Depends() in argument defaults, as the post writes its
# endpoints)

from fastapi import BackgroundTasks, Depends, FastAPI, HTTPException, Request
from fastapi.testclient import TestClient
from guide_support import postgres_url
from sqlalchemy import String, select
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
    status: Mapped[str] = mapped_column(String(20), default="new")


engine = create_async_engine(postgres_url("async"))
AsyncSessionLocal = async_sessionmaker(engine)
app = FastAPI()
# --8<-- [end:setup]


# --8<-- [start:dependency]
async def get_async_db(request: Request):  # the post's dependency
    async with AsyncSessionLocal() as db:
        yield db


@app.post("/users/{name}")
async def create_user(name: str, db: AsyncSession = Depends(get_async_db)):
    # no commit: the post says leaving async with commits or rolls back
    db.add(User(name=name))
    return {"name": name}


@app.get("/users/{user_id}")
async def read_user(user_id: int, db: AsyncSession = Depends(get_async_db)):
    user = await db.execute(select(User).filter(User.id == user_id))
    user_obj = user.scalar_one_or_none()
    # the post: fine, the session is still open until the handler exits
    return user_obj


# --8<-- [end:dependency]


# --8<-- [start:background]
async def update_status_in_background(user_id: int):
    async with AsyncSessionLocal() as db:  # Get a new session for the task
        user = await db.get(User, user_id)
        if user:
            user.status = "processed"
            await db.commit()
            await db.refresh(user)


@app.post("/process/{user_id}")
async def process_user_endpoint(
    user_id: int,
    background_tasks: BackgroundTasks,
    db: AsyncSession = Depends(get_async_db),
):
    user = await db.get(User, user_id)
    if not user:
        raise HTTPException(status_code=404, detail="User not found")
    background_tasks.add_task(update_status_in_background, user_id)
    await db.commit()
    await db.refresh(user)
    return {"message": "Processing started in background"}


# --8<-- [end:background]


# --8<-- [start:setup_run]
async def setup() -> None:
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with AsyncSessionLocal() as db:
        db.add(User(id=1, name="ada"))
        await db.commit()


async def users() -> list[tuple]:
    async with AsyncSessionLocal() as db:
        return [
            tuple(row)
            for row in await db.execute(select(User.name, User.status))
        ]


# --8<-- [end:setup_run]


# --8<-- [start:run]
with TestClient(app) as client:
    client.portal.call(setup)
    response = client.post("/users/grace")
    print(response.status_code, response.json(), client.portal.call(users))
    #> 200 {'name': 'grace'} [('ada', 'new')]
    response = client.get("/users/1")
    print(response.status_code, dict(sorted(response.json().items())))
    #> 200 {'id': 1, 'name': 'ada', 'status': 'new'}
    response = client.post("/process/1")
    print(response.status_code, response.json(), client.portal.call(users))
    #> 200 {'message': 'Processing started in background'} [('ada', 'processed')]
    # --8<-- [end:run]
    client.portal.call(engine.dispose)
