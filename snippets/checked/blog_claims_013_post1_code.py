"""Blog claims: post 1's example, run as written, then with one minimal fix at a time."""

from guide_support.scripts import run_script

# The example as the post prints it.
POST = """\
# Example solution: Re-attaching a detached instance to a new session.
from sqlalchemy.orm import sessionmaker
from your_application_model import User  # Import your model here

# Assuming engine has already been created
Session = sessionmaker(bind=engine)
session = Session()

user = session.query(User).first()
session.close()  # This detaches all instances from the session

# To access user properties without raising DetachedInstanceError:
new_session = Session()
print(user.name)  # Assuming 'name' is an attribute of User
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

# --8<-- [start:fixes]
# Each fix is applied on top of the previous ones: (what it does, old text, new text).
FIXES = [
    ("as written", "", ""),
    ("define User", "from your_application_model import User  # Import your model here\n", MODEL),
    ("create the engine", "# Assuming engine has already been created\n",
     'engine = create_engine("sqlite:///app.db")\n'),
    ("create the table, add a row", "Session = sessionmaker(bind=engine)\n",
     "Session = sessionmaker(bind=engine)\nBase.metadata.create_all(engine)\n"
     "with Session() as s:\n    s.add(User(id=1, name='ada'))\n    s.commit()\n"),
    ("print the state too", "print(user.name)",
     "from sqlalchemy import inspect\n"
     "print(user.name, inspect(user).detached, user in new_session)"),
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
