"""Session dependency: what a background task gets when it is handed the
request's object."""

from fastapi import BackgroundTasks, Depends, FastAPI
from fastapi.testclient import TestClient
from guide_support import postgres_url
from sqlalchemy import String, create_engine, inspect
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import StaticPool


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


seen: list[str] = []


def make_app(engine, dependency) -> FastAPI:
    app = FastAPI()
    # --8<-- [end:setup]

    # --8<-- [start:dependency]
    def get_session():
        with Session(engine) as session:
            yield session

    # {} or {"scope": "function"}
    session_dependency = Depends(get_session, **dependency)
    # --8<-- [end:dependency]

    # --8<-- [start:tasks]
    def task_with_object(user: User) -> None:
        state = "detached" if inspect(user).detached else "persistent"
        try:
            seen.append(f"object: {state}, name={user.name}")
        except SQLAlchemyError as exc:
            seen.append(f"object: {state}, {type(exc).__name__}")

    def task_with_id(user_id: int) -> None:
        # the task's own session and transaction
        with Session(engine) as session:
            user = session.get(User, user_id)
            seen.append(f"id: name={user.name}")

    # --8<-- [end:tasks]

    # --8<-- [start:endpoint]
    @app.post("/users")
    def create_user(
        background_tasks: BackgroundTasks,
        session: Session = session_dependency,
    ):
        user = User(name="ada")
        session.add(user)
        session.flush()
        user_id = user.id
        session.commit()  # expires user: its next read needs a session
        background_tasks.add_task(task_with_object, user)
        background_tasks.add_task(task_with_id, user_id)
        return {"id": user_id}

    # --8<-- [end:endpoint]

    return app


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
    for dependency in ({}, {"scope": "function"}):
        seen.clear()
        TestClient(make_app(engine, dependency)).post("/users")
        print(f"{backend:10} {str(dependency):21} {seen}")
        #> sqlite     {}                    ['object: persistent, name=ada', 'id: name=ada']
        #> sqlite     {'scope': 'function'} ['object: detached, DetachedInstanceError', 'id: name=ada']
        #> postgresql {}                    ['object: persistent, name=ada', 'id: name=ada']
        #> postgresql {'scope': 'function'} ['object: detached, DetachedInstanceError', 'id: name=ada']
    engine.dispose()
# --8<-- [end:run]
