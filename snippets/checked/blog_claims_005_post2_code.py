"""Blog claims: post 2's example imports sessionmaker from the wrong module and does not run."""

# --8<-- [start:import]
try:
    from sqlalchemy import Column, Integer, String, create_engine, sessionmaker  # noqa: F401
except ImportError as exc:
    print(type(exc).__name__, str(exc).split(" (")[0])
    #> ImportError cannot import name 'sessionmaker' from 'sqlalchemy'
# --8<-- [end:import]

# --8<-- [start:base]
try:
    exec("class User(Base):\n    __tablename__ = 'users'\n")
except NameError as exc:
    print(type(exc).__name__, exc)
    #> NameError name 'Base' is not defined
# --8<-- [end:base]
