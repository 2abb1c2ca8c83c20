"""Retries and redelivery: SIGKILL the whole worker; Redis gives the unacked
message to the next one."""

import os
import signal
import time
from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_url, redis_url, worker
from kombu.transport.redis import Channel
from sqlalchemy import create_engine, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# --8<-- [start:config]
app = Celery(
    "retries_and_redelivery_005_kill_worker",
    broker=redis_url(),
    backend=redis_url(),
)
app.conf.task_default_queue = celery_queue()
# acknowledge when the task has finished, not when it starts
app.conf.task_acks_late = True
app.conf.broker_transport_options = {
    # seconds before an unacknowledged message goes back to the queue
    "visibility_timeout": 2,
    # how often a worker looks for such messages (default 10 s)
    "unacked_restore_interval": 1,
    # ... and really looks every time (default: every 10th)
    "unacked_restore_throttle": 1,
}
# --8<-- [end:config]


# --8<-- [start:setup_run]
class Base(DeclarativeBase):
    pass


class Attempt(Base):
    __tablename__ = "attempts"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int]


class Invoice(Base):
    __tablename__ = "invoices"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(unique=True)


engine = create_engine(postgres_url())


@app.task
def send_invoice(order_id: int) -> None:
    with Session(engine) as session, session.begin():
        session.add(Attempt(order_id=order_id))
    time.sleep(1)  # the work: the worker dies during this second
    with Session(engine) as session, session.begin():
        session.execute(
            insert(Invoice).values(order_id=order_id).on_conflict_do_nothing()
        )


def count(query) -> int:
    with Session(engine) as session:
        return session.scalar(query)


if __name__ == "__main__":
    Base.metadata.create_all(engine)
    here = Path(__file__).parent
    # --8<-- [end:setup_run]
    # --8<-- [start:run]
    print("kombu's default visibility_timeout:", Channel.visibility_timeout)
    #> kombu's default visibility_timeout: 3600

    result = send_invoice.delay(1)
    with worker(
        "retries_and_redelivery_005_kill_worker", directory=here
    ) as first:
        deadline = time.monotonic() + 10
        while (
            not count(select(func.count(Attempt.id)))
            and time.monotonic() < deadline
        ):
            time.sleep(0.02)
        # main process and pool: nobody acks or rejects
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    print("invoices after the kill:", count(select(func.count(Invoice.id))))
    #> invoices after the kill: 0

    with worker("retries_and_redelivery_005_kill_worker", directory=here):
        result.get(timeout=20)
    print(result.state, "attempts:", count(select(func.count(Attempt.id))))
    #> SUCCESS attempts: 2
    print("invoices:", count(select(func.count(Invoice.id))))
    #> invoices: 1
    # --8<-- [end:run]
    engine.dispose()
