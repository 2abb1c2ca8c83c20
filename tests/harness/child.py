"""Run one snippet exactly as ``python snippets/<path>.py`` would, and record what it printed.

This file runs in a fresh interpreter for every snippet (see ``harness.snippets.run``), so
one snippet cannot leak mappers, event listeners, warning filters or session counters into
the next, and the numbers it prints are the numbers a reader sees when running it.

One run serves every check of the snippet: every ``print()`` still writes to the real
standard output, as under plain ``python`` (the parent compares that output with the
recorded calls), each call the snippet itself makes is recorded with its line, and the
Session's object lifecycle events are recorded for the state-diagram test.

Usage: python tests/harness/child.py SNIPPET RESULT_JSON

RESULT_JSON receives::

    {"prints": [{"line": 12, "text": "..."}],          # print() calls made by the snippet
     "error": null | {"line": 7, "type": "...", "message": "..."},
     "lifecycle": [{"event": "pending_to_persistent", "line": 30}]}
"""

from __future__ import annotations

import builtins
import json
import os
import runpy
import sys
import traceback
import warnings

# The SessionEvents hooks that mark an object's move from one state to another.
LIFECYCLE_EVENTS = (
    "transient_to_pending",
    "pending_to_transient",
    "pending_to_persistent",
    "persistent_to_transient",
    "persistent_to_deleted",
    "deleted_to_persistent",
    "deleted_to_detached",
    "persistent_to_detached",
    "detached_to_persistent",
    "loaded_as_persistent",
)


def _snippet_line(snippet: str) -> int | None:
    """The line of the snippet that is executing right now (the innermost snippet frame)."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == snippet:
            return frame.f_lineno
        frame = frame.f_back
    return None


def _format_exception_type(exc: BaseException) -> str:
    cls = type(exc)
    if cls.__module__ == "builtins":
        return cls.__qualname__
    return f"{cls.__module__}.{cls.__qualname__}"


def main(argv: list[str]) -> int:
    snippet = os.path.abspath(argv[0])
    result_path = argv[1]

    prints: list[dict] = []
    lifecycle: list[dict] = []
    real_print = builtins.print

    def recording_print(*args, sep=" ", end="\n", file=None, flush=False):
        caller = sys._getframe(1)
        if file is None and caller.f_code.co_filename == snippet:
            # str() each argument once: the recorded text is exactly what was written.
            text = (sep if sep is not None else " ").join(map(str, args))
            prints.append({"line": caller.f_lineno, "text": text})
            real_print(text, end=end, flush=flush)
        else:
            real_print(*args, sep=sep, end=end, file=file, flush=flush)

    # An SAWarning a snippet does not catch is a bug in the snippet (or a behaviour change
    # the page must talk about), so it fails the run. Snippets that show a warning catch it
    # with warnings.catch_warnings(record=True) and print it.
    try:
        from sqlalchemy import exc as sa_exc
    except ImportError:  # a snippet that does not use SQLAlchemy at all
        sa_exc = None
    if sa_exc is not None:
        warnings.simplefilter("error", sa_exc.SAWarning)
        warnings.simplefilter("error", sa_exc.SADeprecationWarning)

    if sa_exc is not None:
        from sqlalchemy import event
        from sqlalchemy.orm import Session

        def recorder(name):
            def listener(session, instance):
                lifecycle.append({"event": name, "line": _snippet_line(snippet)})

            return listener

        for name in LIFECYCLE_EVENTS:
            event.listen(Session, name, recorder(name))

    error = None
    sys.argv = [snippet]
    sys.path[0] = os.path.dirname(snippet)
    builtins.print = recording_print
    try:
        runpy.run_path(snippet, run_name="__main__")
    except SystemExit as exc:
        if exc.code not in (None, 0):
            error = {"line": None, "type": "SystemExit", "message": f"exit status {exc.code}"}
    except BaseException as exc:  # noqa: BLE001 - everything is reported to the parent
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == snippet]
        error = {
            "line": frames[-1].lineno if frames else None,
            "type": _format_exception_type(exc),
            "message": str(exc),
            "traceback": "".join(traceback.format_exception(exc)),
        }
    finally:
        builtins.print = real_print
        sys.stdout.flush()

    with open(result_path, "w", encoding="utf-8") as fh:
        json.dump({"prints": prints, "error": error, "lifecycle": lifecycle}, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
