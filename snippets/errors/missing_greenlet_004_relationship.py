"""MissingGreenlet on a lazy relationship; fixes: selectinload(), or await
awaitable_attrs."""

import asyncio

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncAttrs,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    relationship,
    selectinload,
)


# --8<-- [start:setup]
# AsyncAttrs adds obj.awaitable_attrs
class Base(AsyncAttrs, DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    posts: Mapped[list["Post"]] = relationship()


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(100))


async def main() -> None:
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    Session = async_sessionmaker(engine)
    async with Session() as session:
        session.add(User(id=1, name="ada", posts=[Post(title="notes")]))
        await session.commit()
    # --8<-- [end:setup]

    # --8<-- [start:lazy]
    async with Session() as session:
        user = await session.get(User, 1)
        try:
            print(user.posts)  # the lazy load is IO too
        except SQLAlchemyError as exc:  # catches it on 2.0 and 2.1
            print(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
            #>[2.1] StatementError: (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
            #>[2.0] MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
    # --8<-- [end:lazy]

    # --8<-- [start:selectinload]
    async with Session() as session:
        query = (
            select(User).where(User.id == 1).options(selectinload(User.posts))
        )
        user = (await session.scalars(query)).one()
        # loaded with the query: no IO here
        print([post.title for post in user.posts])
        #> ['notes']
    # --8<-- [end:selectinload]

    # --8<-- [start:awaitable_attrs]
    async with Session() as session:
        user = await session.get(User, 1)
        posts = await user.awaitable_attrs.posts  # the lazy load, awaited
        print([post.title for post in posts])
        #> ['notes']
    # --8<-- [end:awaitable_attrs]
    await engine.dispose()


asyncio.run(main())
