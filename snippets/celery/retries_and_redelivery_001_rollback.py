"""Retries and redelivery: a task that fails inside session.begin() leaves no
row behind."""

from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import ForeignKey, create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# --8<-- [start:setup]
app = Celery(
    "retries_and_redelivery_001_rollback",
    broker=redis_url(),
    backend=redis_url(),
)
app.conf.task_default_queue = celery_queue()


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer: Mapped[str]


class OrderLine(Base):
    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    sku: Mapped[str]


engine = create_engine(postgres_url())
# --8<-- [end:setup]


# --8<-- [start:task]
class OutOfStock(Exception):
    pass


@app.task
def place_order(customer: str, skus: list[str]) -> int:
    with Session(engine) as session, session.begin():
        order = Order(customer=customer)
        session.add(order)
        # the INSERT INTO orders has run: the order has its id
        session.flush()
        order_id = order.id
        for sku in skus:
            if sku == "sold-out":
                raise OutOfStock(sku)  # leaves the with block: ROLLBACK
            session.add(OrderLine(order_id=order_id, sku=sku))
    return order_id  # reached only after the COMMIT


# --8<-- [end:task]


# --8<-- [start:setup_run]
def count(model) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model))


if __name__ == "__main__":
    Base.metadata.create_all(engine)
    # --8<-- [end:setup_run]
    with worker(
        "retries_and_redelivery_001_rollback", directory=Path(__file__).parent
    ):
        # --8<-- [start:run]
        failed = place_order.delay("ada", ["book", "sold-out"])
        failed.get(timeout=20, propagate=False)
        print(failed.state, repr(failed.result))
        #> FAILURE OutOfStock('sold-out')
        print(f"orders={count(Order)} order_lines={count(OrderLine)}")
        #> orders=0 order_lines=0

        placed = place_order.delay("ada", ["book", "pen"])
        placed.get(timeout=20)
        print(placed.state)
        #> SUCCESS
        print(f"orders={count(Order)} order_lines={count(OrderLine)}")
        #> orders=1 order_lines=2
        # --8<-- [end:run]
    engine.dispose()
