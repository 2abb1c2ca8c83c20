"""Commit after the response: a commit placed after `yield` fails, but the
client already got 200."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from guide_support import postgres_url
from sqlalchemy import String, create_engine, func, select
from sqlalchemy.exc import IntegrityError
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


SessionLocal = sessionmaker()
events: list[str] = []
# --8<-- [end:setup]


# --8<-- [start:app]
def get_session() -> Iterator[Session]:
    with SessionLocal() as session:
        yield session
        events.append("dependency: commit")
        session.commit()  # runs after the response has been sent


app = FastAPI()


@app.post("/users")
def create_user(
    email: str, session: Annotated[Session, Depends(get_session)]
) -> dict:
    session.add(User(email=email))
    events.append("endpoint: return")
    return {"email": email}


# --8<-- [end:app]


# --8<-- [start:setup_silent]
def record_sent(asgi_app):
    """ASGI middleware: note when the last byte of the response has been
    handed to the server."""

    async def wrapped(scope, receive, send):
        async def sending(message):
            await send(message)
            if message["type"] == "http.response.body" and not message.get(
                "more_body"
            ):
                events.append("server: response sent")

        await asgi_app(scope, receive, sending)

    return wrapped


app.add_middleware(lambda inner: record_sent(inner))


def user_count(engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(User))


# One in-memory SQLite database shared by the server's threads, and a real
# PostgreSQL.
sqlite = create_engine(
    "sqlite://",
    poolclass=StaticPool,
    connect_args={"check_same_thread": False},
)
for engine in (sqlite, create_engine(postgres_url())):
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with SessionLocal.begin() as session:
        session.add(User(email="ada@example.com"))
    print(f"--- {engine.dialect.name}")
    #> --- sqlite
    #> --- postgresql
    # --8<-- [end:setup_silent]

    # --8<-- [start:silent]
    events.clear()
    client = TestClient(app, raise_server_exceptions=False)
    response = client.post("/users", params={"email": "ada@example.com"})
    print(response.status_code, response.json())
    #> 200 {'email': 'ada@example.com'}
    #> 200 {'email': 'ada@example.com'}
    print(events)
    #> ['endpoint: return', 'server: response sent', 'dependency: commit']
    #> ['endpoint: return', 'server: response sent', 'dependency: commit']
    print(f"users in the table: {user_count(engine)}")
    #> users in the table: 1
    #> users in the table: 1
    # --8<-- [end:silent]

    # --8<-- [start:raises]
    client = TestClient(app)  # raise_server_exceptions=True, the default
    try:
        client.post("/users", params={"email": "ada@example.com"})
    except IntegrityError as exc:
        print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
        #> sqlalchemy.exc.IntegrityError: (sqlite3.IntegrityError) UNIQUE constraint failed: users.email
        #> [SQL: INSERT INTO users (email) VALUES (?)]
        #> [parameters: ('ada@example.com',)]
        #> (Background on this error at: https://sqlalche.me/e/21/gkpj)
        #> sqlalchemy.exc.IntegrityError: (psycopg.errors.UniqueViolation) duplicate key value violates unique constraint "users_email_key"
        #> DETAIL:  Key (email)=(ada@example.com) already exists.
        #> [SQL: INSERT INTO users (email) VALUES (%(email)s::VARCHAR) RETURNING users.id]
        #> [parameters: {'email': 'ada@example.com'}]
        #> (Background on this error at: https://sqlalche.me/e/21/gkpj)
    # --8<-- [end:raises]
    engine.dispose()
