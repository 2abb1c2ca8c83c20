"""Start a server process, wait until it answers, stop it: the one home for that in the tests.

- ``free_port()``: a TCP port on 127.0.0.1 nobody listens on right now.
- ``running(cmd, ready=..., log=...)``: a context manager that starts ``cmd`` with its output
  in a log file (a file, unlike an unread pipe, never fills up and blocks the server), polls
  ``ready()`` until it is true, yields the ``Popen``, and stops the process at the end however
  the block ends. A process that exits or does not become ready in time raises
  ``ProcessFailed`` with the end of its log.
- ``stop(proc)``: SIGTERM, wait, then SIGKILL; with ``group=True`` the whole process group.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

POLL_SECONDS = 0.05


class ProcessFailed(RuntimeError):
    """A process exited early or did not become ready; the message ends with its log."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def log_tail(path: Path, chars: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except FileNotFoundError:
        return "(no log)"


def wait_until(
    ready: Callable[[], bool],
    *,
    proc: subprocess.Popen | None = None,
    timeout: float,
    what: str,
    log: Path | None = None,
) -> None:
    """Poll ``ready()`` until true; fail early if ``proc`` exits, and after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        if proc is not None and proc.poll() is not None:
            raise ProcessFailed(
                f"{what} exited with status {proc.returncode} before it was ready"
                + (f"; its log:\n{log_tail(log)}" if log else "")
            )
        if ready():
            return
        if time.monotonic() > deadline:
            raise ProcessFailed(
                f"{what} was not ready within {timeout:g} s"
                + (f"; its log:\n{log_tail(log)}" if log else "")
            )
        time.sleep(POLL_SECONDS)


def stop(proc: subprocess.Popen, *, timeout: float = 10.0, group: bool = False) -> None:
    """Stop ``proc`` (and, with ``group``, every process in its process group)."""

    def send(sig: int) -> None:
        try:
            if group:
                os.killpg(proc.pid, sig)
            else:
                proc.send_signal(sig)
        except (ProcessLookupError, PermissionError):
            pass

    if proc.poll() is None:
        send(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            send(signal.SIGKILL)
            proc.wait(timeout)
    if group:  # children that outlived their parent
        send(signal.SIGKILL)


@contextmanager
def running(
    cmd: Sequence[str],
    *,
    ready: Callable[[], bool],
    log: Path,
    what: str | None = None,
    timeout: float = 15.0,
    cwd: str | Path | None = None,
    env: dict[str, str] | None = None,
    group: bool = False,
) -> Iterator[subprocess.Popen]:
    """Start ``cmd``, wait for ``ready()``, yield the process, stop it on the way out."""
    what = what or Path(cmd[0]).name
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            list(cmd),
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=group,
        )
    try:
        wait_until(ready, proc=proc, timeout=timeout, what=what, log=log)
        yield proc
    finally:
        stop(proc, group=group)


def answers(url: str, *, timeout: float = 1.0) -> Callable[[], bool]:
    """A readiness probe: True once a GET of ``url`` answers with a status below 400."""
    import urllib.error
    import urllib.request

    def probe() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                return response.status < 400
        except (OSError, urllib.error.URLError):
            return False

    return probe
