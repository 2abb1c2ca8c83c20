"""Under load: a session per request holds 200 concurrent requests in a real
uvicorn server."""

import asyncio
import socket
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, contextmanager
from typing import Annotated

import httpx
import uvicorn
from fastapi import Depends, FastAPI
from guide_support import postgres_url
from sqlalchemy import String, func, select
from sqlalchemy.ext.asyncio import (
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class Visit(Base):
    __tablename__ = "visits"
    id: Mapped[int] = mapped_column(primary_key=True)
    page: Mapped[str] = mapped_column(String(50))


# --8<-- [end:setup]


# --8<-- [start:app]
# pool_size=5, max_overflow=10
engine = create_async_engine(postgres_url("async"))
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield
    # on the server's event loop, which owns the connections
    await engine.dispose()


async def get_session() -> AsyncIterator[AsyncSession]:
    # one session per request, closed at the end
    async with SessionLocal() as session:
        yield session


app = FastAPI(lifespan=lifespan)


@app.post("/visits/{page}")
async def record_visit(
    page: str, session: Annotated[AsyncSession, Depends(get_session)]
) -> dict[str, int]:
    session.add(Visit(page=page))
    await session.commit()
    count = await session.scalar(
        select(func.count()).where(Visit.page == page)
    )
    return {"count": count}


@app.get("/pool")
def pool() -> dict[str, int]:
    return {"checked_out": engine.pool.checkedout()}


# --8<-- [end:app]


# --8<-- [start:server]
@contextmanager
def serving(app: FastAPI):
    """Run app in a real uvicorn server on 127.0.0.1 (a free port), in a
    thread; stop it after."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]})
    thread.start()
    try:
        # however long a busy machine takes
        while not server.started and thread.is_alive():
            time.sleep(0.01)
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        # shutdown runs the lifespan's engine.dispose()
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


# --8<-- [end:server]


# --8<-- [start:setup_load]
def checked_out_when_settled(base_url: str) -> int:
    """GET /pool until the last dependencies have closed their sessions (at
    most 2 s)."""
    deadline = time.monotonic() + 2
    while (
        checked_out := httpx.get(f"{base_url}/pool").json()["checked_out"]
    ) and (time.monotonic() < deadline):
        time.sleep(0.05)
    return checked_out


# --8<-- [end:setup_load]


# --8<-- [start:load]
async def hammer(
    base_url: str, paths: list[str]
) -> list[httpx.Response | Exception]:
    """Send every request at once (one POST per path) and wait for all of
    them."""
    limits = httpx.Limits(max_connections=len(paths))
    async with httpx.AsyncClient(
        base_url=base_url, limits=limits, timeout=20
    ) as client:
        return await asyncio.gather(
            *(client.post(path) for path in paths), return_exceptions=True
        )


# --8<-- [end:load]

if __name__ == "__main__":
    # --8<-- [start:pool]
    pool = engine.pool  # the defaults create_async_engine() chose
    print(
        f"{type(pool).__name__}: size {pool.size()}, max overflow "
        f"{pool._max_overflow}, timeout {pool.timeout()} s"
    )
    #> AsyncAdaptedQueuePool: size 5, max overflow 10, timeout 30.0 s
    # --8<-- [end:pool]
    # --8<-- [start:run]
    paths = [f"/visits/page-{n % 3}" for n in range(200)]
    with serving(app) as base_url:
        results = asyncio.run(hammer(base_url, paths))
        checked_out = checked_out_when_settled(base_url)
    statuses = Counter(
        r.status_code if isinstance(r, httpx.Response) else type(r).__name__
        for r in results
    )
    print(f"requests: {len(results)}, statuses: {dict(statuses)}")
    #> requests: 200, statuses: {200: 200}
    print(f"pool checked out after the load: {checked_out}")
    #> pool checked out after the load: 0
    highest = Counter()
    for path, r in zip(paths, results, strict=True):
        highest[path] = max(highest[path], r.json()["count"])
    print(f"highest count seen per page: {sorted(highest.values())}")
    #> highest count seen per page: [66, 67, 67]
    # --8<-- [end:run]
