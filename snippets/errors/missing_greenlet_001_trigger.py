"""MissingGreenlet: an AsyncSession object reads an expired attribute, which
needs IO that cannot be awaited."""

import asyncio

from sqlalchemy import String
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


async def main() -> None:
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    Session = async_sessionmaker(engine)
    # --8<-- [end:setup]

    # --8<-- [start:trigger]
    async with Session() as session:
        user = User(id=1, name="ada")
        session.add(user)
        await session.commit()  # expires user.name
        try:
            # a plain attribute read cannot await the SELECT it needs
            print(user.name)
        # the class differs by version and driver: see below
        except Exception as exc:
            print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
            #>[2.1] sqlalchemy.exc.StatementError: (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
            #>[2.1] [SQL: SELECT users.id, users.name
            #>[2.1] FROM users
            #>[2.1] WHERE users.id = ?]
            #>[2.1] [parameters: [{'pk_1': 1}]]
            #>[2.1] (Background on this error at: https://sqlalche.me/e/21/xd2s)
            #>[2.0] sqlalchemy.exc.MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
    # --8<-- [end:trigger]

    # --8<-- [start:run_sync]
    async with Session() as session:
        user = await session.get(User, 1)
        await session.commit()  # expires user.name again
        # the same read, inside an awaited call: run_sync() runs it in a
        # greenlet, where the SELECT can be awaited for it
        name = await session.run_sync(lambda sync_session: user.name)
        print(f"{name=}")
        #> name='ada'
    # --8<-- [end:run_sync]
    await engine.dispose()


asyncio.run(main())
