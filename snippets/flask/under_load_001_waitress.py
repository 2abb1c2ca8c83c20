"""Under load: Flask-SQLAlchemy in a real waitress server on PostgreSQL; pool
use per request, and a leak."""

import logging
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import httpx
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from guide_support import postgres_url
from sqlalchemy import String, event, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from waitress.server import create_server


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Visit(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    page: Mapped[str] = mapped_column(String(50))


# --8<-- [end:setup]


# --8<-- [start:app]
app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = postgres_url()
app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
    "pool_size": 5,
    "max_overflow": 10,
    "pool_timeout": 2,
}
db.init_app(app)
peak = {"checked_out": 0}
leaked: list[Session] = []


@app.post("/visits/<page>")
def record_visit(page):
    db.session.add(Visit(page=page))
    db.session.commit()
    return {
        "count": db.session.scalar(
            select(func.count()).where(Visit.page == page)
        )
    }


@app.post("/leak")
def leak():
    # not db.session: nothing removes it at teardown
    session = Session(db.engine)
    # begins a transaction: the connection stays checked out
    session.execute(select(1))
    leaked.append(session)  # kept by a cache, a global, a forgotten attribute
    return {"leaked": len(leaked)}


@app.get("/pool")
def pool():
    return {
        "checked_out": db.engine.pool.checkedout(),
        "peak": peak["checked_out"],
    }


@app.errorhandler(Exception)
def report(exc):
    return {"error": f"{type(exc).__name__}: {exc}"}, 500


with app.app_context():
    db.create_all()

    @event.listens_for(db.engine, "checkout")
    def note_peak(dbapi_connection, record, proxy):
        peak["checked_out"] = max(
            peak["checked_out"], db.engine.pool.checkedout()
        )
# --8<-- [end:app]


# "Task queue depth is N", per request
logging.getLogger("waitress.queue").setLevel(logging.ERROR)


# --8<-- [start:server]
@contextmanager
def serving(threads: int):
    """A real waitress server on 127.0.0.1 (a free port), in a thread; closed
    after."""
    server = create_server(app, host="127.0.0.1", port=0, threads=threads)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=10)


# --8<-- [end:server]


# --8<-- [start:setup_run]
def post_all(
    base_url: str, paths: list[str], clients: int
) -> list[httpx.Response]:
    with (
        httpx.Client(base_url=base_url, timeout=30) as client,
        ThreadPoolExecutor(clients) as pool,
    ):
        return list(pool.map(client.post, paths))


# --8<-- [end:setup_run]


if __name__ == "__main__":
    # --8<-- [start:one]
    # one request, no server: when does its session hold a connection?
    pool_events: list[str] = []
    with app.app_context():
        engine = db.engine
    for name in ("checkout", "checkin"):
        event.listen(
            engine, name, lambda *args, name=name: pool_events.append(name)
        )
    # outside any app context: the request pushes and pops its own
    app.test_client().post("/visits/one-request")
    print(pool_events)
    #> ['checkout', 'checkin', 'checkout', 'checkin']
    # --8<-- [end:one]

    # --8<-- [start:run]
    # waitress's worker threads: at most 8 requests in a view at once
    threads = 8
    paths = [f"/visits/page-{n % 4}" for n in range(200)]
    with serving(threads) as base_url:
        responses = post_all(base_url, paths, clients=32)
        pool_state = httpx.get(f"{base_url}/pool").json()
    print(
        f"requests: {len(responses)}, statuses: "
        f"{dict(Counter(r.status_code for r in responses))}"
    )
    #> requests: 200, statuses: {200: 200}
    highest = Counter()
    for path, response in zip(paths, responses, strict=True):
        highest[path] = max(highest[path], response.json()["count"])
    print(f"highest count per page: {sorted(highest.values())}")
    #> highest count per page: [50, 50, 50, 50]
    print(f"checked out after the load: {pool_state['checked_out']}")
    #> checked out after the load: 0
    print(
        "1 <= peak checked out <= threads: "
        f"{1 <= pool_state['peak'] <= threads}"
    )
    #> 1 <= peak checked out <= threads: True
    # --8<-- [end:run]

    # --8<-- [start:leak]
    with serving(threads) as base_url:
        # pool_size 5 + max_overflow 10
        leaks = post_all(base_url, ["/leak"] * 15, clients=1)
        checked_out = httpx.get(f"{base_url}/pool").json()["checked_out"]
        print(
            f"leaked sessions: {leaks[-1].json()['leaked']}, connections "
            f"checked out: {checked_out}"
        )
        #> leaked sessions: 15, connections checked out: 15
        responses = post_all(
            base_url, [f"/visits/page-{n}" for n in range(4)], clients=4
        )
    # each response's own time, from sending the request to the end of the
    # body
    waited = min(r.elapsed.total_seconds() for r in responses)
    print(
        f"statuses: {[r.status_code for r in responses]}, each waited the "
        f"pool_timeout: {waited >= 2}"
    )
    #> statuses: [500, 500, 500, 500], each waited the pool_timeout: True
    print(responses[0].json()["error"])
    #> TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 2.00 (Background on this error at: https://sqlalche.me/e/21/3o7r)
    for session in leaked:
        session.close()
    # --8<-- [end:leak]
    with app.app_context():
        db.engine.dispose()
