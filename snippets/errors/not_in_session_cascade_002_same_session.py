"""'not in session ... won't proceed', fix: give the relationship an object
that belongs to this Session."""

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
)


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    author: Mapped[User | None] = relationship()


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada"))
    setup.commit()

other = Session(engine)
ada = other.get(User, 1)  # ada belongs to another, still open, Session
# --8<-- [end:setup]

# --8<-- [start:merge]
with Session(engine) as session:
    author = session.merge(ada)  # this Session's own copy of ada
    session.add(Post(title="notes", author=author))
    session.commit()
    print(session.execute(select(Post.title, Post.author_id)).all())
    #> [('notes', 1)]
# --8<-- [end:merge]

# --8<-- [start:by_key]
with Session(engine) as session:
    # or just set the foreign key
    session.add(Post(title="sketches", author_id=ada.id))
    session.commit()
    print(
        session.execute(
            select(Post.title, Post.author_id).order_by(Post.id)
        ).all()
    )
    #> [('notes', 1), ('sketches', 1)]
# --8<-- [end:by_key]
other.close()
