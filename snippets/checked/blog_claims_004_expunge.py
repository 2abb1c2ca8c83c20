"""Blog claims: expunge() detaches a persistent object (keeping its key and
values) but makes a pending one transient."""

from sqlalchemy import String, create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(Item(id=1, name="chair"))
    setup.commit()
# --8<-- [end:setup]

# --8<-- [start:expunge]
with Session(engine) as db:
    item = db.get(Item, 1)
    db.expunge(item)
    print(f"{inspect(item).detached=} {inspect(item).key=} {item.name=}")
    #> inspect(item).detached=True inspect(item).key=(<class '__main__.Item'>, (1,), None) item.name='chair'

    new_item = Item(name="table")
    db.add(new_item)
    db.expunge(new_item)
    print(f"{inspect(new_item).detached=} {inspect(new_item).transient=}")
    #> inspect(new_item).detached=False inspect(new_item).transient=True
# --8<-- [end:expunge]

# --8<-- [start:other_ways]
with Session(engine) as setup:
    setup.add(Item(id=2, name="desk"))
    setup.commit()

with Session(engine) as db:
    doomed = db.get(Item, 1)
    db.delete(doomed)
    db.commit()  # a deleted object is detached by the commit
    print(f"after delete + commit: {inspect(doomed).detached=}")
    #> after delete + commit: inspect(doomed).detached=True

    desk = db.get(Item, 2)
    db.expunge_all()  # what close() does to every object
    print(f"after expunge_all():   {inspect(desk).detached=}")
    #> after expunge_all():   inspect(desk).detached=True

    pending = Item(name="stool")
    db.add(pending)
    db.rollback()  # a pending object goes back to transient
    print(f"after add + rollback:  {inspect(pending).transient=}")
    #> after add + rollback:  inspect(pending).transient=True
# --8<-- [end:other_ways]
