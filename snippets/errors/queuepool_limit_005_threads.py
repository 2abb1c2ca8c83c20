"""QueuePool limit: 40 worker threads (anyio's default limit, which runs
FastAPI's sync endpoints) against the default pool of 5 + 10."""

import threading
import time

import anyio
import anyio.to_thread
from guide_support import postgres_url
from sqlalchemy import String, create_engine, select
from sqlalchemy.exc import TimeoutError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


def call_other_service() -> None:
    time.sleep(3)  # a slow HTTP call, a payment provider, a file upload...


# --8<-- [end:setup]


# --8<-- [start:endpoints]
def slow(engine, start: threading.Barrier) -> str:
    start.wait()  # every thread asks for a connection at the same moment
    with Session(engine) as session:
        # the transaction begins: a connection is held
        session.scalars(select(User)).all()
        call_other_service()  # ...and stays held during the slow call
    return "ok"


def fixed(engine, start: threading.Barrier) -> str:
    start.wait()
    with Session(engine) as session:
        session.scalars(select(User)).all()
        # the transaction ends: the connection goes back to the pool
        session.commit()
    call_other_service()
    return "ok"


# --8<-- [end:endpoints]


# --8<-- [start:setup_limit]
async def run_in_threads(endpoint, engine, requests: int) -> list[str]:
    """Run `requests` calls at once in anyio's worker threads, as Starlette
    runs a def endpoint."""
    results: list[str] = []
    start = threading.Barrier(requests)

    def call() -> None:
        try:
            results.append(endpoint(engine, start))
        except TimeoutError as exc:
            results.append(f"{type(exc).__name__}: {str(exc).split(' (')[0]}")

    async with anyio.create_task_group() as tasks:
        for _ in range(requests):
            tasks.start_soon(anyio.to_thread.run_sync, call)
    return results


# --8<-- [end:setup_limit]


async def main() -> None:
    # --8<-- [start:limit]
    limiter = anyio.to_thread.current_default_thread_limiter()
    print(f"worker threads at once: {limiter.total_tokens}")
    #> worker threads at once: 40
    # --8<-- [end:limit]
    setup = create_engine(postgres_url())
    Base.metadata.create_all(setup)
    setup.dispose()
    # --8<-- [start:run]
    for endpoint in (slow, fixed):
        # the default 5 + 10
        engine = create_engine(postgres_url(), pool_timeout=1)
        results = await run_in_threads(endpoint, engine, requests=40)
        print(f"{endpoint.__name__}: {len(results)} requests")
        #> slow: 40 requests
        #> fixed: 40 requests
        for outcome in sorted(set(results)):
            print(f"  {results.count(outcome):2} x {outcome}")
            #>   25 x TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 1.00
            #>   15 x ok
            #>   40 x ok
        engine.dispose()
    # --8<-- [end:run]


anyio.run(main)
