"""Blog claims: post 3's expire(product, ["price"]) in an AsyncSession raises
on the next read; refresh() with the name works."""

import asyncio
import gc
import warnings
from decimal import Decimal

from guide_support import postgres_url
from sqlalchemy import Integer, Numeric, String, event, inspect, make_url
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# On 2.1 with aiosqlite, the failed read leaves an un-awaited coroutine behind
# (a RuntimeWarning at garbage collection; see docs/async/implicit-io.md).
warnings.filterwarnings(
    "ignore",
    "coroutine 'Connection.cursor' was never awaited",
    RuntimeWarning,
)


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    price: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    stock_count: Mapped[int] = mapped_column(Integer)


# --8<-- [end:setup]


# --8<-- [start:as_written]
async def get_fresh_price(session: AsyncSession, product_id: int) -> Decimal:
    product = await session.get(Product, product_id)
    if product is None:
        raise ValueError(f"Product {product_id} not found")
    session.expire(product, ["price"])  # the post's code from here on
    print(
        f"after expire(): {sorted(inspect(product).expired_attributes)} new "
        f"SQL: {statements[1:]}"
    )
    #> after expire(): ['price'] new SQL: []
    #> after expire(): ['price'] new SQL: []
    return product.price


# --8<-- [end:as_written]


# --8<-- [start:fixed]
async def get_fresh_price_fixed(
    session: AsyncSession, product_id: int
) -> Decimal:
    product = await session.get(Product, product_id)
    # reloads the one column, awaited
    await session.refresh(product, ["price"])
    return product.price


# --8<-- [end:fixed]


statements: list[str] = []


async def main(url: str) -> None:
    engine = create_async_engine(url)

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(" ".join(statement.split()))

    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with AsyncSession(engine) as session:
        session.add(
            Product(id=1, name="lamp", price=Decimal("9.50"), stock_count=3)
        )
        await session.commit()

    # --8<-- [start:run]
    for function in (get_fresh_price, get_fresh_price_fixed):
        async with AsyncSession(engine) as session:
            statements.clear()
            try:
                price = await function(session, 1)
                # after the get()
                print(f"{function.__name__}: {price=} {statements[1:]}")
                #> get_fresh_price_fixed: price=Decimal('9.50') ['SELECT products.price FROM products WHERE products.id = ?']
                #> get_fresh_price_fixed: price=Decimal('9.50') ['SELECT products.price FROM products WHERE products.id = $1::INTEGER']
            except (MissingGreenlet, StatementError) as exc:
                print(
                    f"{function.__name__}: {type(exc).__name__}: "
                    f"{str(exc).splitlines()[0]}"
                )
                #>[2.1] get_fresh_price: StatementError: (sqlalchemy.exc.MissingGreenlet) greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place?
                #>[2.1] get_fresh_price: MissingGreenlet: greenlet_spawn has not been called; can't call await_() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/21/xd2s)
                #>[2.0] get_fresh_price: MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
                #>[2.0] get_fresh_price: MissingGreenlet: greenlet_spawn has not been called; can't call await_only() here. Was IO attempted in an unexpected place? (Background on this error at: https://sqlalche.me/e/20/xd2s)
    # --8<-- [end:run]
    await engine.dispose()


for url in ("sqlite+aiosqlite://", postgres_url("async")):
    print(f"--- {make_url(url).drivername}")
    #> --- sqlite+aiosqlite
    #> --- postgresql+asyncpg
    asyncio.run(main(url))
# collect the un-awaited coroutine while the filter above still applies
gc.collect()
