"""MissingGreenlet without an AsyncSession: an async driver's URL given to the
synchronous create_engine()."""

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

# --8<-- [start:sync_engine]
# an async driver, a sync engine
engine = create_engine("sqlite+aiosqlite://")
try:
    with Session(engine) as session:
        session.execute(text("SELECT 1"))
except Exception as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #>[2.1] sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/21/xd2s)
    #>[2.0] sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)

engine = create_engine("sqlite://")  # a sync driver for the sync engine
with Session(engine) as session:
    print(session.execute(text("SELECT 1")).scalar())
    #> 1
# --8<-- [end:sync_engine]
