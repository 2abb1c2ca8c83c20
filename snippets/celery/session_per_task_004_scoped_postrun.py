"""scoped_session with a task_postrun handler that removes the Session after
every task."""

from pathlib import Path

from celery import Celery
from celery.signals import task_postrun
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import String, create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    scoped_session,
    sessionmaker,
)

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


# --8<-- [start:task]
DBSession = scoped_session(sessionmaker(engine))


@app.task
def read_points(user_id: int) -> int:
    return DBSession.get(User, user_id).points


@task_postrun.connect
def remove_session(**kwargs):
    # close() the Session: rollback, connection back to the pool
    DBSession.remove()


# --8<-- [end:task]


@app.task
def pool_status() -> str:
    return engine.pool.status()


def other_connections() -> list[str]:
    with engine.connect() as conn:
        return conn.scalars(
            text(
                "SELECT state FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> "
                "pg_backend_pid()"
            )
        ).all()


if __name__ == "__main__":
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(User(id=1, name="ada"))
        session.commit()

    with worker(
        Path(__file__).stem, directory=Path(__file__).parent, concurrency=1
    ):
        # --8<-- [start:run]
        results = [read_points.delay(1) for _ in range(10)]
        print(f"results: {[r.get(timeout=10) for r in results]}")
        #> results: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        # no user 99: the task raises
        failing = [read_points.delay(99) for _ in range(3)]
        outcomes = [r.get(timeout=10, propagate=False) for r in failing]
        print(f"failed: {[type(o).__name__ for o in outcomes]}")
        #> failed: ['AttributeError', 'AttributeError', 'AttributeError']
        print(pool_status.delay().get(timeout=10))
        #> Pool size: 5  Connections in pool: 1 Current Overflow: -4 Current Checked out connections: 0
        print(f"worker connections: {other_connections()}")
        #> worker connections: ['idle']
        # --8<-- [end:run]
        # --8<-- [start:migrate]
        with engine.connect() as conn:
            conn.execute(text("SET lock_timeout = '500ms'"))
            try:
                conn.execute(
                    text("ALTER TABLE users ADD COLUMN email VARCHAR(100)")
                )
                conn.commit()
                print("ALTER TABLE done")
                #> ALTER TABLE done
            except OperationalError as exc:
                print(
                    f"{type(exc.orig).__module__}.{type(exc.orig).__name__}: "
                    f"{exc.orig}"
                )
        # --8<-- [end:migrate]
    engine.dispose()
