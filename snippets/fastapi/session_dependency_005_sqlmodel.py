"""Session dependency with SQLModel: its Session is SQLAlchemy's with exec()
added; the defaults are the same."""

import warnings
from collections.abc import Iterator
from typing import Annotated

import sqlalchemy
import sqlalchemy.orm
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.pool import StaticPool
from sqlmodel import Field, Session, SQLModel, create_engine, select


# --8<-- [start:setup]
class Hero(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str


engine = create_engine(
    "sqlite://",
    poolclass=StaticPool,
    connect_args={"check_same_thread": False},
)
SQLModel.metadata.create_all(engine)
# --8<-- [end:setup]


# --8<-- [start:dependency]
def get_session() -> Iterator[Session]:
    with Session(engine) as session:  # sqlmodel.Session
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
app = FastAPI()


@app.post("/heroes/{name}")
def create_hero(name: str, session: SessionDep) -> dict[str, int]:
    session.add(Hero(name=name))
    session.commit()
    return {"heroes": len(session.exec(select(Hero)).all())}


# --8<-- [end:dependency]

client = TestClient(app)
print(client.post("/heroes/ada").json(), client.post("/heroes/grace").json())
#> {'heroes': 1} {'heroes': 2}

# --8<-- [start:same_session]
print([cls.__module__ + "." + cls.__name__ for cls in Session.__mro__[:2]])
#> ['sqlmodel.orm.session.Session', 'sqlalchemy.orm.session.Session']
print(
    "own methods:", sorted(n for n in vars(Session) if not n.startswith("_"))
)
#> own methods: ['exec', 'execute', 'query']
print("same __init__:", Session.__init__ is sqlalchemy.orm.Session.__init__)
#> same __init__: True
print("same create_engine:", create_engine is sqlalchemy.create_engine)
#> same create_engine: True
settings = (
    "expire_on_commit",
    "autoflush",
    "autobegin",
    "join_transaction_mode",
)
with (
    Session(engine) as sqlmodel_session,
    sqlalchemy.orm.Session(engine) as plain,
):
    for name in settings:
        print(
            f"{name}: {getattr(sqlmodel_session, name)!r} "
            f"{getattr(plain, name)!r}"
        )
        #> expire_on_commit: True True
        #> autoflush: True True
        #> autobegin: True True
        #> join_transaction_mode: 'conditional_savepoint' 'conditional_savepoint'
# --8<-- [end:same_session]

# --8<-- [start:exec]
with Session(engine) as session:
    print(type(select(Hero)).__name__, type(sqlalchemy.select(Hero)).__name__)
    #> SelectOfScalar Select
    first = session.exec(select(Hero).order_by(Hero.id)).first()
    print(type(first).__name__, first.name)
    #> Hero ada
    row = session.exec(sqlalchemy.select(Hero).order_by(Hero.id)).first()
    print(type(row).__name__, [type(item).__name__ for item in row])
    #> Row ['Hero']
    row = session.execute(select(Hero).order_by(Hero.id)).first()
    print(type(row).__name__, [type(item).__name__ for item in row])
    #> Row ['Hero']
    print(session.exec(select(Hero.id, Hero.name).order_by(Hero.id)).first())
    #> (1, 'ada')
    print(
        session.execute(select(Hero.id, Hero.name).order_by(Hero.id)).first()
    )
    #> (1, 'ada')
    print("marked deprecated:", hasattr(Session.execute, "__deprecated__"))
    #> marked deprecated: True
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        session.execute(select(Hero)).scalars().all()
        print("execute():", [w.category.__name__ for w in caught])
        #> execute(): []
        session.query(Hero).all()
        print("query():", [w.category.__name__ for w in caught])
        #> query(): ['DeprecationWarning']
# --8<-- [end:exec]

# --8<-- [start:expiry]
statements: list[str] = []


@sqlalchemy.event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(statement.split()[0])


with Session(engine) as session:
    hero = session.exec(select(Hero).where(Hero.name == "ada")).one()
    hero.name = "Ada"
    session.commit()
    statements.clear()
    print("__dict__ keys:", sorted(vars(hero)))
    #> __dict__ keys: ['_sa_instance_state']
    print(f"{sqlalchemy.inspect(hero).expired=} {hero.model_dump()=}")
    #> sqlalchemy.inspect(hero).expired=True hero.model_dump()={}
    print(f"{statements=}")
    #> statements=[]
    print(f"{hero.name=} {sorted(hero.model_dump().items())=}")
    #> hero.name='Ada' sorted(hero.model_dump().items())=[('id', 1), ('name', 'Ada')]
    print(f"{statements=}")
    #> statements=['SELECT']
# --8<-- [end:expiry]
engine.dispose()
