"""Blog claims: post 3's update_tenant_plan(), run as written on an
AsyncSession: merge() of a constructed object."""

import asyncio

from sqlalchemy import Integer, String, event, inspect
from sqlalchemy.ext.asyncio import (
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class Tenant(Base):
    __tablename__ = "tenants"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    plan: Mapped[str] = mapped_column(String(50))


# --8<-- [end:setup]


# --8<-- [start:as_written]
# Simulating a detached object retrieved from application cache
cached_tenant = Tenant(id=7, name="Acme Corp", plan="enterprise")


async def update_tenant_plan(
    session: AsyncSession, cached_obj: Tenant, new_plan: str
) -> Tenant:
    merged = await session.merge(cached_obj)
    merged.plan = new_plan
    await session.commit()
    return merged


# --8<-- [end:as_written]


async def main() -> None:
    engine = create_async_engine("sqlite+aiosqlite://")
    statements: list[str] = []

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(f"{' '.join(statement.split())} {parameters}")

    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with AsyncSession(engine) as session:
        session.add(Tenant(id=7, name="Acme Corp", plan="basic"))
        await session.commit()

    # --8<-- [start:run]
    print(
        f"before: {inspect(cached_tenant).transient=} "
        f"{inspect(cached_tenant).detached=}"
    )
    #> before: inspect(cached_tenant).transient=True inspect(cached_tenant).detached=False
    SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
    statements.clear()
    async with SessionLocal() as session:
        merged = await update_tenant_plan(session, cached_tenant, "premium")
    for sql in statements:
        print(sql)
        #>[2.1] SELECT tenants.id, tenants.name, tenants."plan" FROM tenants WHERE tenants.id = ? (7,)
        #>[2.0] SELECT tenants.id AS tenants_id, tenants.name AS tenants_name, tenants."plan" AS tenants_plan FROM tenants WHERE tenants.id = ? (7,)
        #> UPDATE tenants SET "plan"=? WHERE tenants.id = ? ('premium', 7)
    print(f"{merged.plan=} {inspect(merged).detached=}")
    #> merged.plan='premium' inspect(merged).detached=True
    print(
        f"{cached_tenant.plan=} {inspect(cached_tenant).transient=} "
        f"{inspect(cached_tenant).detached=}"
    )
    #> cached_tenant.plan='enterprise' inspect(cached_tenant).transient=True inspect(cached_tenant).detached=False
    # --8<-- [end:run]
    await engine.dispose()


asyncio.run(main())
