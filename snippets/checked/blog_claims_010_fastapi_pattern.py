"""Blog claims: post 3's "broken" endpoint builds its dict before the commit: no error, but id is None."""

import asyncio
from collections.abc import AsyncGenerator

from sqlalchemy import String
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(255))


engine = create_async_engine("sqlite+aiosqlite://")
BrokenSessionLocal = async_sessionmaker(engine)


# --8<-- [start:endpoint]
async def get_broken_session() -> AsyncGenerator[AsyncSession, None]:
    async with BrokenSessionLocal() as session:
        yield session
        await session.commit()


async def create_user_broken(name: str, session: AsyncSession) -> dict:
    user = User(name=name, email=f"{name}@example.com")
    session.add(user)
    return {"id": user.id, "name": user.name}


# What FastAPI does with a yield dependency: run it up to the yield, call the
# handler, then run the rest of the dependency (commit, close).
async def call_endpoint(name: str) -> dict:
    dependency = get_broken_session()
    session = await anext(dependency)
    response = await create_user_broken(name, session)
    await anext(dependency, None)
    return response


async def main() -> None:
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    print(await call_endpoint("ada"))
    #> {'id': None, 'name': 'ada'}
    await engine.dispose()


asyncio.run(main())
# --8<-- [end:endpoint]
