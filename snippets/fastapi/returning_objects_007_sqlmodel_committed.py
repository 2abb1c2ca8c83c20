"""Returning a committed SQLModel object: the table model as response model
gives {}, a separate one reloads."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.pool import StaticPool
from sqlmodel import Field, Session, SQLModel, create_engine

# --8<-- [start:setup]
engine = create_engine(
    "sqlite://",
    poolclass=StaticPool,
    connect_args={"check_same_thread": False},
)


def get_session() -> Iterator[Session]:
    with Session(engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
# --8<-- [end:setup]


# --8<-- [start:app]
class HeroCreate(SQLModel):
    name: str


class Hero(HeroCreate, table=True):
    id: int | None = Field(default=None, primary_key=True)


class HeroPublic(HeroCreate):
    id: int


app = FastAPI()


@app.post("/table", response_model=Hero)  # the table model itself
def create_table(hero: HeroCreate, session: SessionDep):
    db_hero = Hero.model_validate(hero)
    session.add(db_hero)
    session.commit()
    return db_hero


@app.post("/annotated")
# the same, as annotation
def create_annotated(hero: HeroCreate, session: SessionDep) -> Hero:
    db_hero = Hero.model_validate(hero)
    session.add(db_hero)
    session.commit()
    return db_hero


@app.post("/public", response_model=HeroPublic)  # a separate, non-table model
def create_public(hero: HeroCreate, session: SessionDep):
    db_hero = Hero.model_validate(hero)
    session.add(db_hero)
    session.commit()
    return db_hero


@app.post("/refreshed", response_model=Hero)
def create_refreshed(hero: HeroCreate, session: SessionDep):
    db_hero = Hero.model_validate(hero)
    session.add(db_hero)
    session.commit()
    session.refresh(db_hero)  # what SQLModel's tutorial does
    return db_hero


# --8<-- [end:app]


SQLModel.metadata.create_all(engine)
statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(statement.split()[0])


# --8<-- [start:run]
client = TestClient(app)
for path in ("/table", "/annotated", "/public", "/refreshed"):
    statements.clear()
    response = client.post(path, json={"name": "Deadpond"})
    # key order varies run to run
    body = dict(sorted(response.json().items()))
    print(path, response.status_code, body, statements)
    #> /table 200 {} ['INSERT']
    #> /annotated 200 {} ['INSERT']
    #> /public 200 {'id': 3, 'name': 'Deadpond'} ['INSERT', 'SELECT']
    #> /refreshed 200 {'id': 4, 'name': 'Deadpond'} ['INSERT', 'SELECT']
# --8<-- [end:run]
engine.dispose()
