"""Under load: sync endpoints that hold a connection while they wait exhaust a
small pool."""

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import httpx
import uvicorn
from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from guide_support import postgres_url
from sqlalchemy import String, create_engine, select
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


# --8<-- [start:engine]
engine = create_engine(
    postgres_url(), pool_size=2, max_overflow=0, pool_timeout=1
)
# --8<-- [end:engine]
# --8<-- [start:setup_slow]
SessionLocal = sessionmaker(engine)
Base.metadata.create_all(engine)
with SessionLocal.begin() as setup:
    setup.add(User(id=1, name="ada"))


def get_session() -> Iterator[Session]:
    with SessionLocal() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
app = FastAPI()


def checked_out_when_settled(engine) -> int:
    """The pool's checked-out count once the last dependencies have closed
    their sessions."""
    deadline = time.monotonic() + 2
    while engine.pool.checkedout() and time.monotonic() < deadline:
        time.sleep(0.05)
    return engine.pool.checkedout()


def call_other_service() -> None:
    # stands in for an HTTP call, a file upload, a slow computation
    time.sleep(0.3)


# --8<-- [end:setup_slow]


# --8<-- [start:slow]
@app.get("/slow/{user_id}")
def slow(user_id: int, session: SessionDep) -> dict[str, str]:
    name = session.scalar(select(User.name).where(User.id == user_id))
    # the transaction is open: the connection stays checked out
    call_other_service()
    return {"name": name}


# --8<-- [end:slow]


# --8<-- [start:fixed]
@app.get("/fixed/{user_id}")
def fixed(user_id: int, session: SessionDep) -> dict[str, str]:
    name = session.scalar(select(User.name).where(User.id == user_id))
    # the transaction ends: the connection goes back to the pool
    session.commit()
    call_other_service()
    return {"name": name}


# --8<-- [end:fixed]


# --8<-- [start:busy]
running = 0
peak = 0
lock = threading.Lock()


@app.get("/busy")
# a sync endpoint that never touches the database
def busy() -> dict[str, int]:
    global running, peak
    with lock:
        running += 1
        peak = max(peak, running)
    time.sleep(1)
    with lock:
        running -= 1
    return {}


# --8<-- [end:busy]


@app.middleware("http")
async def error_as_json(request: Request, call_next):
    """Answer 500 with the exception's class and message instead of a bare
    error page."""
    try:
        return await call_next(request)
    except Exception as exc:
        error = f"{type(exc).__module__}.{type(exc).__name__}: {exc}"
        return JSONResponse({"error": error}, status_code=500)


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


async def hammer(base_url: str, paths: list[str]) -> list[httpx.Response]:
    """Send every request at once (one GET per path) and wait for all of
    them."""
    limits = httpx.Limits(max_connections=len(paths))
    async with httpx.AsyncClient(
        base_url=base_url, limits=limits, timeout=20
    ) as client:
        return await asyncio.gather(*(client.get(path) for path in paths))


if __name__ == "__main__":
    with serving(app) as base_url:
        # --8<-- [start:run]
        for route in ("slow", "fixed"):
            results = asyncio.run(hammer(base_url, [f"/{route}/1"] * 40))
            print(
                f"{route}: {len(results)} requests, statuses: "
                f"{sorted({r.status_code for r in results})}"
            )
            #> slow: 40 requests, statuses: [200, 500]
            #> fixed: 40 requests, statuses: [200]
            for error in sorted(
                {r.json()["error"] for r in results if r.status_code == 500}
            ):
                print(f"  {error}")
                #>   sqlalchemy.exc.TimeoutError: QueuePool limit of size 2 overflow 0 reached, connection timed out, timeout 1.00 (Background on this error at: https://sqlalche.me/e/21/3o7r)
            print(
                "  pool checked out after: "
                f"{checked_out_when_settled(engine)}"
            )
            #>   pool checked out after: 0
            #>   pool checked out after: 0
        # --8<-- [end:run]
        # --8<-- [start:threads]
        results = asyncio.run(hammer(base_url, ["/busy"] * 60))
        print(
            f"{len(results)} requests; at most {peak} sync endpoints ran at "
            "once"
        )
        #> 60 requests; at most 40 sync endpoints ran at once
        # --8<-- [end:threads]
    engine.dispose()
