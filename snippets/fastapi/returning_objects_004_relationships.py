"""Returning ORM objects: a relationship in the response model is lazy-loaded
once per object, unless loaded in the query."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from guide_support import postgres_url
from pydantic import BaseModel, ConfigDict
from sqlalchemy import ForeignKey, String, create_engine, event, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    selectinload,
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
    posts: Mapped[list["Post"]] = relationship(order_by="Post.id")


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(50))


SessionLocal = sessionmaker()
statements: list[str] = []


def get_session() -> Iterator[Session]:
    with SessionLocal() as session:
        yield session


# --8<-- [end:setup]


# --8<-- [start:models]
class PostOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    title: str


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    name: str


class UserWithPosts(UserOut):
    posts: list[PostOut]


# --8<-- [end:models]


# --8<-- [start:app]
app = FastAPI()


@app.get("/users", response_model=list[UserWithPosts])
def users_lazy(session: Annotated[Session, Depends(get_session)]):
    return session.scalars(select(User).order_by(User.id)).all()


@app.get("/users-eager", response_model=list[UserWithPosts])
def users_eager(session: Annotated[Session, Depends(get_session)]):
    query = select(User).options(selectinload(User.posts)).order_by(User.id)
    return session.scalars(query).all()


@app.get("/users-brief", response_model=list[UserOut])
def users_brief(session: Annotated[Session, Depends(get_session)]):
    return session.scalars(select(User).order_by(User.id)).all()


# --8<-- [end:app]


sqlite = create_engine(
    "sqlite://",
    poolclass=StaticPool,
    connect_args={"check_same_thread": False},
)
for engine in (sqlite, create_engine(postgres_url())):
    Base.metadata.create_all(engine)
    SessionLocal.configure(bind=engine)
    with SessionLocal.begin() as session:
        for name in ("ada", "grace", "linus"):
            session.add(
                User(name=name, posts=[Post(title=f"{name}'s first post")])
            )

    @event.listens_for(engine, "before_cursor_execute")
    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(" ".join(statement.split()[:4]))

    print(f"--- {engine.dialect.name}")
    #> --- sqlite
    #> --- postgresql
    # --8<-- [start:run]
    client = TestClient(app)
    for path in ("/users", "/users-eager", "/users-brief"):
        statements.clear()
        response = client.get(path)
        print(path, response.status_code, response.json()[0])
        #> /users 200 {'name': 'ada', 'posts': [{'title': "ada's first post"}]}
        #> /users-eager 200 {'name': 'ada', 'posts': [{'title': "ada's first post"}]}
        #> /users-brief 200 {'name': 'ada'}
        #> /users 200 {'name': 'ada', 'posts': [{'title': "ada's first post"}]}
        #> /users-eager 200 {'name': 'ada', 'posts': [{'title': "ada's first post"}]}
        #> /users-brief 200 {'name': 'ada'}
        print(f"  {len(statements)} statements: {statements}")
        #>[2.1]   4 statements: ['SELECT users.id, users.name FROM', 'SELECT posts.id, posts.user_id, posts.title', 'SELECT posts.id, posts.user_id, posts.title', 'SELECT posts.id, posts.user_id, posts.title']
        #>[2.1]   2 statements: ['SELECT users.id, users.name FROM', 'SELECT posts.user_id, posts.id, posts.title']
        #>[2.0]   4 statements: ['SELECT users.id, users.name FROM', 'SELECT posts.id AS posts_id,', 'SELECT posts.id AS posts_id,', 'SELECT posts.id AS posts_id,']
        #>[2.0]   2 statements: ['SELECT users.id, users.name FROM', 'SELECT posts.user_id AS posts_user_id,']
        #>   1 statements: ['SELECT users.id, users.name FROM']
        #>[2.1]   4 statements: ['SELECT users.id, users.name FROM', 'SELECT posts.id, posts.user_id, posts.title', 'SELECT posts.id, posts.user_id, posts.title', 'SELECT posts.id, posts.user_id, posts.title']
        #>[2.1]   2 statements: ['SELECT users.id, users.name FROM', 'SELECT posts.user_id, posts.id, posts.title']
        #>[2.0]   4 statements: ['SELECT users.id, users.name FROM', 'SELECT posts.id AS posts_id,', 'SELECT posts.id AS posts_id,', 'SELECT posts.id AS posts_id,']
        #>[2.0]   2 statements: ['SELECT users.id, users.name FROM', 'SELECT posts.user_id AS posts_user_id,']
        #>   1 statements: ['SELECT users.id, users.name FROM']
    # --8<-- [end:run]
    engine.dispose()
