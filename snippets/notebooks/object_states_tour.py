"""Notebook source: one object walked through every state, with the SQL each
step sends.

Built into docs/notebooks/object-states-tour.ipynb by the tests (see
tests/harness/notebooks.py).
"""

# %% [markdown]
# # One object, every state
#
# This notebook follows a single `Book` from its constructor to its deletion.
# After each step it prints the object's state, as `inspect()` reports it, and
# the SQL the step sent. The [object states
# page](../../lifecycle/object-states/) explains each transition.
#
# The outputs were produced by SQLAlchemy 2.1. The test suite runs the same
# code on 2.0 too; where 2.0 prints something else, a note under the cell
# shows what.

# %%
from sqlalchemy import String, create_engine, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Book(Base):
    __tablename__ = "books"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

sent: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def remember(conn, cursor, statement, parameters, context, executemany):
    sent.append(" ".join(statement.split()) + f" {parameters}")


def report(obj) -> str:
    """The object's state and the SQL sent since the last report."""
    insp = inspect(obj)
    state = next(
        name
        for name in (
            "transient",
            "pending",
            "persistent",
            "deleted",
            "detached",
        )
        if getattr(insp, name)
    )
    lines = [f"state: {state}"] + [f"  sql: {sql}" for sql in sent]
    sent.clear()
    return "\n".join(lines)


# %% [markdown]
# A new object is **transient**. Adding it to a Session makes it **pending**;
# still no SQL.

# %%
book = Book(title="Dune")
print(report(book))
#> state: transient
session = Session(engine)
session.add(book)
print(report(book))
#> state: pending

# %% [markdown]
# The flush sends the `INSERT` and the object becomes **persistent**, with a
# primary key.

# %%
session.flush()
print(report(book))
#> state: persistent
#>   sql: INSERT INTO books (title) VALUES (?) ('Dune',)
print(book.id)
#> 1

# %% [markdown]
# The commit ends the transaction and expires every attribute. The object
# stays persistent; the next attribute read sends a `SELECT` to reload it.

# %%
session.commit()
print(report(book))
#> state: persistent
print(inspect(book).expired_attributes == {"id", "title"})
#> True
print(book.title)
#> Dune
print(report(book))
#> state: persistent
#>[2.1]   sql: SELECT books.id, books.title FROM books WHERE books.id = ? (1,)
#>[2.0]   sql: SELECT books.id AS books_id, books.title AS books_title FROM books WHERE books.id = ? (1,)

# %% [markdown]
# Closing the Session **detaches** the object. Loaded attributes stay
# readable.

# %%
session.close()
print(report(book))
#> state: detached
print(book.title)
#> Dune

# %% [markdown]
# A new Session can take the object back with `add()`: it is **persistent**
# again.

# %%
session = Session(engine)
session.add(book)
print(report(book))
#> state: persistent

# %% [markdown]
# `delete()` marks it, the flush sends the `DELETE` and makes it **deleted**,
# and the commit leaves it **detached** for good.

# %%
session.delete(book)
session.flush()
print(report(book))
#> state: deleted
#>   sql: DELETE FROM books WHERE books.id = ? (1,)
session.commit()
print(report(book))
#> state: detached
session.close()
