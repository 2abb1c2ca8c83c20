"""Queue tasks on the Session; an after_commit hook sends them, a rollback
drops them.

The second half shows where this simple hook goes wrong: SAVEPOINTs
(``begin_nested()``).
"""

from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import String, create_engine, event
from sqlalchemy.exc import IntegrityError
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


class Redemption(Base):  # a coupon code can be redeemed once
    __tablename__ = "redemptions"
    code: Mapped[str] = mapped_column(String(20), primary_key=True)


@app.task
def ship(order_id: int) -> str:
    with Session(engine) as session:
        order = session.get(Order, order_id)
        if order is None:
            return f"order {order_id} not found"
        return f"shipping order {order.id}: {order.item}"


# --8<-- [end:setup]


# --8<-- [start:hook]
sent = []  # for this demo only: the AsyncResult of every task the hook sent


def delay_after_commit(session: Session, task, *args) -> None:
    session.info.setdefault("after_commit", []).append((task, args))


@event.listens_for(Session, "after_commit")
def send_queued_tasks(session):
    for task, args in session.info.pop("after_commit", []):
        sent.append(task.delay(*args))


@event.listens_for(Session, "after_rollback")
def drop_queued_tasks(session):
    session.info.pop("after_commit", None)


# --8<-- [end:hook]


if __name__ == "__main__":
    Base.metadata.create_all(engine)
    with worker(Path(__file__).stem, directory=Path(__file__).parent):
        # --8<-- [start:use]
        with Session(engine) as session:
            order = Order(item="book")
            session.add(order)
            # the id exists from here on: pass it, not the object
            session.flush()
            delay_after_commit(session, ship, order.id)
            print(f"sent before commit: {len(sent)}")
            #> sent before commit: 0
            session.commit()
            print(f"sent after commit: {len(sent)}")
            #> sent after commit: 1
        print(sent[0].get(timeout=10))
        #> shipping order 1: book

        with Session(engine) as session:
            order = Order(item="lamp")
            session.add(order)
            session.flush()
            delay_after_commit(session, ship, order.id)
            session.rollback()
        print(f"sent after a rollback: {len(sent)}")
        #> sent after a rollback: 1
        # --8<-- [end:use]

        with Session(engine) as session:
            session.add(Redemption(code="WELCOME10"))
            session.commit()

        # --8<-- [start:savepoint_rollback]
        sent.clear()
        with Session(engine) as session:
            order = Order(item="desk")
            session.add(order)
            session.flush()
            order_id = order.id
            delay_after_commit(session, ship, order_id)
            try:
                # SAVEPOINT: try the coupon, go on without it
                with session.begin_nested():
                    session.add(Redemption(code="WELCOME10"))
            except IntegrityError:
                print("coupon already used: the SAVEPOINT rolled back")
                #> coupon already used: the SAVEPOINT rolled back
            session.commit()
        with Session(engine) as session:
            print(
                f"order {order_id} committed: "
                f"{session.get(Order, order_id) is not None}"
            )
            #> order 3 committed: True
        print(f"tasks sent: {len(sent)}")
        #> tasks sent: 0
        # --8<-- [end:savepoint_rollback]

        # --8<-- [start:savepoint_release]
        sent.clear()
        with Session(engine) as session:
            order = Order(item="chair")
            session.add(order)
            session.flush()
            delay_after_commit(session, ship, order.id)
            # this SAVEPOINT succeeds: RELEASE SAVEPOINT
            with session.begin_nested():
                session.add(Redemption(code="SPRING5"))
            print(f"tasks sent before commit(): {len(sent)}")
            #> tasks sent before commit(): 1
            # the race of the first section, back again
            print(sent[0].get(timeout=10))
            #> order 4 not found
            session.commit()
        # --8<-- [end:savepoint_release]

        # --8<-- [start:close]
        sent.clear()
        session = Session(engine)
        order = Order(item="pen")
        session.add(order)
        session.flush()
        delay_after_commit(session, ship, order.id)
        # no commit, no rollback event: the queue stays in session.info
        session.close()
        session.add(Redemption(code="AUTUMN"))
        session.commit()  # a later transaction on the same Session
        print(f"tasks sent: {len(sent)}")
        #> tasks sent: 1
        print(sent[0].get(timeout=10))
        #> order 5 not found
        # --8<-- [end:close]
    engine.dispose()
