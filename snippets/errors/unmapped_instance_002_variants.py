"""UnmappedInstanceError: the class in the message names what was passed
instead of a mapped object."""

from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm.exc import UnmappedInstanceError


# --8<-- [start:setup]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


class UserIn:  # say, a request model: not mapped
    def __init__(self, name: str) -> None:
        self.name = name


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
session = Session(engine)
# --8<-- [end:setup]

# --8<-- [start:methods]
for method in (
    session.add,
    session.delete,
    session.refresh,
    session.expunge,
    session.merge,
):
    try:
        method(None)
    except UnmappedInstanceError as exc:
        print(f"{method.__name__}(None): {exc}")
        #> add(None): Class 'builtins.NoneType' is not mapped
        #> delete(None): Class 'builtins.NoneType' is not mapped
        #> refresh(None): Class 'builtins.NoneType' is not mapped
        #> expunge(None): Class 'builtins.NoneType' is not mapped
        #> merge(None): Class 'builtins.NoneType' is not mapped
# --8<-- [end:methods]

# --8<-- [start:list]
try:
    session.add([User(name="ada"), User(name="grace")])
except UnmappedInstanceError as exc:
    print(f"{type(exc).__name__}: {exc}")
    #> UnmappedInstanceError: Class 'builtins.list' is not mapped
# --8<-- [end:list]

# --8<-- [start:dict]
try:
    session.add({"name": "ada"})
except UnmappedInstanceError as exc:
    print(f"{type(exc).__name__}: {exc}")
    #> UnmappedInstanceError: Class 'builtins.dict' is not mapped
# --8<-- [end:dict]

# --8<-- [start:other_class]
try:
    session.add(UserIn(name="ada"))
except UnmappedInstanceError as exc:
    print(f"{type(exc).__name__}: {exc}")
    #> UnmappedInstanceError: Class '__main__.UserIn' is not mapped
# --8<-- [end:other_class]

# --8<-- [start:the_class]
try:
    session.add(User)
except UnmappedInstanceError as exc:
    print(f"{type(exc).__name__}: {exc}")
    #> UnmappedInstanceError: Class 'sqlalchemy.orm.decl_api.DeclarativeAttributeIntercept' is not mapped; was a class (__main__.User) supplied where an instance was required?
# --8<-- [end:the_class]
session.close()
