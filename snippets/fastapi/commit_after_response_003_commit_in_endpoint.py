"""Commit after the response: commit inside the endpoint, so a failed COMMIT
becomes the response."""

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


# --8<-- [start:setup]
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
# --8<-- [end:setup]


# --8<-- [start:app]
def get_session() -> Iterator[Session]:
    # closes (and rolls back what is left); never commits
    with SessionLocal() as session:
        yield session


app = FastAPI()


@app.post("/users", status_code=201)
def create_user(
    email: str, session: Annotated[Session, Depends(get_session)]
) -> dict:
    user = User(email=email)
    session.add(user)
    try:
        session.flush()  # SQLite reports the duplicate here
        created = {"id": user.id, "email": user.email}
        session.commit()  # PostgreSQL's deferred constraint reports it here
    except IntegrityError:
        session.rollback()
        raise HTTPException(
            status_code=409, detail="email already registered"
        ) from None
    return created


# --8<-- [end:app]


sqlite = create_engine(
    "sqlite://",
    poolclass=StaticPool,
    connect_args={"check_same_thread": False},
)
for engine in (sqlite, create_engine(postgres_url())):
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    print(f"--- {engine.dialect.name}")
    #> --- sqlite
    #> --- postgresql
    # --8<-- [start:run]
    client = TestClient(app)
    for email in ("ada@example.com", "ada@example.com"):
        response = client.post("/users", params={"email": email})
        print(response.status_code, response.json())
        #> 201 {'id': 1, 'email': 'ada@example.com'}
        #> 409 {'detail': 'email already registered'}
        #> 201 {'id': 1, 'email': 'ada@example.com'}
        #> 409 {'detail': 'email already registered'}
    with SessionLocal() as session:
        print(
            f"users: {session.scalar(select(func.count()).select_from(User))}"
        )
        #> users: 1
        #> users: 1
    # --8<-- [end:run]
    engine.dispose()
