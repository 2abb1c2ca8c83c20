"""Returning a committed SQLModel object: the table model as response model
gives {}, a separate one reloads."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.exceptions import ResponseValidationError
from fastapi.testclient import TestClient
from pydantic import TypeAdapter
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


# --8<-- [start:closed_app]
@app.post("/closed", response_model=HeroPublic)
def create_closed(hero: HeroCreate):
    with Session(engine) as session:  # a session of its own
        db_hero = Hero.model_validate(hero)
        session.add(db_hero)
        session.commit()
        return db_hero  # closed before FastAPI reads it


@app.post("/closed-refreshed", response_model=HeroPublic)
def create_closed_refreshed(hero: HeroCreate):
    with Session(engine) as session:
        db_hero = Hero.model_validate(hero)
        session.add(db_hero)
        session.commit()
        session.refresh(db_hero)
        return db_hero


# --8<-- [end:closed_app]


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

# --8<-- [start:closed_run]
for path in ("/closed", "/closed-refreshed"):
    statements.clear()
    try:
        response = client.post(path, json={"name": "Deadpond"})
        body = dict(sorted(response.json().items()))
        print(path, response.status_code, body, statements)
        #> /closed-refreshed 200 {'id': 6, 'name': 'Deadpond'} ['INSERT', 'SELECT']
    except ResponseValidationError as exc:
        error = exc.errors()[0]
        print(path, type(exc).__name__, error["type"], error["loc"])
        #> /closed ResponseValidationError get_attribute_error ('response', 'name')
        print(" ", error["msg"])
        #>   Error extracting attribute: DetachedInstanceError: Instance <Hero at 0x7f3c2e2a59f0> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:closed_run]

# --8<-- [start:validate]
# what FastAPI does with the returned object
print("revalidate_instances:", Hero.model_config.get("revalidate_instances"))
#> revalidate_instances: None
with Session(engine) as session:
    hero = Hero(name="Rusty-Man")
    session.add(hero)
    session.commit()
    statements.clear()
    as_hero = TypeAdapter(Hero).validate_python(hero, from_attributes=True)
    print("the same object:", as_hero is hero, statements)
    #> the same object: True []
    as_public = TypeAdapter(HeroPublic).validate_python(
        hero, from_attributes=True
    )
    print(repr(as_public), statements)
    #> HeroPublic(name='Rusty-Man', id=7) ['SELECT']
# --8<-- [end:validate]
engine.dispose()
