"""Returning ORM objects: without a response model, a committed object is
serialised as {}."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from guide_support import postgres_url
from sqlalchemy import String, create_engine, event
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
    name: Mapped[str] = mapped_column(String(50))


SessionLocal = sessionmaker()
statements: list[str] = []


def get_session() -> Iterator[Session]:
    with SessionLocal() as session:
        yield session


# --8<-- [end:setup]


# --8<-- [start:app]
app = FastAPI()


@app.post("/users")  # no response model, no return annotation
def create_user(name: str, session: Annotated[Session, Depends(get_session)]):
    user = User(name=name)
    session.add(user)
    session.commit()
    return user


@app.get("/users/{user_id}")
def read_user(
    user_id: int, session: Annotated[Session, Depends(get_session)]
):
    return session.get(User, user_id)


# --8<-- [end:app]


sqlite = create_engine(
    "sqlite://",
    poolclass=StaticPool,
    connect_args={"check_same_thread": False},
)
for engine in (sqlite, create_engine(postgres_url())):
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)

    @event.listens_for(engine, "before_cursor_execute")
    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement.split()[0])

    print(f"--- {engine.dialect.name}")
    #> --- sqlite
    #> --- postgresql
    # --8<-- [start:run]
    client = TestClient(app)
    response = client.post("/users", params={"name": "ada"})
    print(response.status_code, response.json(), statements)
    #> 200 {} ['INSERT']
    #> 200 {} ['INSERT']
    statements.clear()
    response = client.get("/users/1")
    body = dict(sorted(response.json().items()))  # keys in a fixed order
    print(response.status_code, body, statements)
    #> 200 {'id': 1, 'name': 'ada'} ['SELECT']
    #> 200 {'id': 1, 'name': 'ada'} ['SELECT']
    # --8<-- [end:run]
    statements.clear()
    engine.dispose()
