"""Testing Flask-SQLAlchemy: a per-test rollback that survives the app's
commit(), and the recipe that does not."""

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from flask_sqlalchemy_lite import SQLAlchemy as LiteSQLAlchemy
from guide_support import postgres_url
from sqlalchemy import event, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# --8<-- [start:setup]
url = postgres_url()


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


# --8<-- [end:setup]


# --8<-- [start:app]
app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = url
db.init_app(app)


@app.post("/users/<name>")
def create_user(name):
    db.session.add(User(name=name))
    db.session.commit()  # the code under test commits
    return {"users": db.session.scalar(select(func.count(User.id)))}


# --8<-- [end:app]


with app.app_context():
    db.create_all()


# --8<-- [start:bound_session]
@contextmanager
def bound_session() -> Iterator[None]:
    """SQLAlchemy's recipe as usually written: bind the session to a
    connection."""
    with app.app_context(), db.engine.connect() as connection:
        transaction = connection.begin()
        db.session.configure(
            bind=connection, join_transaction_mode="create_savepoint"
        )
        try:
            yield
        finally:
            db.session.remove()
            db.session.configure(
                bind=None, join_transaction_mode="conditional_savepoint"
            )
            transaction.rollback()


# --8<-- [end:bound_session]


# --8<-- [start:engines_swapped]
@contextmanager
def engines_swapped() -> Iterator[None]:
    """What a pytest fixture would do: every engine of the extension becomes a
    connection."""
    with app.app_context():
        engines = db.engines  # the extension's own dict: bind key -> engine
        originals = dict(engines)
        opened = []
        for key, engine in originals.items():
            connection = engine.connect()
            opened.append((connection, connection.begin()))
            # pytest: monkeypatch.setitem(engines, key, connection)
            engines[key] = connection
        db.session.configure(join_transaction_mode="create_savepoint")
        try:
            yield
        finally:
            # the requests ran in this app context: its session is still here
            db.session.remove()
            db.session.configure(
                join_transaction_mode="conditional_savepoint"
            )
            engines.update(originals)
            for connection, transaction in opened:
                # undoes everything, the app's commits included
                transaction.rollback()
                connection.close()


# --8<-- [end:engines_swapped]


# --8<-- [start:setup_tests]
def count_users() -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(User.id)))


# what the database is told to do with transactions, on any connection
transaction_events: list[str] = []
with app.app_context():
    for name in ("commit", "savepoint", "release_savepoint"):
        event.listen(
            db.engine,
            name,
            lambda *args, name=name: transaction_events.append(name),
        )


# --8<-- [end:setup_tests]


# --8<-- [start:tests]
for fixture in (bound_session, engines_swapped):
    for test in ("test_one", "test_two"):
        with fixture():
            transaction_events.clear()
            response = app.test_client().post("/users/ada")
            print(f"{fixture.__name__} {test}: {response.json}")
            #> bound_session test_one: {'users': 1}
            #> bound_session test_two: {'users': 2}
            #> engines_swapped test_one: {'users': 1}
            #> engines_swapped test_two: {'users': 1}
            print(f"  during the request: {transaction_events}")
            #>   during the request: ['commit']
            #>   during the request: ['commit']
            #>   during the request: ['savepoint', 'release_savepoint', 'savepoint']
            #>   during the request: ['savepoint', 'release_savepoint', 'savepoint']
            print(
                "  session still in scope after the request: "
                f"{db.session.registry.has()}"
            )
            #>   session still in scope after the request: True
            #>   session still in scope after the request: True
            #>   session still in scope after the request: True
            #>   session still in scope after the request: True
            bind = db.session.get_bind(mapper=User.__mapper__)
            print(f"  get_bind() returns: {type(bind).__name__}")
            #>   get_bind() returns: Engine
            #>   get_bind() returns: Engine
            #>   get_bind() returns: Connection
            #>   get_bind() returns: Connection
        print(
            f"{fixture.__name__} after {test}: users in the database: "
            f"{count_users()}"
        )
        #> bound_session after test_one: users in the database: 1
        #> bound_session after test_two: users in the database: 2
        #> engines_swapped after test_one: users in the database: 0
        #> engines_swapped after test_two: users in the database: 0
    with app.app_context():
        db.session.execute(User.__table__.delete())
        db.session.commit()
# --8<-- [end:tests]

# --8<-- [start:lite]
lite_app = Flask(__name__)
lite_app.config["SQLALCHEMY_ENGINES"] = {"default": url}
lite_db = LiteSQLAlchemy()
lite_db.init_app(lite_app)


@lite_app.post("/users/<name>")
def lite_create_user(name):
    lite_db.session.add(User(name=name))
    lite_db.session.commit()
    return {"users": lite_db.session.scalar(select(func.count(User.id)))}


for test in ("test_one", "test_two"):
    with lite_app.app_context(), lite_db.engine.connect() as connection:
        transaction = connection.begin()
        lite_db.sessionmaker.configure(
            bind=connection, join_transaction_mode="create_savepoint"
        )
        response = lite_app.test_client().post("/users/ada")
        lite_db.sessionmaker.configure(
            bind=lite_db.engine, join_transaction_mode="conditional_savepoint"
        )
        transaction.rollback()
    print(f"lite {test}: {response.json}, after it: {count_users()}")
    #> lite test_one: {'users': 1}, after it: 0
    #> lite test_two: {'users': 1}, after it: 0
# --8<-- [end:lite]

# --8<-- [start:lite_isolation]
lite_app.testing = True  # an exception in the view reaches the test
with lite_app.app_context():
    for name in ("commit", "savepoint", "release_savepoint"):
        event.listen(
            lite_db.engine,
            name,
            lambda *args, name=name: transaction_events.append(name),
        )
for test in ("test_one", "test_two"):
    transaction_events.clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with lite_db.test_isolation():  # new in Flask-SQLAlchemy-Lite 0.2
                outcome = lite_app.test_client().post("/users/ada").json
        except RecursionError as exc:
            outcome = type(exc).__name__
    print(f"lite test_isolation {test}: {outcome}, after it: {count_users()}")
    #>[2.1] lite test_isolation test_one: RecursionError, after it: 1
    #>[2.1] lite test_isolation test_two: RecursionError, after it: 2
    #>[2.0] lite test_isolation test_one: {'users': 1}, after it: 0
    #>[2.0] lite test_isolation test_two: {'users': 1}, after it: 0
    print(f"  during the request: {transaction_events}")
    #>[2.1]   during the request: ['commit']
    #>[2.1]   during the request: ['commit']
    #>[2.0]   during the request: ['savepoint', 'release_savepoint', 'savepoint']
    #>[2.0]   during the request: ['savepoint', 'release_savepoint', 'savepoint']
    for warning in caught:
        print(f"  {warning.category.__name__}: {warning.message}")
        #>[2.1]   SAWarning: transaction already deassociated from connection
        #>[2.1]   SAWarning: transaction already deassociated from connection
# --8<-- [end:lite_isolation]

with app.app_context():
    db.engine.dispose()
with lite_app.app_context():
    lite_db.engine.dispose()
