"""A Session per task: a with block opens it, commits or rolls back, and
returns the connection."""

from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import String, create_engine, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# --8<-- [start:setup]
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


# --8<-- [end:setup]


# --8<-- [start:task]
@app.task
def add_points(user_id: int, points: int) -> int:
    with Session(engine) as session, session.begin():
        user = session.get(User, user_id)
        if user is None:
            raise LookupError(f"no user {user_id}")
        user.points += points
    # the block has committed (or rolled back on an exception) and closed the
    # Session
    return engine.pool.checkedout()


# --8<-- [end:task]


# --8<-- [start:pool_status]
@app.task
def pool_status() -> str:
    return engine.pool.status()


# --8<-- [end:pool_status]


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
        print(
            "checked out at the end of each task: "
            f"{sorted({r.get(timeout=20) for r in good})}"
        )
        #> checked out at the end of each task: [0]
        errors = [r.get(timeout=20, propagate=False) for r in bad]
        print(
            f"failed: {len(errors)}, {type(errors[0]).__name__}: {errors[0]}"
        )
        #> failed: 5, LookupError: no user 99
        print(pool_status.delay().get(timeout=10))
        #> Pool size: 5  Connections in pool: 1 Current Overflow: -4 Current Checked out connections: 0
        # --8<-- [end:run]
        # --8<-- [start:server]
        with engine.connect() as conn:
            points = conn.scalar(
                text("SELECT points FROM users WHERE id = 1")
            )
            states = conn.scalars(
                text(
                    "SELECT state FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> "
                    "pg_backend_pid()"
                )
            ).all()
        print(f"{points=} other connections: {states}")
        #> points=200 other connections: ['idle']
        # --8<-- [end:server]
    engine.dispose()
