"""Commit after the response, in a real uvicorn server: the client has its 200
before the commit fails."""

import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import httpx
import uvicorn
from fastapi import Depends, FastAPI
from sqlalchemy import String, create_engine, func, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    sessionmaker,
)
from sqlalchemy.pool import StaticPool


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(100), unique=True)


engine = create_engine(
    "sqlite://",
    poolclass=StaticPool,
    connect_args={"check_same_thread": False},
)
Base.metadata.create_all(engine)
SessionLocal = sessionmaker(engine)
with SessionLocal.begin() as setup:
    setup.add(User(email="ada@example.com"))

events: list[str] = []
lock = threading.Lock()


def note(event: str) -> None:
    with lock:
        events.append(event)


class ServerLog(logging.Handler):
    """Records what uvicorn logs at ERROR level: the only place the late
    exception goes."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            note(
                f"server log: {record.getMessage().strip()}: "
                f"{type(record.exc_info[1]).__name__}"
            )


logging.getLogger("uvicorn.error").addHandler(ServerLog(level=logging.ERROR))
logging.getLogger("uvicorn.error").propagate = False
# --8<-- [end:setup]


# --8<-- [start:app]
def get_session() -> Iterator[Session]:
    with SessionLocal() as session:
        yield session
        # a slow moment before the commit, to make the order unmistakable
        time.sleep(0.5)
        note("dependency: commit")
        session.commit()


app = FastAPI()


@app.post("/users")
def create_user(
    email: str, session: Annotated[Session, Depends(get_session)]
) -> dict:
    session.add(User(email=email))
    return {"email": email}


# --8<-- [end:app]


# --8<-- [start:serving]
@contextmanager
def serving(app: FastAPI):
    """Run app in a real uvicorn server on 127.0.0.1 (a free port), in a
    thread; stop it after."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    # keep our log handler
    config = uvicorn.Config(app, log_config=None, access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]})
    thread.start()
    try:
        # however long a busy machine takes
        while not server.started and thread.is_alive():
            time.sleep(0.01)
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


# --8<-- [end:serving]


if __name__ == "__main__":
    # --8<-- [start:run]
    with serving(app) as base_url:
        response = httpx.post(
            f"{base_url}/users", params={"email": "ada@example.com"}
        )
        note(f"client: {response.status_code} {response.json()}")
        # give the server time to finish the request's dependency
        time.sleep(1.5)
        for event in events:
            print(event)
            #> client: 200 {'email': 'ada@example.com'}
            #> dependency: commit
            #> server log: Exception in ASGI application: IntegrityError
        with SessionLocal() as check:
            print(
                "users in the table: "
                f"{check.scalar(select(func.count()).select_from(User))}"
            )
            #> users in the table: 1
        # --8<-- [end:run]
    engine.dispose()
