"""UnmappedInstanceError, fixes: check for None, add_all() for a list, build
the mapped object from data."""

from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

# --8<-- [start:none]
with Session(engine) as session:
    user = session.get(User, 42)
    if user is None:
        print("no user 42: nothing to delete")
        #> no user 42: nothing to delete
    else:
        session.delete(user)
        session.commit()
# --8<-- [end:none]

# --8<-- [start:build]
payload = [{"name": "ada"}, {"name": "grace"}]
with Session(engine) as session:
    # mapped objects, in add_all()
    session.add_all([User(**item) for item in payload])
    session.commit()
    print(session.scalars(select(User.name).order_by(User.id)).all())
    #> ['ada', 'grace']
# --8<-- [end:build]
