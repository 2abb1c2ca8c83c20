"""commit() inside begin_nested(): 1.4 releases the SAVEPOINT only; 2.x
commits everything."""

from sqlalchemy import Column, Integer, String, create_engine, select
from sqlalchemy.orm import Session, declarative_base

# --8<-- [start:setup]
Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
# --8<-- [end:setup]


# --8<-- [start:commit]
def commit_inside_savepoint(**options):
    with Session(engine, **options) as session:
        session.add(User(name="outer"))
        session.begin_nested()
        session.add(User(name="inner"))
        session.commit()
        print(f"{options}: after commit(): {session.in_transaction()=}")
        #>[1.4] {}: after commit(): session.in_transaction()=True
        #>[2.1] {}: after commit(): session.in_transaction()=False
        #>[2.0] {}: after commit(): session.in_transaction()=False
        #> {'future': True}: after commit(): session.in_transaction()=False
        session.rollback()
    with Session(engine) as session:
        print(f"{options}: saved: {session.scalars(select(User.name)).all()}")
        #>[1.4] {}: saved: []
        #>[2.1] {}: saved: ['outer', 'inner']
        #>[2.0] {}: saved: ['outer', 'inner']
        #> {'future': True}: saved: ['outer', 'inner']
        session.execute(User.__table__.delete())
        session.commit()


commit_inside_savepoint()
commit_inside_savepoint(future=True)
# --8<-- [end:commit]

engine.dispose()
