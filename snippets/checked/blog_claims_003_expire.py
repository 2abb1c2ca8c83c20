"""Blog claims: expire() keeps an object persistent and sends no SQL; the next
read reloads; refresh() reloads now."""

from decimal import Decimal

from sqlalchemy import Numeric, String, create_engine, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    price: Mapped[Decimal] = mapped_column(Numeric(10, 2))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(Product(id=1, name="lamp", price=Decimal("9.50")))
    setup.commit()

statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    statements.append(f"{statement} {parameters}")


session = Session(engine)
product = session.get(Product, 1)
# --8<-- [end:setup]

# --8<-- [start:expire_state]
statements.clear()
session.expire(product)
print(
    f"{inspect(product).persistent=} {inspect(product).detached=} "
    f"{statements=}"
)
#> inspect(product).persistent=True inspect(product).detached=False statements=[]
print(f"{product.name=}")  # the read reloads
#> product.name='lamp'
for sql in statements:
    print(sql)
    #>[2.1] SELECT products.id, products.name, products.price
    #>[2.0] SELECT products.id AS products_id, products.name AS products_name, products.price AS products_price
    #> FROM products
    #> WHERE products.id = ? (1,)
# --8<-- [end:expire_state]

# --8<-- [start:expire_one]
statements.clear()
session.expire(product, ["price"])
print(f"{product.price=}")
#> product.price=Decimal('9.50')
for sql in statements:
    print(sql)
    #>[2.1] SELECT products.price
    #>[2.0] SELECT products.price AS products_price
    #> FROM products
    #> WHERE products.id = ? (1,)
# --8<-- [end:expire_one]

# --8<-- [start:refresh]
statements.clear()
session.refresh(product)
print(f"{len(statements)=}")
#> len(statements)=1
for sql in statements:
    print(sql)
    #> SELECT products.id, products.name, products.price
    #> FROM products
    #> WHERE products.id = ? (1,)
# --8<-- [end:refresh]
session.close()
