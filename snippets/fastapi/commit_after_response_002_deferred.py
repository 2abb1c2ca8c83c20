"""Commit after the response: a deferred unique constraint fails only at
COMMIT, after a 201 with an id."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from guide_support import postgres_url
from sqlalchemy import (
    String,
    UniqueConstraint,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    sessionmaker,
)


class Base(DeclarativeBase):
    pass


# --8<-- [start:model]
class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("email", deferrable=True, initially="DEFERRED"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(100))


# --8<-- [end:model]


# --8<-- [start:sqlite]
try:
    Base.metadata.create_all(create_engine("sqlite://"))
except OperationalError as exc:
    print(
        f"{type(exc).__module__}.{type(exc).__name__}: "
        f"{str(exc).splitlines()[0]}"
    )
    #> sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) near "DEFERRABLE": syntax error
# --8<-- [end:sqlite]

# --8<-- [start:setup_app]
engine = create_engine(postgres_url())
Base.metadata.create_all(engine)
SessionLocal = sessionmaker(engine)
with SessionLocal.begin() as session:
    session.add(User(email="ada@example.com"))

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


@event.listens_for(engine, "commit")
def remember_commit(conn):
    statements.append("COMMIT")


# --8<-- [end:setup_app]


# --8<-- [start:app]
def get_session() -> Iterator[Session]:
    with SessionLocal() as session:
        yield session
        session.commit()


app = FastAPI()


@app.post("/users", status_code=201)
def create_user(
    email: str, session: Annotated[Session, Depends(get_session)]
) -> dict:
    user = User(email=email)
    session.add(user)
    # the INSERT runs here, and succeeds: the check waits for COMMIT
    session.flush()
    return {"id": user.id, "email": user.email}


# --8<-- [end:app]


# --8<-- [start:run]
client = TestClient(app, raise_server_exceptions=False)
response = client.post("/users", params={"email": "ada@example.com"})
print(response.status_code, response.json())
#> 201 {'id': 2, 'email': 'ada@example.com'}
for sql in statements:
    print(sql)
    #> INSERT INTO users (email) VALUES (%(email)s::VARCHAR) RETURNING users.id {'email': 'ada@example.com'}
    #> COMMIT
with SessionLocal() as session:
    print(f"{session.get(User, response.json()['id'])=}")
    #> session.get(User, response.json()['id'])=None
    print(f"users: {session.scalar(select(func.count()).select_from(User))}")
    #> users: 1
# --8<-- [end:run]

# --8<-- [start:raises]
try:
    TestClient(app).post("/users", params={"email": "ada@example.com"})
except IntegrityError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.exc.IntegrityError: (psycopg.errors.UniqueViolation) duplicate key value violates unique constraint "users_email_key"
    #> DETAIL:  Key (email)=(ada@example.com) already exists.
    #> (Background on this error at: https://sqlalche.me/e/21/gkpj)
# --8<-- [end:raises]
engine.dispose()
