"""A task enqueued before the commit runs against a row that other connections
cannot see yet."""

from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# --8<-- [start:setup]
app = Celery(Path(__file__).stem, broker=redis_url(), backend=redis_url())
app.conf.task_default_queue = celery_queue()
engine = create_engine(postgres_url())


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    item: Mapped[str] = mapped_column(String(50))


# --8<-- [end:setup]


# --8<-- [start:task]
@app.task
def ship(order_id: int) -> str:
    with Session(engine) as session:
        order = session.get(Order, order_id)
        if order is None:
            return f"order {order_id} not found"
        return f"shipping order {order.id}: {order.item}"


# --8<-- [end:task]


if __name__ == "__main__":
    Base.metadata.create_all(engine)
    with worker(Path(__file__).stem, directory=Path(__file__).parent):
        # --8<-- [start:race]
        with Session(engine) as session:
            order = Order(item="book")
            session.add(order)
            # INSERT sent, order.id known, transaction still open
            session.flush()
            order_id = order.id
            result = ship.delay(order_id)
            # waiting makes the race certain: the task wins it
            print(result.get(timeout=10))
            #> order 1 not found
            session.commit()
        # the same task, after the commit
        print(ship.delay(order_id).get(timeout=10))
        #> shipping order 1: book
        # --8<-- [end:race]
    engine.dispose()
