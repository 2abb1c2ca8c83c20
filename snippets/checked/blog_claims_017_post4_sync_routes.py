"""Blog claims: post 4's get_db and item routes in real FastAPI: when a
background task can still lazy-load."""

from fastapi import BackgroundTasks, Depends, FastAPI, Request
from fastapi.testclient import TestClient
from guide_support import postgres_url
from sqlalchemy import ForeignKey, String, create_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    sessionmaker,
)
from sqlalchemy.orm.exc import DetachedInstanceError


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class Owner(Base):
    __tablename__ = "owners"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id"))
    owner: Mapped[Owner] = relationship()  # lazy: loaded on first access


engine = create_engine(postgres_url())
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(Item(id=1, name="chair", owner=Owner(id=1, name="ada")))
    setup.commit()
SessionLocal = sessionmaker(bind=engine)
seen: list[str] = []


def make_app(dependency: dict) -> FastAPI:
    app = FastAPI()
    # --8<-- [end:setup]

    # --8<-- [start:app]
    def get_db(request: Request):  # the post's "corrected pattern"
        db = SessionLocal()
        try:
            yield db
        finally:
            db.close()

    # {} or {"scope": "function"}
    db_dependency = Depends(get_db, **dependency)

    # a background task, as in the post's comment
    def read_owner_later(item: Item) -> None:
        try:
            seen.append(f"item.owner.name={item.owner.name!r}")
        except DetachedInstanceError as exc:
            seen.append(f"{type(exc).__name__}: {str(exc).split(';')[0]}")

    @app.get("/items/{item_id}")
    async def read_item(
        item_id: int,
        background_tasks: BackgroundTasks,
        db: Session = db_dependency,
    ):
        item = db.query(Item).filter(Item.id == item_id).first()
        background_tasks.add_task(read_owner_later, item)
        return item

    @app.get("/items/{item_id}/detached")
    async def get_detached_item(item_id: int, db: Session = db_dependency):
        item = db.query(Item).filter(Item.id == item_id).first()
        db.expunge(item)  # Explicitly detach the item from the session
        return item

    # --8<-- [end:app]

    return app


# --8<-- [start:run]
for dependency in ({}, {"scope": "function"}):
    client = TestClient(make_app(dependency))
    seen.clear()
    response = client.get("/items/1")
    print(f"Depends(get_db, **{dependency})")
    #> Depends(get_db, **{})
    #> Depends(get_db, **{'scope': 'function'})
    body = dict(sorted(response.json().items()))
    print(
        f"  /items/1          {response.status_code} {body} background: "
        f"{seen}"
    )
    #>   /items/1          200 {'id': 1, 'name': 'chair', 'owner_id': 1} background: ["item.owner.name='ada'"]
    #>   /items/1          200 {'id': 1, 'name': 'chair', 'owner_id': 1} background: ['DetachedInstanceError: Parent instance <Item at 0x7fa4a52171d0> is not bound to a Session']
    response = client.get("/items/1/detached")
    body = dict(sorted(response.json().items()))
    print(f"  /items/1/detached {response.status_code} {body}")
    #>   /items/1/detached 200 {'id': 1, 'name': 'chair', 'owner_id': 1}
    #>   /items/1/detached 200 {'id': 1, 'name': 'chair', 'owner_id': 1}
# --8<-- [end:run]
engine.dispose()
