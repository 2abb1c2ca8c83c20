"""Retries and redelivery: autoretry_for with exponential backoff; each
attempt is recorded."""

from datetime import datetime
from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

# --8<-- [start:setup]
app = Celery(
    "retries_and_redelivery_002_retry_backoff",
    broker=redis_url(),
    backend=redis_url(),
)
app.conf.task_default_queue = celery_queue()


class Base(DeclarativeBase):
    pass


class Attempt(Base):
    __tablename__ = "attempts"
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int]
    number: Mapped[int]
    at: Mapped[datetime] = mapped_column(
        server_default=func.clock_timestamp()
    )


class Report(Base):
    __tablename__ = "reports"
    id: Mapped[int] = mapped_column(primary_key=True)


engine = create_engine(postgres_url())
# --8<-- [end:setup]


# --8<-- [start:task]
@app.task(
    bind=True,
    # retry on this exception, re-raise anything else
    autoretry_for=(OperationalError,),
    max_retries=3,
    retry_backoff=1,  # wait 1 s, then 2 s, then 4 s ...
    retry_jitter=False,  # (the default, True, randomises each wait)
)
def build_report(self, report_id: int) -> str:
    # its own transaction: it stays
    with Session(engine) as session, session.begin():
        session.add(
            Attempt(report_id=report_id, number=self.request.retries + 1)
        )

    with Session(engine) as session, session.begin():
        session.add(Report(id=report_id))
        # the first two runs hit a timeout in PostgreSQL
        if self.request.retries < 2:
            session.execute(text("SET LOCAL statement_timeout = '50ms'"))
            session.execute(text("SELECT pg_sleep(1)"))
    return f"report {report_id} built on attempt {self.request.retries + 1}"


# --8<-- [end:task]


if __name__ == "__main__":
    Base.metadata.create_all(engine)
    with worker(
        "retries_and_redelivery_002_retry_backoff",
        directory=Path(__file__).parent,
    ):
        # --8<-- [start:run]
        result = build_report.delay(7)
        print(result.get(timeout=30))
        #> report 7 built on attempt 3

        with Session(engine) as session:
            attempts = session.scalars(
                select(Attempt).order_by(Attempt.number)
            ).all()
            print("attempts:", [a.number for a in attempts])
            #> attempts: [1, 2, 3]
            print(
                "seconds between attempts:",
                [
                    round((later.at - earlier.at).total_seconds())
                    for earlier, later in zip(
                        attempts, attempts[1:], strict=False
                    )
                ],
            )
            #> seconds between attempts: [1, 2]
            print(
                "reports:",
                session.scalar(select(func.count()).select_from(Report)),
            )
            #> reports: 1
        # --8<-- [end:run]
    engine.dispose()
