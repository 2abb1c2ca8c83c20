"""Probe app: records when a yield dependency's exit code runs, on whatever FastAPI is installed.

Run by tests/test_fastapi_versions.py on one FastAPI release (the test's Python, with that
release's pinned packages first on PYTHONPATH). Prints one JSON object. Written for every
FastAPI release the test installs (0.105 to the current one), so it uses only APIs they all
have: no response_model validators (pydantic 1 and 2 differ), a custom response class to see
serialisation, and a pure ASGI middleware to see the response being sent.
"""

from __future__ import annotations

import inspect as pyinspect
import json
import sys

import fastapi
import starlette
from fastapi import BackgroundTasks, Depends, FastAPI
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from sqlalchemy import String, create_engine, inspect
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import StaticPool

events: list[str] = []
task_facts: dict[str, str] = {}


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
Base.metadata.create_all(engine)


class RecordingJSON(JSONResponse):
    def render(self, content) -> bytes:
        events.append("serialise")
        return super().render(content)


class RecordSend:
    """Pure ASGI middleware: records when the last body chunk goes to the server."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def recording_send(message):
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                events.append("response sent")

        await self.app(scope, receive, recording_send)


def get_session_sync():
    with Session(engine) as session:
        yield session
        events.append("after yield")


async def get_session_async():
    with Session(engine) as session:
        yield session
        events.append("after yield")


def state_of(obj) -> str:
    insp = inspect(obj)
    for name in ("transient", "pending", "persistent", "deleted", "detached"):
        if getattr(insp, name):
            return name
    return "?"


def task(user: User) -> None:
    events.append("background task")
    task_facts["state"] = state_of(user)
    try:
        task_facts["user.name"] = repr(user.name)
    except SQLAlchemyError as exc:
        task_facts["user.name"] = type(exc).__name__


HAS_SCOPE = "scope" in pyinspect.signature(Depends).parameters


def build_app(dependency, scope: str | None) -> FastAPI:
    app = FastAPI()
    app.add_middleware(RecordSend)
    dep = Depends(dependency, scope=scope) if scope else Depends(dependency)

    @app.post("/users", response_class=RecordingJSON)
    async def create_user(background_tasks: BackgroundTasks, session: Session = dep):
        events.append("endpoint")
        user = User(name="ada")
        session.add(user)
        session.flush()
        user_id = user.id
        session.commit()  # expires user: the task's read needs a live session
        background_tasks.add_task(task, user)
        return {"id": user_id}

    return app


def run(dependency, scope: str | None) -> dict:
    events.clear()
    task_facts.clear()
    with engine.begin() as conn:
        conn.execute(User.__table__.delete())
    with TestClient(build_app(dependency, scope)) as client:
        response = client.post("/users")
        events.append("TestClient returns")
    return {
        "status": response.status_code,
        "events": list(events),
        "task": dict(task_facts),
    }


result: dict = {"fastapi": fastapi.__version__, "starlette": starlette.__version__, "runs": {}}
for scope in ("default", "function"):
    if scope == "function" and not HAS_SCOPE:
        result["runs"][scope] = "not available"
        continue
    arg = None if scope == "default" else scope
    result["runs"][scope] = {
        "sync": run(get_session_sync, arg),
        "async": run(get_session_async, arg),
    }
json.dump(result, sys.stdout, indent=1)
engine.dispose()
