"""Blog claims: merge() copies a detached (or transient) object's state into a persistent copy."""

from sqlalchemy import String, create_engine, event, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


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

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


# --8<-- [start:post2]
session = SessionLocal()
user = session.scalars(select(User)).first()
detached_user = user
detached_user.name = "Updated Name"  # changed while still attached, never flushed
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

# --8<-- [start:post3]
cached_tenant = Tenant(id=7, name="Acme Corp", plan="enterprise")
print(f"{inspect(cached_tenant).transient=}")
#> inspect(cached_tenant).transient=True

statements.clear()
with SessionLocal(expire_on_commit=False) as session:
    merged = session.merge(cached_tenant)
    merged.plan = "premium"
    session.commit()
for sql in statements:
    print(sql)
    #>[2.1] SELECT tenants.id, tenants.name, tenants."plan"
    #>[2.0] SELECT tenants.id AS tenants_id, tenants.name AS tenants_name, tenants."plan" AS tenants_plan
    #> FROM tenants
    #> WHERE tenants.id = ? (7,)
    #> UPDATE tenants SET "plan"=? WHERE tenants.id = ? ('premium', 7)
print(f"{merged.plan=} {cached_tenant.plan=} {inspect(cached_tenant).transient=}")
#> merged.plan='premium' cached_tenant.plan='enterprise' inspect(cached_tenant).transient=True
# --8<-- [end:post3]

# --8<-- [start:add_cached]
cached_tenant = Tenant(id=7, name="Acme Corp", plan="enterprise")  # row 7 exists already
with SessionLocal() as session:
    session.add(cached_tenant)
    try:
        session.commit()
    except IntegrityError as exc:
        print(type(exc).__name__, str(exc).splitlines()[0])
        #> IntegrityError (sqlite3.IntegrityError) UNIQUE constraint failed: tenants.id
# --8<-- [end:add_cached]
