"""Flask-SQLAlchemy: db.session belongs to the application context and is
removed when the context ends."""

from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ForeignKey, event, inspect, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    relationship,
)
from sqlalchemy.orm.exc import DetachedInstanceError

# --8<-- [start:setup]
events: list[str] = []


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    posts: Mapped[list["Post"]] = relationship()


class Post(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    title: Mapped[str]


# --8<-- [end:setup]


# --8<-- [start:app]
app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"


# registered before init_app, so it runs after the extension's
@app.teardown_appcontext
def after_extension(exc):
    events.append(
        "teardown_appcontext, after db: session in "
        f"scope={db.session.registry.has()}"
    )


db.init_app(app)


# registered after init_app, so it runs before the extension's
@app.teardown_appcontext
def before_extension(exc):
    events.append(
        "teardown_appcontext, before db: session in "
        f"scope={db.session.registry.has()}"
    )


@app.before_request
def before_request():
    events.append(
        f"before_request: session in scope={db.session.registry.has()}"
    )


@app.after_request
def after_request(response):
    events.append(
        f"after_request: session in scope={db.session.registry.has()}"
    )
    return response


@app.teardown_request
def teardown_request(exc):
    events.append(
        f"teardown_request: session in scope={db.session.registry.has()}"
    )


# what some code keeps after the request: a cache, a global, a closure
kept = {}


@app.get("/users/<int:user_id>")
def show_user(user_id):
    user = db.session.get(User, user_id)
    events.append(f"view: session in scope={db.session.registry.has()}")
    kept["user"] = user
    return {"name": user.name}


@app.post("/users/<int:user_id>/rename/<name>")
def rename_user(user_id, name):
    user = db.session.get(User, user_id)
    user.name = name
    db.session.commit()  # expires user
    kept["renamed"] = user
    return {"renamed": True}


# --8<-- [end:app]


with app.app_context():
    db.create_all()
    db.session.add(User(name="ada", posts=[Post(title="hello")]))
    db.session.commit()

# --8<-- [start:events]
events.clear()
client = app.test_client()
response = client.get("/users/1")
print(response.status_code, response.json)
#> 200 {'name': 'ada'}
for line in events:
    print(line)
    #> before_request: session in scope=False
    #> view: session in scope=True
    #> after_request: session in scope=True
    #> teardown_request: session in scope=True
    #> teardown_appcontext, before db: session in scope=True
    #> teardown_appcontext, after db: session in scope=False
# --8<-- [end:events]

# --8<-- [start:remove]
with app.app_context():
    checkins = []
    event.listen(db.engine, "checkin", lambda *args: checkins.append(1))
    first = db.session()
    db.session.get(User, 1).name = "not committed"
    db.session.flush()  # the UPDATE is sent, inside the transaction
    db.session.remove()
    print(f"connection returned to the pool: {len(checkins) == 1}")
    #> connection returned to the pool: True
    second = db.session()
    print(f"a new session: {second is not first}")
    #> a new session: True
    print(f"name in the database: {second.get(User, 1).name!r}")
    #> name in the database: 'ada'
# --8<-- [end:remove]

# --8<-- [start:after]
user = kept["user"]
print(f"{inspect(user).detached=} {user.name=}")
#> inspect(user).detached=True user.name='ada'
try:
    user.posts
except DetachedInstanceError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.orm.exc.DetachedInstanceError: Parent instance <User at 0x7f832aca7ed0> is not bound to a Session; lazy load operation of attribute 'posts' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)

client.post("/users/1/rename/Ada")
try:
    kept["renamed"].name
except DetachedInstanceError as exc:
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.orm.exc.DetachedInstanceError: Instance <User at 0x7f832acad2d0> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:after]

with app.app_context():
    print(db.session.scalars(select(User.name)).all())
    #> ['Ada']
    engine = db.engine
engine.dispose()
