"""Flask-SQLAlchemy: a streamed response runs after the context is gone,
unless stream_with_context keeps it."""

from flask import Flask, stream_template_string, stream_with_context
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ForeignKey, select
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


db = SQLAlchemy(model_class=Base)


class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    posts: Mapped[list["Post"]] = relationship(order_by="Post.id")


class Post(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    title: Mapped[str]


app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
db.init_app(app)
with app.app_context():
    db.create_all()
    db.session.add(
        User(name="ada", posts=[Post(title="one"), Post(title="two")])
    )
    db.session.commit()
# --8<-- [end:setup]

# --8<-- [start:app]
# the order of teardown_appcontext calls and the start of the body
order: list[str] = []


@app.teardown_appcontext
def note_teardown(exc):
    order.append("teardown")


TEMPLATE = "{% for post in user.posts %}{{ post.title }} {% endfor %}"


@app.get("/plain/<int:user_id>")
def plain(user_id):
    user = db.session.get(User, user_id)

    def lines():
        order.append("body")
        yield f"{user.name}: "
        for post in user.posts:  # runs while the server sends the body
            yield f"{post.title} "

    return lines()


@app.get("/query-in-generator")
def query_in_generator():
    def lines():
        order.append("body")
        yield from (
            f"{name} " for name in db.session.scalars(select(User.name))
        )

    return lines()


@app.get("/with-context/<int:user_id>")
def with_context(user_id):
    user = db.session.get(User, user_id)

    @stream_with_context
    def lines():
        order.append("body")
        yield f"{user.name}: "
        for post in user.posts:
            yield f"{post.title} "

    return lines()


@app.get("/with-context-query/<int:user_id>")
def with_context_query(user_id):
    view_session = db.session()
    user = db.session.get(User, user_id)

    @stream_with_context
    def lines():
        order.append("body")
        same = db.session() is view_session
        yield f"view's session: {same}, "
        posts = db.session.scalars(
            select(Post).where(Post.user_id == user.id)
        )
        yield from (f"{post.title} " for post in posts)

    return lines()


@app.get("/preloaded/<int:user_id>")
def preloaded(user_id):
    # everything the body reads is loaded before the view returns
    user = db.session.get(User, user_id, options=[selectinload(User.posts)])

    def lines():
        order.append("body")
        yield f"{user.name}: "
        for post in user.posts:
            yield f"{post.title} "

    return lines()


@app.get("/template/<int:user_id>")
def template(user_id):
    user = db.session.get(User, user_id)
    return stream_template_string(TEMPLATE, user=user)


# --8<-- [end:app]


# --8<-- [start:run]
client = app.test_client()
paths = (
    "/plain/1",
    "/query-in-generator",
    "/with-context/1",
    "/with-context-query/1",
    "/preloaded/1",
    "/template/1",
)
for path in paths:
    order.clear()
    try:
        body = client.get(path).get_data(as_text=True)
        print(f"{path}: {body!r}")
        #> /with-context-query/1: "view's session: False, one two "
        #> /preloaded/1: 'ada: one two '
    except (DetachedInstanceError, RuntimeError) as exc:
        print(f"{path}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
        #> /plain/1: DetachedInstanceError: Parent instance <User at 0x7f434aae67d0> is not bound to a Session; lazy load operation of attribute 'posts' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
        #> /query-in-generator: RuntimeError: Working outside of application context.
        #> /with-context/1: DetachedInstanceError: Parent instance <User at 0x7f434aae7990> is not bound to a Session; lazy load operation of attribute 'posts' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
        #> /template/1: DetachedInstanceError: Parent instance <User at 0x7f434aaea210> is not bound to a Session; lazy load operation of attribute 'posts' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
    print("  " + " -> ".join(order))
    #>   teardown -> body
    #>   teardown -> body
    #>   teardown -> body -> teardown
    #>   teardown -> body -> teardown
    #>   teardown -> body
    #>   teardown -> teardown
# --8<-- [end:run]

with app.app_context():
    engine = db.engine
engine.dispose()
