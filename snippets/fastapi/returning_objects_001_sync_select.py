"""Returning ORM objects: a sync route returns a committed object; the
response model's read sends a SELECT."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from guide_support import postgres_url
from pydantic import BaseModel, ConfigDict
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
log: list[str] = []
# --8<-- [end:setup]


# --8<-- [start:app]
class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str


def get_session() -> Iterator[Session]:
    with SessionLocal() as session:
        yield session
        log.append("dependency: session closed")


app = FastAPI()


@app.post("/users", response_model=UserOut)
def create_user(
    name: str, session: Annotated[Session, Depends(get_session)]
) -> User:
    user = User(name=name)
    session.add(user)
    session.commit()  # expires user: its id and name are gone from memory
    log.append("endpoint: return")
    return user  # FastAPI reads user.id and user.name to build UserOut


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
        log.append(f"SQL: {statement} {parameters}")

    @event.listens_for(engine, "commit")
    def remember_commit(conn):
        log.append("SQL: COMMIT")

    print(f"--- {engine.dialect.name}")
    #> --- sqlite
    #> --- postgresql
    # --8<-- [start:run]
    client = TestClient(app)
    response = client.post("/users", params={"name": "ada"})
    print(response.status_code, response.json())
    #> 200 {'id': 1, 'name': 'ada'}
    #> 200 {'id': 1, 'name': 'ada'}
    for line in log:
        print(line)
        #> SQL: INSERT INTO users (name) VALUES (?) ('ada',)
        #> SQL: COMMIT
        #> endpoint: return
        #>[2.1] SQL: SELECT users.id, users.name
        #>[2.0] SQL: SELECT users.id AS users_id, users.name AS users_name
        #> FROM users
        #> WHERE users.id = ? (1,)
        #> dependency: session closed
        #> SQL: INSERT INTO users (name) VALUES (%(name)s::VARCHAR) RETURNING users.id {'name': 'ada'}
        #> SQL: COMMIT
        #> endpoint: return
        #>[2.1] SQL: SELECT users.id, users.name
        #>[2.0] SQL: SELECT users.id AS users_id, users.name AS users_name
        #> FROM users
        #> WHERE users.id = %(pk_1)s::INTEGER {'pk_1': 1}
        #> dependency: session closed
    # --8<-- [end:run]
    log.clear()
    engine.dispose()
