"""Under load: one module-level AsyncSession shared by every request fails
under 200 concurrent requests."""

import asyncio
import socket
import threading
import time
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, contextmanager

import httpx
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from guide_support import postgres_url
from sqlalchemy import String, func, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Visit(Base):
    __tablename__ = "visits"
    id: Mapped[int] = mapped_column(primary_key=True)
    page: Mapped[str] = mapped_column(String(50))


engine = create_async_engine(postgres_url("async"))
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield
    await shared.close()
    await engine.dispose()


app = FastAPI(lifespan=lifespan)

# --8<-- [start:app]
# created once, at import: every request uses this one session
shared = SessionLocal()


@app.post("/visits/{page}")
async def record_visit(page: str) -> dict[str, int]:
    shared.add(Visit(page=page))
    await shared.commit()
    count = await shared.scalar(
        select(func.count()).where(Visit.page == page)
    )
    return {"count": count}


# --8<-- [end:app]


# --8<-- [start:errors]
@app.middleware("http")
async def error_as_json(request: Request, call_next):
    """Answer 500 with the exception's class and message instead of a bare
    error page."""
    try:
        return await call_next(request)
    except Exception as exc:
        error = f"{type(exc).__module__}.{type(exc).__name__}: {exc}"
        return JSONResponse({"error": error}, status_code=500)


# --8<-- [end:errors]

# --8<-- [start:gate]
REQUESTS = 200
arrived = 0
everyone_here = asyncio.Event()


@app.middleware("http")
async def all_at_once(request: Request, call_next):
    """Hold each request until all of them have arrived, so that they really
    are in flight together however slowly the client's connections come in
    (a busy machine staggers them)."""
    global arrived
    arrived += 1
    if arrived == REQUESTS:
        everyone_here.set()
    await everyone_here.wait()
    return await call_next(request)


# --8<-- [end:gate]


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
    # --8<-- [start:run]
    paths = [f"/visits/page-{n % 3}" for n in range(REQUESTS)]
    with (
        warnings.catch_warnings(record=True) as caught,
        serving(app) as base_url,
    ):
        # record warnings the server thread emits, too
        warnings.simplefilter("always")
        results = asyncio.run(hammer(base_url, paths))
    print(
        f"requests: {len(results)}, statuses: "
        f"{sorted({r.status_code for r in results})}"
    )
    #> requests: 200, statuses: [500]
    for error in sorted(
        {r.json()["error"] for r in results if r.status_code == 500}
    ):
        print(error)
        #> sqlalchemy.exc.IllegalStateChangeError: Method 'commit()' can't be called here; method '_prepare_impl()' is already in progress and this would cause an unexpected state change to <SessionTransactionState.CLOSED: 5> (Background on this error at: https://sqlalche.me/e/21/isce)
        #> sqlalchemy.exc.ResourceClosedError: This transaction is closed
    for warning in sorted(
        {f"{w.category.__name__}: {w.message}" for w in caught}
    ):
        print(warning)
        #> SAWarning: Usage of the 'Session.add()' operation is not currently supported within the execution stage of the flush process. Results may not be consistent.  Consider using alternative event listeners or connection-level operations instead.
    # --8<-- [end:run]
