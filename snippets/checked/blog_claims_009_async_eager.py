"""Blog claims: selectinload() before an async commit does not survive the
commit."""

import asyncio
import gc
import warnings

from sqlalchemy import ForeignKey, select
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    relationship,
    selectinload,
)
from sqlalchemy.orm.exc import DetachedInstanceError


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    items: Mapped[list["Item"]] = relationship()


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))


# On 2.1 with aiosqlite, the failed read leaves an un-awaited coroutine behind
# (a RuntimeWarning at garbage collection; see docs/async/implicit-io.md).
warnings.filterwarnings(
    "ignore",
    "coroutine 'Connection.cursor' was never awaited",
    RuntimeWarning,
)

engine = create_async_engine("sqlite+aiosqlite://")
# expire_on_commit=True, the default
SessionLocal = async_sessionmaker(engine)


async def setup() -> None:
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with SessionLocal() as session:
        session.add(Order(id=1, items=[Item(id=1), Item(id=2)]))
        await session.commit()


# --8<-- [end:setup]


# --8<-- [start:fix2]
async def get_order_with_items(session, order_id: int) -> Order:
    stmt = (
        select(Order)
        .where(Order.id == order_id)
        .options(selectinload(Order.items))
    )
    order = (await session.execute(stmt)).scalar_one()
    print(f"before commit: {len(order.items)=}")
    #> before commit: len(order.items)=2
    #> before commit: len(order.items)=2
    await session.commit()
    return order


async def main() -> None:
    await setup()
    async with SessionLocal() as session:
        order = await get_order_with_items(session, 1)
        try:
            order.items  # the session is still open
        except (MissingGreenlet, StatementError) as exc:
            print(type(exc).__name__, exc)
            #>[2.1] StatementError (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
            #>[2.1] [SQL: SELECT orders.id
            #>[2.1] FROM orders
            #>[2.1] WHERE orders.id = ?]
            #>[2.1] [parameters: [{'pk_1': 1}]]
            #>[2.1] (Background on this error at: https://sqlalche.me/e/21/xd2s)
            #>[2.0] MissingGreenlet greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
            print(f"{isinstance(exc, MissingGreenlet)=}")
            #>[2.1] isinstance(exc, MissingGreenlet)=False
            #>[2.0] isinstance(exc, MissingGreenlet)=True
    try:
        order.items  # the session is closed
    except DetachedInstanceError as exc:
        print(type(exc).__name__, exc)
        #> DetachedInstanceError Parent instance <Order at 0x7f9cc73b76d0> is not bound to a Session; lazy load operation of attribute 'items' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
    # --8<-- [end:fix2]
    # --8<-- [start:run_sync]
    async with SessionLocal() as session:
        order = await get_order_with_items(session, 1)
        count = await session.run_sync(lambda sync_session: len(order.items))
        print(f"loaded through run_sync(): {count=}")
        #> loaded through run_sync(): count=2
    # --8<-- [end:run_sync]
    await engine.dispose()


asyncio.run(main())
# collect the un-awaited coroutine while the filter above still applies
gc.collect()
