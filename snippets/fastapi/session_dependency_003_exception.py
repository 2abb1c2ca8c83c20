"""Session dependency: an exception in the endpoint reaches the code at
`yield`; nothing is saved."""

from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
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
    name: Mapped[str] = mapped_column(String(50))


events: list[str] = []


def make_app(engine) -> FastAPI:
    app = FastAPI()
    # --8<-- [end:setup]

    # --8<-- [start:dependency]
    def get_session():
        with Session(engine) as session:
            try:
                yield session
            except Exception as exc:
                events.append(f"dependency sees {type(exc).__name__}")
                session.rollback()
                raise  # re-raise: FastAPI still turns it into the response

    # --8<-- [end:dependency]

    # --8<-- [start:endpoints]
    @app.post("/users/{name}")
    def create_user(
        name: str, session: Annotated[Session, Depends(get_session)]
    ):
        session.add(User(name=name))
        session.flush()  # the INSERT is sent, inside the open transaction
        if name == "http":
            raise HTTPException(status_code=409, detail="name taken")
        if name == "bug":
            raise ValueError("something broke")
        session.commit()
        return {"name": name}

    # --8<-- [end:endpoints]

    return app


def count(engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(User))


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
    client = TestClient(make_app(engine), raise_server_exceptions=False)
    for name in ("ada", "http", "bug"):
        events.clear()
        response = client.post(f"/users/{name}")
        print(
            f"{backend:10} {name:4} {response.status_code} {response.text} "
            f"{events}"
        )
        #> sqlite     ada  200 {"name":"ada"} []
        #> sqlite     http 409 {"detail":"name taken"} ['dependency sees HTTPException']
        #> sqlite     bug  500 Internal Server Error ['dependency sees ValueError']
        #> postgresql ada  200 {"name":"ada"} []
        #> postgresql http 409 {"detail":"name taken"} ['dependency sees HTTPException']
        #> postgresql bug  500 Internal Server Error ['dependency sees ValueError']
    print(f"{backend:10} rows={count(engine)}")
    #> sqlite     rows=1
    #> postgresql rows=1
    with Session(engine) as session:  # no commit, no rollback: only close()
        session.add(User(name="closed"))
        session.flush()
    print(f"{backend:10} rows after close={count(engine)}")
    #> sqlite     rows after close=1
    #> postgresql rows after close=1
    engine.dispose()
# --8<-- [end:run]
