"""Blog claims: concurrent updates without a version column overwrite
silently; with one, StaleDataError."""

from guide_support import postgres_url
from sqlalchemy import Integer, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import ConcurrentModificationError, StaleDataError


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


# --8<-- [start:versioned_model]
class Doc(Base):
    __tablename__ = "docs"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(50))
    version: Mapped[int] = mapped_column(Integer)
    __mapper_args__ = {"version_id_col": version}


# --8<-- [end:versioned_model]


# --8<-- [start:setup_alias]
engine = create_engine(postgres_url())
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add_all([Item(id=1, name="chair"), Doc(id=1, title="draft")])
    setup.commit()
# --8<-- [end:setup_alias]

# --8<-- [start:alias]
print(f"{(ConcurrentModificationError is StaleDataError)=}")
#> (ConcurrentModificationError is StaleDataError)=True
# --8<-- [end:alias]

# --8<-- [start:lost_update]
with Session(engine) as request_a, Session(engine) as request_b:
    # PostgreSQL's default
    print(request_a.connection().get_isolation_level())
    #> READ COMMITTED
    a = request_a.get(Item, 1)
    b = request_b.get(Item, 1)
    a.name = "armchair"
    request_a.commit()
    b.name = "stool"  # b still holds the old row
    request_b.commit()  # no error: the first update is overwritten
with Session(engine) as check:
    print(check.scalar(select(Item.name).where(Item.id == 1)))
    #> stool
# --8<-- [end:lost_update]

# --8<-- [start:versioned]
with Session(engine) as request_a, Session(engine) as request_b:
    a = request_a.get(Doc, 1)
    b = request_b.get(Doc, 1)
    a.title = "final"
    request_a.commit()
    b.title = "other"
    try:
        request_b.commit()
    except StaleDataError as exc:
        print(type(exc).__name__, exc)
        #> StaleDataError UPDATE statement on table 'docs' expected to update 1 row(s); 0 were matched.
# --8<-- [end:versioned]

# --8<-- [start:stale_read]
with Session(engine, expire_on_commit=False) as long_lived:
    doc = long_lived.get(Doc, 1)
    long_lived.commit()
    with Session(engine) as other_process:
        other_process.get(Doc, 1).title = "changed elsewhere"
        other_process.commit()
    print(f"{doc.title=}")  # still the value read before the commit
    #> doc.title='final'
    long_lived.refresh(doc)
    print(f"{doc.title=}")
    #> doc.title='changed elsewhere'
# --8<-- [end:stale_read]
engine.dispose()
