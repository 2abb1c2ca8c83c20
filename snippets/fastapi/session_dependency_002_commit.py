"""Session dependency: commit in the endpoint, or after `yield`, and what the
client is told."""

from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from guide_support import postgres_url
from sqlalchemy import String, create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import StaticPool


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


events: list[str] = []


class ServerLog:
    """Wraps the app as a server would: notes an exception that escapes it."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        try:
            await self.app(scope, receive, send)
        except Exception as exc:
            events.append(f"server logs {type(exc).__name__}")
            raise


def make_app(engine) -> FastAPI:
    app = FastAPI()
    # --8<-- [end:setup]

    # --8<-- [start:commit_after_yield]
    def get_session_committing():
        with Session(engine) as session:
            yield session
            events.append("after yield: commit")
            session.commit()  # runs after the response has been sent

    @app.post("/late/{name}", status_code=201)
    def create_late(
        name: str,
        session: Annotated[Session, Depends(get_session_committing)],
    ):
        session.add(User(name=name))
        return {"name": name}

    # --8<-- [end:commit_after_yield]

    # --8<-- [start:commit_in_endpoint]
    def get_session():
        with Session(engine) as session:
            yield session

    @app.post("/users/{name}", status_code=201)
    def create_user(
        name: str, session: Annotated[Session, Depends(get_session)]
    ):
        session.add(User(name=name))
        session.commit()  # a failure here becomes the response
        return {"name": name}

    # --8<-- [end:commit_in_endpoint]

    return app


# --8<-- [start:setup_run]
def count(engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(User))


# --8<-- [end:setup_run]


# --8<-- [start:run]
backends = {
    "sqlite": create_engine(
        "sqlite://",
        poolclass=StaticPool,
        connect_args={"check_same_thread": False},
    ),
    "postgresql": create_engine(postgres_url()),
}
for backend, engine in backends.items():
    Base.metadata.create_all(engine)
    client = TestClient(
        ServerLog(make_app(engine)), raise_server_exceptions=False
    )
    for path in ("/late/ada", "/late/ada", "/users/bob", "/users/bob"):
        events.clear()
        response = client.post(path)
        print(
            f"{backend:10} {path:10} {response.status_code} "
            f"rows={count(engine)} {events}"
        )
        #> sqlite     /late/ada  201 rows=1 ['after yield: commit']
        #> sqlite     /late/ada  201 rows=1 ['after yield: commit', 'server logs IntegrityError']
        #> sqlite     /users/bob 201 rows=2 []
        #> sqlite     /users/bob 500 rows=2 ['server logs IntegrityError']
        #> postgresql /late/ada  201 rows=1 ['after yield: commit']
        #> postgresql /late/ada  201 rows=1 ['after yield: commit', 'server logs IntegrityError']
        #> postgresql /users/bob 201 rows=2 []
        #> postgresql /users/bob 500 rows=2 ['server logs IntegrityError']
    engine.dispose()
# --8<-- [end:run]
