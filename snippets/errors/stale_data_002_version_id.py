"""StaleDataError on purpose: without a version column the last writer wins;
version_id_col turns that lost update into this error."""

from guide_support import postgres_url
from sqlalchemy import String, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import StaleDataError


class Base(DeclarativeBase):
    pass


# --8<-- [start:models]
class Document(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column()

    # SQLAlchemy counts 1, 2, 3, ...
    __mapper_args__ = {"version_id_col": version}


# --8<-- [end:models]


# --8<-- [start:setup_last_writer]
class Note(Base):  # the same columns, no version counter
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(String(200))


engine = create_engine(postgres_url())
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(Document(id=1, body="draft"))
    setup.add(Note(id=1, body="draft"))
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


# --8<-- [end:setup_last_writer]


# --8<-- [start:last_writer]
alice = Session(engine)
bob = Session(engine)
note_a = alice.get(Note, 1)
note_b = bob.get(Note, 1)
note_a.body = "alice's edit"
alice.commit()
# based on the draft; alice's edit is overwritten silently
note_b.body = "bob's edit"
bob.commit()
with Session(engine) as check:
    print(check.get(Note, 1).body)
    #> bob's edit
alice.close()
bob.close()
# --8<-- [end:last_writer]

# --8<-- [start:conflict]
alice = Session(engine)
bob = Session(engine)
doc_a = alice.get(Document, 1)
doc_b = bob.get(Document, 1)
print(f"{doc_a.version=} {doc_b.version=}")
#> doc_a.version=1 doc_b.version=1

doc_a.body = "alice's edit"
alice.commit()  # the row is now at version 2

doc_b.body = "bob's edit"  # bob still holds version 1
statements.clear()
try:
    bob.commit()
except StaleDataError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.orm.exc.StaleDataError: UPDATE statement on table 'documents' expected to update 1 row(s); 0 were matched.
for sql in statements:
    print(sql)
    #> UPDATE documents SET body=%(body)s::VARCHAR, version=%(version)s::INTEGER WHERE documents.id = %(documents_id)s::INTEGER AND documents.version = %(documents_version)s::INTEGER {'body': "bob's edit", 'version': 2, 'documents_id': 1, 'documents_version': 1}
# --8<-- [end:conflict]

# --8<-- [start:retry]
# the failed flush ends bob's transaction; rollback expires doc_b
bob.rollback()
print(f"{doc_b.version=} {doc_b.body=}")  # reloaded: alice's row
#> doc_b.version=2 doc_b.body="alice's edit"
# re-apply the change to what is there now
doc_b.body = doc_b.body + " + bob's edit"
bob.commit()
print(f"{doc_b.version=} {doc_b.body=}")
#> doc_b.version=3 doc_b.body="alice's edit + bob's edit"
# --8<-- [end:retry]
alice.close()
bob.close()
engine.dispose()
