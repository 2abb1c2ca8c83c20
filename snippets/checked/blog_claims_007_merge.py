"""Blog claims: merge() copies a detached object's change into a persistent
copy; add() of a rebuilt object fails."""

from sqlalchemy import String, create_engine, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    sessionmaker,
)


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


class Tenant(Base):
    __tablename__ = "tenants"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    plan: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada"))
    setup.add(Tenant(id=7, name="Acme Corp", plan="basic"))
    setup.commit()
SessionLocal = sessionmaker(bind=engine)
# --8<-- [end:setup]

# --8<-- [start:post2]
session = SessionLocal()
user = session.scalars(select(User)).first()
detached_user = user
# changed while still attached, never flushed
detached_user.name = "Updated Name"
session.close()

session = SessionLocal()
merged_user = session.merge(detached_user)
session.commit()
print(f"{merged_user.name=} {(merged_user is detached_user)=}")
#> merged_user.name='Updated Name' (merged_user is detached_user)=False
print(session.scalar(select(User.name).where(User.id == 1)))
#> Updated Name
print(f"{inspect(detached_user).detached=}")
#> inspect(detached_user).detached=True
session.close()
# --8<-- [end:post2]


# --8<-- [start:add_cached]
# row 7 exists already
cached_tenant = Tenant(id=7, name="Acme Corp", plan="enterprise")
with SessionLocal() as session:
    session.add(cached_tenant)
    try:
        session.commit()
    except IntegrityError as exc:
        print(type(exc).__name__, str(exc).splitlines()[0])
        #> IntegrityError (sqlite3.IntegrityError) UNIQUE constraint failed: tenants.id
# --8<-- [end:add_cached]
