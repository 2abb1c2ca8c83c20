"""Commit after the response: Depends(scope="function") runs the commit before
the response is sent."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from fastapi.testclient import TestClient
from guide_support import postgres_url
from sqlalchemy import String, UniqueConstraint, create_engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    sessionmaker,
)
from sqlalchemy.pool import StaticPool


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        # PostgreSQL checks at COMMIT; SQLite has no deferrable unique
        # constraint.
        UniqueConstraint(
            "email", deferrable=True, initially="DEFERRED"
        ).ddl_if(dialect="postgresql"),
        UniqueConstraint("email").ddl_if(dialect="sqlite"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(100))


SessionLocal = sessionmaker()


# --8<-- [start:plain]
def get_session() -> Iterator[Session]:
    with SessionLocal() as session:
        yield session
        session.commit()


app = FastAPI()


@app.post("/users", status_code=201)
def create_user(
    email: str,
    session: Annotated[Session, Depends(get_session, scope="function")],
) -> dict:
    user = User(email=email)
    session.add(user)
    session.flush()
    return {"id": user.id, "email": user.email}


# --8<-- [end:plain]


# --8<-- [start:translated]
def get_session_409() -> Iterator[Session]:
    with SessionLocal() as session:
        yield session
        try:
            session.commit()
        except IntegrityError:
            raise HTTPException(status_code=409, detail="conflict") from None


@app.post("/v2/users", status_code=201)
def create_user_v2(
    email: str,
    session: Annotated[Session, Depends(get_session_409, scope="function")],
) -> dict:
    user = User(email=email)
    session.add(user)
    return {"email": user.email}


# --8<-- [end:translated]


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
    # --8<-- [start:run]
    client = TestClient(app, raise_server_exceptions=False)
    response = client.post("/users", params={"email": "ada@example.com"})
    print(response.status_code, response.text)
    #> 500 Internal Server Error
    #> 500 Internal Server Error
    response = client.post("/v2/users", params={"email": "ada@example.com"})
    print(response.status_code, response.json())
    #> 409 {'detail': 'conflict'}
    #> 409 {'detail': 'conflict'}
    response = client.post("/v2/users", params={"email": "grace@example.com"})
    print(response.status_code, response.json())
    #> 201 {'email': 'grace@example.com'}
    #> 201 {'email': 'grace@example.com'}
    with SessionLocal() as session:
        print(
            f"users: {session.scalar(select(func.count()).select_from(User))}"
        )
        #> users: 2
        #> users: 2
    # --8<-- [end:run]
    engine.dispose()
