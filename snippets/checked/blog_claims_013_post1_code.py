"""Blog claims: post 1's example, run as written, then with one minimal fix at
a time."""

from guide_support.scripts import run_script

# --8<-- [start:setup]
# The post's example, reduced to its code (the post's comments left out; every
# line that runs is kept, so it fails where the post's does).
POST = """\
from sqlalchemy.orm import sessionmaker
from your_application_model import User

Session = sessionmaker(bind=engine)
session = Session()

user = session.query(User).first()
session.close()

new_session = Session()
print(user.name)
"""

MODEL = """\
from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
class Base(DeclarativeBase):
    pass
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
"""
# --8<-- [end:setup]

# --8<-- [start:fixes]
# Each fix is applied on top of the previous ones: (what it does, old text,
# new text).
FIXES = [
    ("as written", "", ""),
    ("define User", "from your_application_model import User\n", MODEL),
    (
        "create the engine",
        "Session = sessionmaker(bind=engine)\n",
        'engine = create_engine("sqlite:///app.db")\nSession = '
        "sessionmaker(bind=engine)\n",
    ),
    (
        "create the table, add a row",
        "Session = sessionmaker(bind=engine)\n",
        "Session = "
        "sessionmaker(bind=engine)\nBase.metadata.create_all(engine)\n"
        "with Session() as s:\n    s.add(User(id=1, name='ada'))\n    "
        "s.commit()\n",
    ),
    (
        "print the state too",
        "print(user.name)",
        "from sqlalchemy import inspect\n"
        "print(user.name, inspect(user).detached, user in new_session)",
    ),
]

source = POST
for what, old, new in FIXES:
    source = source.replace(old, new, 1)
    print(f"{what:28} {' | '.join(run_script(source))}")
    #> as written                   ModuleNotFoundError: No module named 'your_application_model'
    #> define User                  NameError: name 'engine' is not defined
    #> create the engine            OperationalError: (sqlite3.OperationalError) no such table: users
    #> create the table, add a row  ada
    #> print the state too          ada True False
# --8<-- [end:fixes]
