"""Session dependency: a dependency that catches the endpoint's exception and
does not re-raise it. The client no longer gets the endpoint's answer."""

from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

engine = create_engine(
    "sqlite://",
    poolclass=StaticPool,
    connect_args={"check_same_thread": False},
)
app = FastAPI()


# --8<-- [start:swallow]
def get_session():
    with Session(engine) as session:
        try:
            yield session
        except Exception:
            session.rollback()  # and no `raise`: the exception stops here


@app.post("/users/{name}")
def create_user(name: str, session: Annotated[Session, Depends(get_session)]):
    raise HTTPException(status_code=409, detail="name taken")


# what the client gets (TestClient answers like a server here)
response = TestClient(app, raise_server_exceptions=False).post("/users/ada")
print(response.status_code, response.text)
#> 500 Internal Server Error

try:  # TestClient's default: an error in the app is raised in the test
    TestClient(app).post("/users/ada")
except Exception as exc:
    print(f"{type(exc).__name__}: {exc}")
    #> FastAPIError: Response not awaited. There's a high chance that the application code is raising an exception and a dependency with yield has a block with a bare except, or a block with except Exception, and is not raising the exception again. Read more about it in the docs: https://fastapi.tiangolo.com/tutorial/dependencies/dependencies-with-yield/#dependencies-with-yield-and-except
# --8<-- [end:swallow]
