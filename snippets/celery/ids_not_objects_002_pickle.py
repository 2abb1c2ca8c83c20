"""With the pickle serializer the worker gets a detached copy: stale, or
unusable if expired."""

from pathlib import Path

from celery import Celery
from guide_support import celery_queue, postgres_url, redis_url, worker
from sqlalchemy import String, create_engine, inspect, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

app = Celery(Path(__file__).stem, broker=redis_url(), backend=redis_url())
app.conf.task_default_queue = celery_queue()
# --8<-- [start:config]
app.conf.task_serializer = "pickle"
app.conf.accept_content = ["pickle", "json"]
# --8<-- [end:config]
engine = create_engine(postgres_url())


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# --8<-- [start:task]
@app.task
def describe(user):
    state = "detached" if inspect(user).detached else "attached"
    name = user.name  # the copy's value, or an error if it has none
    with Session(engine) as session:
        current = session.get(User, user.id).name
    return f"{state} copy: name={name!r}; the database says {current!r}"


# --8<-- [end:task]


def main():
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(User(id=1, name="ada"))
        session.commit()

    # --8<-- [start:stale]
    with Session(engine) as session:
        user = session.get(User, 1)
        loaded = describe.delay(user)  # pickled now, with name='ada'
        session.execute(update(User).where(User.id == 1).values(name="grace"))
        # the row changes before the task runs; user is now expired
        session.commit()
        # pickled now, with no attributes loaded
        expired = describe.delay(user)
    # --8<-- [end:stale]

    with worker(Path(__file__).stem, directory=Path(__file__).parent):
        # --8<-- [start:results]
        print(loaded.get(timeout=10))
        #> detached copy: name='ada'; the database says 'grace'
        try:
            expired.get(timeout=10)
        except Exception as exc:
            print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
            #> sqlalchemy.orm.exc.DetachedInstanceError: Instance <User at 0x7f7b2e6438d0> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
        # --8<-- [end:results]
    engine.dispose()


if __name__ == "__main__":
    # Pickle records a class by its import path. Run the demo from this file
    # imported as a module (as the worker imports it), so the pickles name a
    # class the worker can find.
    from ids_not_objects_002_pickle import main as imported_main

    imported_main()
