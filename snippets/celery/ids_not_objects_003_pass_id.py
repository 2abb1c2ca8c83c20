"""Pass the primary key; the task loads the row in its own Session and sees
current data."""

from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import String, create_engine, update
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


# --8<-- [start:task]
@app.task
def send_welcome(user_id: int) -> str:
    with Session(engine) as session:
        user = session.get(User, user_id)
        if user is None:
            return f"no user {user_id}"
        return f"welcome, {user.name}"


# --8<-- [end:task]


if __name__ == "__main__":
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(User(id=1, name="ada"))
        session.commit()

    # --8<-- [start:delay]
    with Session(engine) as session:
        user = session.get(User, 1)
        result = send_welcome.delay(user.id)  # a plain int: JSON is happy
        session.execute(update(User).where(User.id == 1).values(name="grace"))
        session.commit()  # the row changes before the task runs
        gone = send_welcome.delay(2)
    # --8<-- [end:delay]

    with worker(Path(__file__).stem, directory=Path(__file__).parent):
        # --8<-- [start:results]
        print(result.get(timeout=10))
        #> welcome, grace
        print(gone.get(timeout=10))
        #> no user 2
        # --8<-- [end:results]
    engine.dispose()
