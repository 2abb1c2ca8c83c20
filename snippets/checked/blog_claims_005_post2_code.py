"""Blog claims: post 2's two examples, run as written, then with one minimal
fix at a time."""

from guide_support.scripts import run_script

# --8<-- [start:setup]
# The post's two examples, reduced to their code (the post's comments left
# out; every line that runs is kept, so each fails where the post's does). The
# second uses a with block.
FIRST = """\
from sqlalchemy import create_engine, Column, Integer, String, sessionmaker

engine = create_engine('sqlite:///mydatabase.db')
Session = sessionmaker(bind=engine)

class User(Base):
    __tablename__ = 'users'
    id = Column(Integer, primary_key=True)
    name = Column(String)

session = Session()
user = session.query(User).first()

print(user.id, user.name)

session.close()

try:
    print(user.name)
except sqlalchemy.orm.exc.DetachedInstanceError as e:
    print("Error:", e)
"""

SECOND = """\
from sqlalchemy import create_engine, Column, Integer, String, sessionmaker

engine = create_engine('sqlite:///mydatabase.db')
Session = sessionmaker(bind=engine)

class User(Base):
    __tablename__ = 'users'
    id = Column(Integer, primary_key=True)
    name = Column(String)

with Session() as session:
    user = session.query(User).first()

    print(user.id, user.name)

try:
    print(user.name)
except sqlalchemy.orm.exc.DetachedInstanceError as e:
    print("Error:", e)
"""
# --8<-- [end:setup]

# --8<-- [start:fixes]
# Each fix is applied on top of the previous ones: (what it does, old text,
# new text).
FIXES = [
    ("as written", "", ""),
    (
        "import sessionmaker from sqlalchemy.orm",
        ", sessionmaker\n",
        "\nfrom sqlalchemy.orm import sessionmaker\n",
    ),
    (
        "define Base",
        "class User(Base):",
        "from sqlalchemy.orm import declarative_base\nBase = "
        "declarative_base()\nclass User(Base):",
    ),
    (
        "create the table",
        "    name = Column(String)\n",
        "    name = Column(String)\nBase.metadata.create_all(engine)\n",
    ),
    (
        "add a row",
        "Base.metadata.create_all(engine)\n",
        "Base.metadata.create_all(engine)\n"
        "with Session() as s:\n    s.add(User(id=1, name='ada'))\n    "
        "s.commit()\n",
    ),
    (
        "commit before the close",
        "print(user.id, user.name)\n",
        "print(user.id, user.name); session.commit()\n",
    ),
    ("import sqlalchemy", "try:", "import sqlalchemy.orm.exc\ntry:"),
]


def report(source: str) -> str:
    lines = []
    for what, old, new in FIXES:
        source = source.replace(old, new, 1)
        lines.append(f"{what:40} {' | '.join(run_script(source))}")
    return "\n".join(lines)


print(report(FIRST))
#> as written                               ImportError: cannot import name 'sessionmaker' from 'sqlalchemy'
#> import sessionmaker from sqlalchemy.orm  NameError: name 'Base' is not defined
#> define Base                              OperationalError: (sqlite3.OperationalError) no such table: users
#> create the table                         AttributeError: 'NoneType' object has no attribute 'id'
#> add a row                                1 ada | ada
#> commit before the close                  1 ada | NameError: name 'sqlalchemy' is not defined
#> import sqlalchemy                        1 ada | Error: Instance <User at 0x7f112be307d0> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
print(report(SECOND))
#> as written                               ImportError: cannot import name 'sessionmaker' from 'sqlalchemy'
#> import sessionmaker from sqlalchemy.orm  NameError: name 'Base' is not defined
#> define Base                              OperationalError: (sqlite3.OperationalError) no such table: users
#> create the table                         AttributeError: 'NoneType' object has no attribute 'id'
#> add a row                                1 ada | ada
#> commit before the close                  1 ada | NameError: name 'sqlalchemy' is not defined
#> import sqlalchemy                        1 ada | Error: Instance <User at 0x7f03dec04a50> is not bound to a Session; attribute refresh operation cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)
# --8<-- [end:fixes]
