"""unique() required: call .unique() on the result, or load the collection
with selectinload(), which needs no unique()."""

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    contains_eager,
    joinedload,
    mapped_column,
    relationship,
    selectinload,
)


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    posts: Mapped[list["Post"]] = relationship(back_populates="author")


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(100))
    author: Mapped[User] = relationship(back_populates="posts")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add_all(
        [
            User(
                id=1,
                name="ada",
                posts=[
                    Post(id=10, title="notes"),
                    Post(id=11, title="ideas"),
                ],
            ),
            User(id=2, name="bob", posts=[Post(id=20, title="plans")]),
        ]
    )
    setup.commit()

# --8<-- [end:setup]

# --8<-- [start:unique]
query = select(User).options(joinedload(User.posts)).order_by(User.id)
with Session(engine) as session:
    users = session.scalars(query).unique().all()
    print([(user.name, len(user.posts)) for user in users])
    #> [('ada', 2), ('bob', 1)]
    ada = session.scalars(query.where(User.id == 1)).unique().one()
    print(sorted(post.title for post in ada.posts))
    #> ['ideas', 'notes']
    rows = session.execute(query).unique().all()  # rows of one User each
    print([(user.name, len(user.posts)) for (user,) in rows])
    #> [('ada', 2), ('bob', 1)]
# --8<-- [end:unique]

# --8<-- [start:selectinload]
query = select(User).options(selectinload(User.posts)).order_by(User.id)
with Session(engine) as session:
    users = session.scalars(query).all()
    print([(user.name, len(user.posts)) for user in users])
    #> [('ada', 2), ('bob', 1)]
# --8<-- [end:selectinload]

# --8<-- [start:contains_eager]
# Only the posts titled "notes": the join filters them, contains_eager()
# fills ada.posts from that join.
notes_only = (
    select(User)
    .join(User.posts)
    .where(Post.title == "notes")
    .options(contains_eager(User.posts))
)
with Session(engine) as session:
    users = session.scalars(notes_only).unique().all()
    print([(u.name, [p.title for p in u.posts]) for u in users])
    #> [('ada', ['notes'])]

with_selectin = (
    select(User)
    .join(User.posts)
    .where(Post.title == "notes")
    .options(selectinload(User.posts))
)
with Session(engine) as session:
    users = session.scalars(with_selectin).all()
    print([(u.name, [p.title for p in u.posts]) for u in users])
    #> [('ada', ['notes', 'ideas'])]
# --8<-- [end:contains_eager]
