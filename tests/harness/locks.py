"""One file lock, for work that pytest-xdist workers (or two pytest runs) share.

The site build, a snippet's recorded run and a throwaway environment are each made once and
used by every worker: the first one to ask holds the lock while it makes the thing, the
others wait for it and then find it made.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def held(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file ``path`` (made if missing) until the block ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
