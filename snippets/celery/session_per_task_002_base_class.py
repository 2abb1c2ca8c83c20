"""A Task base class that owns the Session: created on first use, closed in
after_return."""

from pathlib import Path

from celery import Celery, Task
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

app = Celery(Path(__file__).stem, broker=redis_url(), backend=redis_url())
app.conf.task_default_queue = celery_queue()
engine = create_engine(postgres_url())


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    points: Mapped[int] = mapped_column(default=0)


# --8<-- [start:base]
class DatabaseTask(Task):
    _session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            self._session = Session(engine)
        return self._session

    def after_return(self, status, retval, task_id, args, kwargs, einfo):
        # runs after every call, success or failure: close() rolls back what
        # was not committed
        if self._session is not None:
            self._session.close()
            self._session = None


# --8<-- [end:base]


# --8<-- [start:task]
@app.task(bind=True, base=DatabaseTask)
def add_points(self, user_id: int, points: int) -> int:
    user = self.session.get(User, user_id)
    if user is None:
        raise LookupError(f"no user {user_id}")
    user.points += points
    self.session.commit()
    return user.points


# --8<-- [end:task]


@app.task
def pool_status() -> str:
    return engine.pool.status()


if __name__ == "__main__":
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(User(id=1, name="ada"))
        session.commit()

    with worker(
        Path(__file__).stem, directory=Path(__file__).parent, concurrency=1
    ):
        # --8<-- [start:run]
        good = [add_points.delay(1, 10) for _ in range(20)]
        bad = [add_points.delay(99, 10) for _ in range(5)]
        print(f"last result: {good[-1].get(timeout=20)}")
        #> last result: 200
        outcomes = [r.get(timeout=20, propagate=False) for r in bad]
        print(f"failed: {sum(isinstance(o, LookupError) for o in outcomes)}")
        #> failed: 5
        print(pool_status.delay().get(timeout=10))
        #> Pool size: 5  Connections in pool: 1 Current Overflow: -4 Current Checked out connections: 0
        # --8<-- [end:run]
    engine.dispose()
