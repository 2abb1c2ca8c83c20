"""QueuePool limit: the defaults (5 connections + 10 overflow, a 30 s wait),
read from a real engine and hit for real."""

import time

from guide_support import postgres_url
from sqlalchemy import create_engine
from sqlalchemy.exc import TimeoutError

# --8<-- [start:defaults]
engine = create_engine(postgres_url())  # no pool arguments at all
pool = engine.pool
print(
    f"{type(pool).__name__}: {pool.size()=} {pool._max_overflow=} "
    f"{pool.timeout()=}"
)
#> QueuePool: pool.size()=5 pool._max_overflow=10 pool.timeout()=30.0
engine.dispose()
# --8<-- [end:defaults]

# --8<-- [start:sixteenth]
# default size and overflow, 2 s wait
engine = create_engine(postgres_url(), pool_timeout=2)
# 5 pooled + 10 overflow: all succeed at once
held = [engine.connect() for _ in range(15)]
started = time.monotonic()
try:
    # the sixteenth waits pool_timeout seconds, silently, then fails
    engine.connect()
except TimeoutError as exc:
    waited = time.monotonic() - started
    print(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
    #> sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 2.00 (Background on this error at: https://sqlalche.me/e/21/3o7r)
    print(f"waited at least pool_timeout before the error: {waited >= 2}")
    #> waited at least pool_timeout before the error: True
# --8<-- [end:sixteenth]
for connection in held:
    connection.close()
engine.dispose()
