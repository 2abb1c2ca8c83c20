"""A backref assignment puts the object into the Session on 1.4, not on 2.x
(or 1.4 future)."""

import warnings

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    String,
    create_engine,
    select,
)
from sqlalchemy.orm import Session, declarative_base, relationship

# --8<-- [start:setup]
Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))
    posts = relationship("Post", back_populates="user")


class Post(Base):
    __tablename__ = "posts"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("users.id"))
    user = relationship("User", back_populates="posts")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
# --8<-- [end:setup]


# --8<-- [start:cascade]
def save_through_backref(**options):
    warnings.simplefilter("always")
    with (
        warnings.catch_warnings(record=True) as caught,
        Session(engine, **options) as session,
    ):
        user = User(name="ada")
        session.add(user)
        post = Post()
        post.user = user  # only the user was add()ed
        print(f"{options}: {post in session=}")
        #>[1.4] {}: post in session=True
        #>[2.1] {}: post in session=False
        #>[2.0] {}: post in session=False
        #> {'future': True}: post in session=False
        session.commit()
        print(
            f"{options}: posts saved: "
            f"{session.scalars(select(Post.id)).all()}"
        )
        #>[1.4] {}: posts saved: [1]
        #>[2.1] {}: posts saved: []
        #>[2.0] {}: posts saved: []
        #> {'future': True}: posts saved: []
        session.execute(Post.__table__.delete())
        session.commit()
    for warning in caught:
        print(
            f"{options}: {warning.category.__name__}: "
            f"{str(warning.message)[:40]}"
        )
        #>[1.4] {}: RemovedIn20Warning: Deprecated API features detected! These
        #>[2.1] {}: SAWarning: Object of type <Post> not in session, ad
        #>[2.0] {}: SAWarning: Object of type <Post> not in session, ad
        #> {'future': True}: SAWarning: Object of type <Post> not in session, ad


save_through_backref()
save_through_backref(future=True)
# --8<-- [end:cascade]

engine.dispose()
