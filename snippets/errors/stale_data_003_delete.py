"""StaleDataError on DELETE: only with version_id_col; without it the vanished
row is a warning."""

import warnings

from guide_support import postgres_url
from sqlalchemy import String, create_engine, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import StaleDataError


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column()
    __mapper_args__ = {"version_id_col": version}


engine = create_engine(postgres_url())
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add_all([User(id=1, name="ada"), Document(id=1, body="draft")])
    setup.commit()

session = Session(engine)
user = session.get(User, 1)
doc = session.get(Document, 1)
with engine.begin() as other:  # another transaction deletes both rows
    other.execute(text("DELETE FROM users"))
    other.execute(text("DELETE FROM documents"))
# --8<-- [end:setup]

# --8<-- [start:plain]
session.delete(user)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    session.flush()  # no exception
for w in caught:
    print(f"{w.category.__module__}.{w.category.__name__}: {w.message}")
    #> sqlalchemy.exc.SAWarning: DELETE statement on table 'users' expected to delete 1 row(s); 0 were matched.  Please set confirm_deleted_rows=False within the mapper configuration to prevent this warning.
# --8<-- [end:plain]

# --8<-- [start:versioned]
session.delete(doc)
try:
    session.flush()
except StaleDataError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.orm.exc.StaleDataError: DELETE statement on table 'documents' expected to delete 1 row(s); 0 were matched.  Please set confirm_deleted_rows=False within the mapper configuration to prevent this warning.
# --8<-- [end:versioned]
session.rollback()
session.close()
engine.dispose()
