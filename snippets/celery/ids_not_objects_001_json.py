"""Passing an ORM object to .delay() with Celery's default JSON serializer
fails at once."""

from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_url, redis_url
from sqlalchemy import String, create_engine
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


# --8<-- [end:setup]


# --8<-- [start:task]
@app.task
def send_welcome(user):
    return f"welcome, {user.name}"


# --8<-- [end:task]


if __name__ == "__main__":
    Base.metadata.create_all(engine)
    # --8<-- [start:delay]
    print(app.conf.task_serializer)
    #> json
    with Session(engine) as session:
        user = User(name="ada")
        session.add(user)
        session.commit()
        try:
            send_welcome.delay(user)
        except Exception as exc:
            print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
            #> kombu.exceptions.EncodeError: Object of type User is not JSON serializable
    # --8<-- [end:delay]
    # --8<-- [start:queue]
    with app.connection_for_write() as conn:
        print(
            "messages waiting: "
            f"{conn.default_channel.client.llen(celery_queue())}"
        )
        #> messages waiting: 0
    # --8<-- [end:queue]
    engine.dispose()
