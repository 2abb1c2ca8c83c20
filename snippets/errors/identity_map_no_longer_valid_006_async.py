"""Identity map no longer valid: AsyncSession.scalars() and execute()
prebuffer their rows, so the same code works after close."""

import asyncio

from sqlalchemy import String, select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


async def main():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with AsyncSession(engine) as setup:
        setup.add_all(
            [User(name="ada"), User(name="grace"), User(name="linus")]
        )
        await setup.commit()

    # --8<-- [start:async]
    async with AsyncSession(engine) as session:
        # AsyncSession adds prebuffer_rows=True
        users = await session.scalars(select(User))
    print([user.name for user in users])
    #> ['ada', 'grace', 'linus']
    async with AsyncSession(engine) as session:
        result = await session.execute(select(User))  # the same for execute()
    print([row.User.name for row in result])
    #> ['ada', 'grace', 'linus']
    # --8<-- [end:async]
    await engine.dispose()


asyncio.run(main())
