"""Retries and redelivery: an idempotent write, so running the same task twice
writes once."""

from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import create_engine, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# --8<-- [start:setup]
app = Celery(
    "retries_and_redelivery_003_idempotent",
    broker=redis_url(),
    backend=redis_url(),
)
app.conf.task_default_queue = celery_queue()


class Base(DeclarativeBase):
    pass


class Payment(Base):
    __tablename__ = "payments"
    id: Mapped[int] = mapped_column(primary_key=True)
    # one payment per order: the key
    order_id: Mapped[int] = mapped_column(unique=True)
    amount: Mapped[int]


engine = create_engine(postgres_url())
# --8<-- [end:setup]


# --8<-- [start:task]
@app.task
def record_payment(order_id: int, amount: int) -> bool:
    with Session(engine) as session, session.begin():
        new_id = session.scalar(
            insert(Payment)
            .values(order_id=order_id, amount=amount)
            .on_conflict_do_nothing(index_elements=[Payment.order_id])
            .returning(Payment.id)
        )
    # False: the row was already there, nothing was written
    return new_id is not None


# --8<-- [end:task]


if __name__ == "__main__":
    Base.metadata.create_all(engine)
    with worker(
        "retries_and_redelivery_003_idempotent",
        directory=Path(__file__).parent,
    ):
        # --8<-- [start:run]
        first = record_payment.delay(42, 1999).get(timeout=20)
        # a retry, a redelivery ...
        again = record_payment.delay(42, 1999).get(timeout=20)
        print(f"{first=} {again=}")
        #> first=True again=False
        with Session(engine) as session:
            print(
                "payments:",
                session.scalar(select(func.count()).select_from(Payment)),
            )
            #> payments: 1
        # --8<-- [end:run]
    engine.dispose()
