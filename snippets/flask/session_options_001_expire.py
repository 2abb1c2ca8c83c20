"""Session options through Flask-SQLAlchemy and Flask-SQLAlchemy-Lite: the
defaults, and what expire_on_commit=False costs."""

from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from flask_sqlalchemy_lite import SQLAlchemy as LiteSQLAlchemy
from guide_support import postgres_url
from sqlalchemy import create_engine, event, inspect, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


url = postgres_url()
setup = create_engine(url)
Base.metadata.create_all(setup)
with Session(setup) as session:
    session.add(User(name="ada"))
    session.commit()
# --8<-- [end:setup]


# --8<-- [start:options]
def make_app(**session_options) -> tuple[Flask, SQLAlchemy]:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    db = SQLAlchemy(model_class=Base, session_options=session_options)
    db.init_app(app)
    return app, db


default_app, default_db = make_app()
fast_app, fast_db = make_app(expire_on_commit=False)
# --8<-- [end:options]

# --8<-- [start:defaults]
settings = (
    "expire_on_commit",
    "autoflush",
    "autobegin",
    "join_transaction_mode",
)
for name, app, db in (
    ("default", default_app, default_db),
    ("expire_on_commit=False", fast_app, fast_db),
):
    with app.app_context():
        session = db.session()
        # sessionmaker subclasses the class it is given
        made_from = type(session).__mro__[1]
        print(f"{name}: {made_from.__module__}.{made_from.__name__}")
        #> default: flask_sqlalchemy.session.Session
        #> expire_on_commit=False: flask_sqlalchemy.session.Session
        print(
            "  " + ", ".join(f"{s}={getattr(session, s)!r}" for s in settings)
        )
        #>   expire_on_commit=True, autoflush=True, autobegin=True, join_transaction_mode='conditional_savepoint'
        #>   expire_on_commit=False, autoflush=True, autobegin=True, join_transaction_mode='conditional_savepoint'
# --8<-- [end:defaults]

# --8<-- [start:lite]
lite_app = Flask(__name__)
lite_app.config["SQLALCHEMY_ENGINES"] = {"default": url}
lite_db = LiteSQLAlchemy()  # no session options: its defaults
lite_db.init_app(lite_app)
with lite_app.app_context():
    session = lite_db.session
    engine = lite_db.engine
    user = session.get(User, 1)
    made_from = type(session).__mro__[1]
    print(f"lite: {made_from.__module__}.{made_from.__name__}")
    #> lite: sqlalchemy.orm.session.Session
    print("  " + ", ".join(f"{s}={getattr(session, s)!r}" for s in settings))
    #>   expire_on_commit=True, autoflush=True, autobegin=True, join_transaction_mode='conditional_savepoint'
    print(
        f"  same session twice: {lite_db.session is session}, user: "
        f"{user.name}, connections checked out: "
        f"{engine.pool.checkedout()}"
    )
    #>   same session twice: True, user: ada, connections checked out: 1
print(
    f"  after the context: {len(session.identity_map)} objects in its "
    f"identity map, connections checked out: {engine.pool.checkedout()}, "
    f"user detached: {inspect(user).detached}"
)
#>   after the context: 0 objects in its identity map, connections checked out: 0, user detached: True

# the same parameter as Flask-SQLAlchemy's
fast_lite_app = Flask(__name__)
fast_lite_app.config["SQLALCHEMY_ENGINES"] = {"default": url}
fast_lite_db = LiteSQLAlchemy(session_options={"expire_on_commit": False})
fast_lite_db.init_app(fast_lite_app)
with fast_lite_app.app_context():
    print(f"lite, session_options: {fast_lite_db.session.expire_on_commit=}")
    #> lite, session_options: fast_lite_db.session.expire_on_commit=False
# --8<-- [end:lite]


# --8<-- [start:cost]
def rename_then_read(app: Flask, db: SQLAlchemy) -> None:
    statements: list[str] = []
    with app.app_context():
        event.listen(
            db.engine,
            "before_cursor_execute",
            lambda *a: statements.append(a[2].split()[0]),
        )
        user = db.session.get(User, 1)
        user.name = "Ada"
        db.session.commit()
        with db.engine.begin() as other:  # another request commits in between
            other.execute(
                text("UPDATE users SET name = 'Ada L.' WHERE id = 1")
            )
        print(f"  after commit: {user.name=} statements={statements}")
        #>   after commit: user.name='Ada L.' statements=['SELECT', 'UPDATE', 'UPDATE', 'SELECT']
        #>   after commit: user.name='Ada' statements=['SELECT', 'UPDATE', 'UPDATE']
        # a later query in the same request
        db.session.execute(select(User)).all()
        print(f"  after a new SELECT of the row: {user.name=}")
        #>   after a new SELECT of the row: user.name='Ada L.'
        #>   after a new SELECT of the row: user.name='Ada'


for name, app, db in (
    ("default", default_app, default_db),
    ("expire_on_commit=False", fast_app, fast_db),
):
    print(name)
    #> default
    #> expire_on_commit=False
    rename_then_read(app, db)
# --8<-- [end:cost]

for app, db in ((default_app, default_db), (fast_app, fast_db)):
    with app.app_context():
        db.engine.dispose()
with lite_app.app_context():
    lite_db.engine.dispose()
with fast_lite_app.app_context():
    fast_lite_db.engine.dispose()
setup.dispose()
