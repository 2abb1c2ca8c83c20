"""With the threads pool, tasks running at once share the task object, so a
Session kept on it is shared too."""

import threading
import time
from pathlib import Path

from celery import Celery, Task
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import String, create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# --8<-- [start:setup]
app = Celery(Path(__file__).stem, broker=redis_url(), backend=redis_url())
app.conf.task_default_queue = celery_queue()
engine = create_engine(postgres_url())


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(String(50))


class DatabaseTask(Task):  # the base class of the previous section, unchanged
    _session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            self._session = Session(engine)
        return self._session

    def after_return(self, status, retval, task_id, args, kwargs, einfo):
        if self._session is not None:
            self._session.close()
            self._session = None


# --8<-- [end:setup]


# --8<-- [start:helpers]
# a Redis client: the two tasks tell each other where they are
flags = app.backend.client


def signal(name: str) -> None:
    flags.set(f"{celery_queue()}:{name}", 1)


def wait_for(name: str) -> None:
    for _ in range(400):
        if flags.get(f"{celery_queue()}:{name}"):
            return
        time.sleep(0.05)
    raise TimeoutError(name)


# --8<-- [end:helpers]


# --8<-- [start:task]
@app.task(bind=True, base=DatabaseTask)
def add_note(self, body: str) -> dict:
    session = self.session
    session.add(Note(body=body))
    session.flush()  # INSERT, not committed
    if body == "first":
        signal("first flushed")
        wait_for("second flushed")
        session.commit()
        signal("first committed")
        committed = None
    else:
        signal("second flushed")
        # the second task has not committed anything
        wait_for("first committed")
        with Session(engine) as other:  # what another connection sees now
            committed = other.scalars(
                select(Note.body).order_by(Note.id)
            ).all()
    return {
        "thread": threading.get_ident(),
        "session": id(session),
        "committed": committed,
    }


# --8<-- [end:task]


if __name__ == "__main__":
    Base.metadata.create_all(engine)
    # --8<-- [start:run]
    with worker(
        Path(__file__).stem,
        directory=Path(__file__).parent,
        pool="threads",
        concurrency=2,
    ):
        first = add_note.delay("first")
        wait_for("first flushed")
        second = add_note.delay("second")
        first, second = first.get(timeout=30), second.get(timeout=30)
        print(f"two threads: {first['thread'] != second['thread']}")
        #> two threads: True
        print(f"one Session: {first['session'] == second['session']}")
        #> one Session: True
        print(
            "committed before the second task committed: "
            f"{second['committed']}"
        )
        #> committed before the second task committed: ['first', 'second']
    # --8<-- [end:run]
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Note)) == 2
    engine.dispose()
