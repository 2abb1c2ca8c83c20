"""Flask-SQLAlchemy: db.session outside an application context, in a thread,
and in CLI commands."""

import threading
import traceback

import click
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
db.init_app(app)
with app.app_context():
    db.create_all()
    db.session.add(User(name="ada"))
    db.session.commit()
# --8<-- [end:setup]

# --8<-- [start:outside]
try:
    # a script, a test, an import-time query
    db.session.scalars(select(User)).all()
except RuntimeError as exc:
    print(f"{type(exc).__name__}: {exc}")
    #> RuntimeError: Working outside of application context.
    #>
    #> This typically means that you attempted to use functionality that needed
    #> the current application. To solve this, set up an application context
    #> with app.app_context(). See the documentation for more information.
    # where it was raised: the scoped_session looking up its scope
    frames = traceback.extract_tb(exc.__traceback__)[1:]
    print(" -> ".join(frame.name for frame in frames))
    #> scalars -> _proxied -> __call__ -> _app_ctx_id -> _get_current_object
# --8<-- [end:outside]

# --8<-- [start:thread]
results: list[str] = []


view_sessions = []


def report(user_id):
    try:
        results.append(f"thread: {db.session.get(User, user_id).name}")
    except RuntimeError as exc:
        results.append(
            f"thread: {type(exc).__name__}: {str(exc).splitlines()[0]}"
        )


def report_in_context(user_id):
    with app.app_context():  # a context of its own, so a session of its own
        name = db.session.get(User, user_id).name
        results.append(
            f"thread with app_context: {name}, view's session: "
            f"{db.session() is view_sessions[0]}"
        )


@app.post("/users/<int:user_id>/report")
def start_report(user_id):
    view_sessions.append(db.session())
    for target in (report, report_in_context):
        thread = threading.Thread(target=target, args=(user_id,))
        thread.start()
        thread.join()
    return {"started": True}


app.test_client().post("/users/1/report")
print(*results, sep="\n")
#> thread: RuntimeError: Working outside of application context.
#> thread with app_context: ada, view's session: False
# --8<-- [end:thread]


# --8<-- [start:cli]
@app.cli.command("show-user")
@click.argument("user_id", type=int)
def show_user(user_id):
    user = db.session.get(User, user_id)
    app.extensions["kept"] = user
    click.echo(f"{user.name} in a session: {inspect(user).persistent}")


@app.cli.command("count-sessions")
def count_sessions():
    click.echo(f"session in scope: {db.session.registry.has()}")


runner = app.test_cli_runner()
print(runner.invoke(args=["show-user", "1"]).output.strip())
#> ada in a session: True
print(
    f"after the command: detached={inspect(app.extensions['kept']).detached}"
)
#> after the command: detached=True
print(runner.invoke(args=["count-sessions"]).output.strip())
#> session in scope: False
# --8<-- [end:cli]

with app.app_context():
    engine = db.engine
engine.dispose()
