"""The simplest fix: call .delay() after commit() has returned."""

from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

app = Celery(Path(__file__).stem, broker=redis_url(), backend=redis_url())
app.conf.task_default_queue = celery_queue()
engine = create_engine(postgres_url())


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    item: Mapped[str] = mapped_column(String(50))


@app.task
def ship(order_id: int) -> str:
    with Session(engine) as session:
        order = session.get(Order, order_id)
        if order is None:
            return f"order {order_id} not found"
        return f"shipping order {order.id}: {order.item}"


if __name__ == "__main__":
    Base.metadata.create_all(engine)
    with worker(Path(__file__).stem, directory=Path(__file__).parent):
        # --8<-- [start:fix]
        with Session(engine) as session:
            order = Order(item="book")
            session.add(order)
            session.commit()
            # the row is committed before the message exists
            result = ship.delay(order.id)
        print(result.get(timeout=10))
        #> shipping order 1: book
        # --8<-- [end:fix]
    engine.dispose()
