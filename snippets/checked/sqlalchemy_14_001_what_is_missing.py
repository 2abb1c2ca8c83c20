"""Which of the names this site's snippets use exist on SQLAlchemy 1.4, 2.0
and 2.1."""

import importlib

from sqlalchemy.orm import Session

# --8<-- [start:names]
names = {
    "sqlalchemy.orm": [
        "DeclarativeBase",
        "Mapped",
        "mapped_column",
        "WriteOnlyMapped",
    ],
    "sqlalchemy.ext.asyncio": ["async_sessionmaker", "AsyncAttrs"],
}
for module, wanted in names.items():
    found = importlib.import_module(module)
    missing = [name for name in wanted if not hasattr(found, name)]
    print(f"{module}: missing {missing}")
    #>[1.4] sqlalchemy.orm: missing ['DeclarativeBase', 'mapped_column', 'WriteOnlyMapped']
    #>[1.4] sqlalchemy.ext.asyncio: missing ['async_sessionmaker', 'AsyncAttrs']
    #>[2.1] sqlalchemy.orm: missing []
    #>[2.0] sqlalchemy.orm: missing []
    #>[2.1] sqlalchemy.ext.asyncio: missing []
    #>[2.0] sqlalchemy.ext.asyncio: missing []

print(f"{hasattr(Session, 'reset')=}")
#>[1.4] hasattr(Session, 'reset')=False
#>[2.1] hasattr(Session, 'reset')=True
#>[2.0] hasattr(Session, 'reset')=True

for option in ("join_transaction_mode", "close_resets_only"):
    try:
        Session(**{option: None})
        outcome = "accepted"
    except TypeError as exc:
        outcome = f"TypeError: {exc}"
    print(f"Session({option}=...): {outcome}")
    #>[1.4] Session(join_transaction_mode=...): TypeError: Session.__init__() got an unexpected keyword argument 'join_transaction_mode'
    #>[1.4] Session(close_resets_only=...): TypeError: Session.__init__() got an unexpected keyword argument 'close_resets_only'
    #>[2.1] Session(join_transaction_mode=...): accepted
    #>[2.0] Session(join_transaction_mode=...): accepted
    #>[2.1] Session(close_resets_only=...): accepted
    #>[2.0] Session(close_resets_only=...): accepted
# --8<-- [end:names]
