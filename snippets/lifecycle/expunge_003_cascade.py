"""Expunge: expunge() follows a relationship only when its cascade includes
"expunge"."""

from sqlalchemy import ForeignKey, String, create_engine, inspect
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
)


class Base(DeclarativeBase):
    pass


# --8<-- [start:models]
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    # default cascade: "save-update, merge"
    posts: Mapped[list["Post"]] = relationship()
    # "all" includes "expunge"
    drafts: Mapped[list["Draft"]] = relationship(cascade="all, delete-orphan")


# --8<-- [end:models]


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class Draft(Base):
    __tablename__ = "drafts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as setup:
    setup.add(User(id=1, name="ada", posts=[Post()], drafts=[Draft()]))
    setup.commit()

# --8<-- [start:cascades]
for name in ("posts", "drafts"):
    cascade = inspect(User).relationships[name].cascade
    print(f"{name}: {', '.join(sorted(cascade))}")
    #> posts: merge, save-update
    #> drafts: delete, delete-orphan, expunge, merge, refresh-expire, save-update
# --8<-- [end:cascades]

# --8<-- [start:expunge]
with Session(engine) as session:
    ada = session.get(User, 1)
    post, draft = ada.posts[0], ada.drafts[0]
    session.expunge(ada)
    print(f"{inspect(ada).detached=}")
    #> inspect(ada).detached=True
    print(f"{inspect(post).persistent=} {(post in session)=}")
    #> inspect(post).persistent=True (post in session)=True
    print(f"{inspect(draft).detached=} {(draft in session)=}")
    #> inspect(draft).detached=True (draft in session)=False
# --8<-- [end:expunge]
