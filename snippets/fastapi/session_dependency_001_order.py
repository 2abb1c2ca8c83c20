"""Session dependency: when the code after `yield` runs, with the default
scope and scope="function"."""

import asyncio

from fastapi import BackgroundTasks, Depends, FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, model_serializer
from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import StaticPool


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine(
    "sqlite://",
    poolclass=StaticPool,
    connect_args={"check_same_thread": False},
)
Base.metadata.create_all(engine)
events: list[str] = []


def where() -> str:
    """Is this code running on an asyncio event loop, or in a thread without
    one?"""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return "a worker thread"
    return "the event loop"


runs_on: dict[str, str] = {}
# --8<-- [end:setup]


# --8<-- [start:dependencies]
def get_session():  # a sync dependency: FastAPI runs it in a worker thread
    runs_on["sync"] = where()
    with Session(engine) as session:
        yield session
        events.append("after yield")


async def get_session_async():  # an async one runs on the event loop
    runs_on["async"] = where()
    with Session(engine) as session:
        yield session
        events.append("after yield")


# --8<-- [end:dependencies]


# --8<-- [start:recorders]
class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str

    @model_serializer(mode="wrap")
    def record(self, handler):
        events.append("serialise")
        return handler(self)


class RecordSend:
    """ASGI middleware: notes when the last byte of the response leaves the
    app."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def recording_send(message):
            await send(message)
            if message["type"] == "http.response.body" and not message.get(
                "more_body"
            ):
                events.append("response sent")

        await self.app(scope, receive, recording_send)


# --8<-- [end:recorders]


# --8<-- [start:app]
def make_app(dependency) -> FastAPI:
    app = FastAPI()
    app.add_middleware(RecordSend)

    @app.post("/users", response_model=UserOut)
    def create_user(
        background_tasks: BackgroundTasks, session: Session = dependency
    ):
        events.append("endpoint")
        user = User(name="ada")
        session.add(user)
        session.commit()  # expires user: the response reloads it
        background_tasks.add_task(events.append, "background task")
        return user

    return app


# --8<-- [end:app]


# --8<-- [start:run]
for label, dependency in [
    ("sync, default", Depends(get_session)),
    ("async, default", Depends(get_session_async)),
    ('sync, scope="function"', Depends(get_session, scope="function")),
    ('async, scope="function"', Depends(get_session_async, scope="function")),
]:
    events.clear()
    with TestClient(make_app(dependency)) as client:
        response = client.post("/users")
        events.append("client has the response")
    print(f"{label:24} {response.status_code} {' > '.join(events)}")
    #> sync, default            200 endpoint > serialise > response sent > background task > after yield > client has the response
    #> async, default           200 endpoint > serialise > response sent > background task > after yield > client has the response
    #> sync, scope="function"   200 endpoint > serialise > after yield > response sent > background task > client has the response
    #> async, scope="function"  200 endpoint > serialise > after yield > response sent > background task > client has the response
print(
    f"sync dependency ran on {runs_on['sync']}, async one on "
    f"{runs_on['async']}"
)
#> sync dependency ran on a worker thread, async one on the event loop
# --8<-- [end:run]
engine.dispose()
