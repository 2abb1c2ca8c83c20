"""A hook that survives SAVEPOINTs: each queued task belongs to the
transaction it was queued in.

A rolled-back SAVEPOINT drops only the tasks queued inside it; a released
SAVEPOINT sends nothing; the outermost commit sends the rest; a rollback or a
close of the outer transaction drops them all.
"""

from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import String, create_engine, event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    SessionTransaction,
    mapped_column,
)

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


# --8<-- [start:hook]
sent = []  # for this demo only: the AsyncResult of every task the hook sent


def delay_after_commit(session: Session, task, *args) -> None:
    # Remember the innermost transaction: the open SAVEPOINT, if there is one.
    transaction = (
        session.get_nested_transaction() or session.get_transaction()
    )
    session.info.setdefault("after_commit", []).append(
        (transaction, task, args)
    )


def _inside(
    transaction: SessionTransaction | None, ended: SessionTransaction
) -> bool:
    while transaction is not None:
        if transaction is ended:
            return True
        transaction = transaction.parent
    return False


@event.listens_for(Session, "after_commit")
def send_queued_tasks(session):
    if session.in_nested_transaction():
        return  # a RELEASE SAVEPOINT: nothing is committed yet
    for _, task, args in session.info.pop("after_commit", []):
        sent.append(task.delay(*args))


@event.listens_for(Session, "after_soft_rollback")
def drop_rolled_back_tasks(session, previous_transaction):
    # Fires for a SAVEPOINT rollback too: drop only what was queued inside it.
    queued = session.info.get("after_commit", [])
    session.info["after_commit"] = [
        item for item in queued if not _inside(item[0], previous_transaction)
    ]


@event.listens_for(Session, "after_transaction_end")
def forget_queued_tasks(session, transaction):
    # the outermost transaction ended: commit, rollback or close
    if transaction.parent is None:
        session.info.pop("after_commit", None)


# --8<-- [end:hook]


if __name__ == "__main__":
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(Redemption(code="WELCOME10"))
        session.commit()

    with worker(Path(__file__).stem, directory=Path(__file__).parent):
        # --8<-- [start:savepoint_rollback]
        with Session(engine) as session:
            order = Order(item="desk")
            session.add(order)
            session.flush()
            delay_after_commit(session, ship, order.id)
            try:
                # SAVEPOINT: try the coupon, go on without it
                with session.begin_nested():
                    session.add(Redemption(code="WELCOME10"))
                    # queued inside: must be dropped
                    delay_after_commit(session, ship, -1)
            except IntegrityError:
                print("coupon already used: the SAVEPOINT rolled back")
                #> coupon already used: the SAVEPOINT rolled back
            print(f"tasks sent before commit(): {len(sent)}")
            #> tasks sent before commit(): 0
            session.commit()
        print(f"tasks sent: {len(sent)}")
        #> tasks sent: 1
        print(sent[0].get(timeout=10))
        #> shipping order 1: desk
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
            #> tasks sent before commit(): 0
            session.commit()
        print(f"tasks sent: {len(sent)}")
        #> tasks sent: 1
        print(sent[0].get(timeout=10))
        #> shipping order 2: chair
        # --8<-- [end:savepoint_release]

        # --8<-- [start:outer_rollback]
        sent.clear()
        with Session(engine) as session:
            order = Order(item="lamp")
            session.add(order)
            session.flush()
            delay_after_commit(session, ship, order.id)
            with session.begin_nested():
                delay_after_commit(session, ship, order.id)
            # the outer transaction: everything it queued goes
            session.rollback()
        print(f"tasks sent after the rollback: {len(sent)}")
        #> tasks sent after the rollback: 0

        session = Session(engine)
        order = Order(item="pen")
        session.add(order)
        session.flush()
        delay_after_commit(session, ship, order.id)
        # closed without commit: the queue goes with the transaction
        session.close()
        session.add(Redemption(code="AUTUMN"))
        # a later transaction on the same Session sends nothing of it
        session.commit()
        print(f"tasks sent after close() and a new commit: {len(sent)}")
        #> tasks sent after close() and a new commit: 0
        session.close()
        # --8<-- [end:outer_rollback]
    engine.dispose()
