"""Returning SQLModel objects: a Relationship field in the response model,
read inside or outside the session."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.exceptions import ResponseValidationError
from fastapi.testclient import TestClient
from sqlalchemy import event, inspect
from sqlalchemy.orm import RelationshipProperty, selectinload
from sqlalchemy.pool import StaticPool
from sqlmodel import (
    Field,
    Relationship,
    Session,
    SQLModel,
    create_engine,
    select,
)


# --8<-- [start:models]
class Team(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    heroes: list["Hero"] = Relationship(back_populates="team")


class Hero(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    team_id: int | None = Field(default=None, foreign_key="team.id")
    team: Team | None = Relationship(back_populates="heroes")


class TeamPublic(SQLModel):
    id: int
    name: str


class HeroPublicWithTeam(SQLModel):
    id: int
    name: str
    team: TeamPublic | None = None


# --8<-- [end:models]

# --8<-- [start:fields]
relationship = inspect(Hero).relationships["team"]
print(isinstance(relationship, RelationshipProperty), relationship.lazy)
#> True select
print("Pydantic fields of Hero:", list(Hero.model_fields))
#> Pydantic fields of Hero: ['id', 'name', 'team_id']
# --8<-- [end:fields]


# --8<-- [start:setup_app]
engine = create_engine(
    "sqlite://",
    poolclass=StaticPool,
    connect_args={"check_same_thread": False},
)
SQLModel.metadata.create_all(engine)


def get_session() -> Iterator[Session]:
    with Session(engine) as session:
        yield session


# --8<-- [end:setup_app]


# --8<-- [start:app]
app = FastAPI()


@app.get("/heroes", response_model=list[HeroPublicWithTeam])
def heroes_in_dependency(session: Annotated[Session, Depends(get_session)]):
    # read while the session is open
    return session.exec(select(Hero).order_by(Hero.id)).all()


@app.get("/heroes-closed", response_model=list[HeroPublicWithTeam])
def heroes_closed():
    with Session(engine) as session:
        # closed before FastAPI reads
        return session.exec(select(Hero).order_by(Hero.id)).all()


@app.get("/heroes-eager", response_model=list[HeroPublicWithTeam])
def heroes_eager():
    with Session(engine) as session:
        query = (
            select(Hero).options(selectinload(Hero.team)).order_by(Hero.id)
        )
        return session.exec(query).all()


# the table model as response model
@app.get("/heroes-table", response_model=list[Hero])
def heroes_table(session: Annotated[Session, Depends(get_session)]):
    return session.exec(select(Hero).order_by(Hero.id)).all()


# --8<-- [end:app]


# --8<-- [start:data]
with Session(engine) as session:
    preventers, z_force = Team(name="Preventers"), Team(name="Z-Force")
    for name, team in (
        ("Deadpond", z_force),
        ("Rusty-Man", preventers),
        ("Tarantula", None),
        ("Spider-Boy", z_force),  # a second hero of the same team
    ):
        session.add(Hero(name=name, team=team))
    session.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    words = statement.split()
    statements.append(f"SELECT ... FROM {words[words.index('FROM') + 1]}")


# --8<-- [end:data]


# --8<-- [start:run]
client = TestClient(app)
for path in ("/heroes", "/heroes-closed", "/heroes-eager", "/heroes-table"):
    statements.clear()
    try:
        response = client.get(path)
        # key order varies run to run
        first = dict(sorted(response.json()[0].items()))
        print(path, response.status_code, len(response.json()), "heroes")
        #> /heroes 200 4 heroes
        #> /heroes-eager 200 4 heroes
        #> /heroes-table 200 4 heroes
        print(" ", first)
        #>   {'id': 1, 'name': 'Deadpond', 'team': {'id': 1, 'name': 'Z-Force'}}
        #>   {'id': 1, 'name': 'Deadpond', 'team': {'id': 1, 'name': 'Z-Force'}}
        #>   {'id': 1, 'name': 'Deadpond', 'team_id': 1}
        print(f"  {len(statements)} statements: {statements}")
        #>   3 statements: ['SELECT ... FROM hero', 'SELECT ... FROM team', 'SELECT ... FROM team']
        #>   2 statements: ['SELECT ... FROM hero', 'SELECT ... FROM team']
        #>   1 statements: ['SELECT ... FROM hero']
    except ResponseValidationError as exc:
        error = exc.errors()[0]
        print(path, type(exc).__name__, error["type"], error["loc"])
        #> /heroes-closed ResponseValidationError get_attribute_error ('response', 0, 'team')
        print(" ", error["msg"])
        #>   Error extracting attribute: DetachedInstanceError: Parent instance <Hero at 0x7fddbfbe8c80> is not bound to a Session; lazy load operation of attribute 'team' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
        # what the client gets when the error is not re-raised
        server = TestClient(app, raise_server_exceptions=False)
        print(" ", server.get(path).status_code)
        #>   500
# --8<-- [end:run]
engine.dispose()
