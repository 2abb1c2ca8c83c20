"""Retries and redelivery: SIGKILL a pool process mid-task; acks_late +
reject_on_worker_lost runs it again."""

import os
import signal
import time
from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import create_engine, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# --8<-- [start:setup]
app = Celery(
    "retries_and_redelivery_004_kill_pool_child",
    broker=redis_url(),
    backend=redis_url(),
)
app.conf.task_default_queue = celery_queue()


class Base(DeclarativeBase):
    pass


class Attempt(Base):
    __tablename__ = "attempts"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int]
    pid: Mapped[int]


class Shipment(Base):
    __tablename__ = "shipments"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(unique=True)


engine = create_engine(postgres_url())


def ship(order_id: int) -> None:
    with Session(engine) as session, session.begin():
        session.add(Attempt(order_id=order_id, pid=os.getpid()))
    time.sleep(1)  # the work: the process is killed during this second
    with Session(engine) as session, session.begin():
        session.execute(
            insert(Shipment)
            .values(order_id=order_id)
            .on_conflict_do_nothing()
        )


# --8<-- [end:setup]


# --8<-- [start:tasks]
@app.task(acks_late=True, reject_on_worker_lost=True)
def ship_requeued(order_id: int) -> None:
    ship(order_id)


@app.task(acks_late=True)  # reject_on_worker_lost defaults to False
def ship_failed(order_id: int) -> None:
    ship(order_id)


# --8<-- [end:tasks]


# --8<-- [start:setup_run]
def attempts(order_id: int) -> list[int]:
    with Session(engine) as session:
        return session.scalars(
            select(Attempt.pid).where(Attempt.order_id == order_id)
        ).all()


def shipments(order_id: int) -> int:
    with Session(engine) as session:
        query = select(func.count()).where(Shipment.order_id == order_id)
        return session.scalar(query)


def kill_first_attempt(order_id: int) -> None:
    deadline = time.monotonic() + 10
    while not attempts(order_id) and time.monotonic() < deadline:
        time.sleep(0.02)
    # the pool process running the task
    os.kill(attempts(order_id)[0], signal.SIGKILL)


if __name__ == "__main__":
    Base.metadata.create_all(engine)
    # --8<-- [end:setup_run]
    with worker(
        "retries_and_redelivery_004_kill_pool_child",
        directory=Path(__file__).parent,
        concurrency=1,
    ):
        # --8<-- [start:run]
        result = ship_requeued.delay(1)
        kill_first_attempt(1)
        result.get(timeout=20, propagate=False)
        pids = attempts(1)
        print(
            f"{result.state} attempts={len(pids)} new "
            f"process={pids[0] != pids[1]}"
        )
        #> SUCCESS attempts=2 new process=True
        print("shipments:", shipments(1))
        #> shipments: 1

        result = ship_failed.delay(2)
        kill_first_attempt(2)
        result.get(timeout=20, propagate=False)
        print(f"{result.state} attempts={len(attempts(2))}")
        #> FAILURE attempts=1
        print(
            type(result.result).__name__, str(result.result).split(" Job:")[0]
        )
        #> WorkerLostError Worker exited prematurely: signal 9 (SIGKILL)
        print("shipments:", shipments(2))
        #> shipments: 0
        # --8<-- [end:run]
    engine.dispose()
