"""Run a blog post's code exactly as written, as its reader would: a file in a fresh directory.

``run_script(source)`` writes ``source`` to ``post.py`` in a new temporary directory, runs it
with this interpreter (``python post.py``), and returns the lines it printed. If it raised,
the last line is the exception as a traceback ends: ``Type: first line of the message``
(file paths in the message are left out, so the text is the same on every machine).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

# Runs post.py as __main__ and reports an uncaught exception on stdout, after its output.
_RUNNER = """
import runpy, sys
try:
    runpy.run_path("post.py", run_name="__main__")
except BaseException as exc:
    sys.stdout.flush()
    message = str(exc).splitlines()[0] if str(exc) else ""
    print(f"{type(exc).__name__}: {message.split(' (/')[0]}")
"""


def run_script(source: str, timeout: float = 60.0) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="guide-post-") as directory:
        Path(directory, "post.py").write_text(source)
        done = subprocess.run(
            [sys.executable, "-c", _RUNNER], cwd=directory, capture_output=True, text=True,
            timeout=timeout,
        )
    if done.returncode != 0:  # the runner itself failed: show why rather than hide it
        raise RuntimeError(done.stderr)
    return done.stdout.splitlines()
