"""MkDocs hook: the "Run" buttons (docs/assets/javascripts/run-in-browser.js).

- Before the build: the in-browser Python (Pyodide and the SQLAlchemy wheels in
  docs/assets/pyodide/, not in git) must be present and match its pins and sha256
  (scripts/browser_runtime.py); otherwise the build fails and names the command to run.
- Each code block that includes a snippet (a fence whose body is ``--8<-- "snippets/..."``)
  gets ``data-run-snippet="<path>"``, unless the snippet is listed in
  tests/data/not-runnable-in-browser.yml (a snippet that needs PostgreSQL, Celery, asyncio...).
  Written as a fence attribute, ``{.python data-run-snippet="..."}``, added to any attributes
  the fence already has.
- A page with such a block gets a hidden element with the versions the browser runs, which
  the buttons show; after the build, the runnable snippet files are copied to
  ``assets/run-in-browser/snippets/`` for Run to fetch.
"""

from __future__ import annotations

import html
import importlib.util
import re
import shutil
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
NOT_RUNNABLE = ROOT / "tests" / "data" / "not-runnable-in-browser.yml"
COPY_TO = "assets/run-in-browser"

# A fence whose body is nothing but includes of one snippet file.
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<ticks>`{3,})(?P<info>[^\n`]*)\n"
    r"(?P<body>(?:(?P=indent)[ \t]*--8<--[ \t]+\"[^\"\n]+\"[ \t]*\n)+)"
    r"(?P=indent)(?P=ticks)[ \t]*$",
    re.M,
)
INCLUDE = re.compile(r"--8<--[ \t]+\"(?P<path>snippets/[^\":\n]+\.py)(?::[^\"\n]*)?\"")

_state: dict = {}


def _runtime_module():
    spec = importlib.util.spec_from_file_location(
        "browser_runtime", ROOT / "scripts" / "browser_runtime.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def not_runnable() -> dict[str, str]:
    """snippet path -> why it does not run in the browser."""
    entries = yaml.safe_load(NOT_RUNNABLE.read_text(encoding="utf-8")) or []
    return {entry["snippet"]: entry["reason"] for entry in entries}


def on_config(config):
    runtime = _runtime_module()
    try:
        record = runtime.verify()
    except runtime.RuntimeProblem as problem:
        raise PluginError(f"The Run buttons cannot be built: {problem}") from None
    _state.update(record=record, skip=not_runnable(), shown=set())
    return config


def runnable_path(match: re.Match, skip) -> str | None:
    """The snippet a fence's Run button runs, or None: the fence includes one snippet file,
    is not a skipped fragment, has a language, and the snippet is not in ``skip``."""
    paths = {m["path"] for m in INCLUDE.finditer(match["body"])}
    info = match["info"].strip()
    if len(paths) != 1 or "test=" in info or not info:
        return None
    (path,) = paths
    return None if path in skip else path


def runnable_blocks(markdown: str, skip) -> list[str]:
    """The snippet of each block of a page's Markdown that gets a Run button, in page order
    (tests/test_run_in_browser.py collects its cases with this, before any build)."""
    return [path for match in FENCE.finditer(markdown) if (path := runnable_path(match, skip))]


def _mark(match: re.Match) -> str:
    path = runnable_path(match, _state["skip"])
    if path is None:
        return match[0]
    info = match["info"].strip()
    _state["shown"].add(path)
    attribute = f'data-run-snippet="{html.escape(path)}"'
    if info.startswith("{") and info.endswith("}"):
        info = f"{info[:-1].rstrip()} {attribute}}}"
    else:
        language, _, rest = info.partition(" ")
        info = f"{{.{language} {attribute}{(' ' + rest) if rest else ''}}}"
    return (
        f"{match['indent']}{match['ticks']}{info}\n{match['body']}{match['indent']}{match['ticks']}"
    )


def on_page_markdown(markdown, page, config, files):
    return FENCE.sub(_mark, markdown)


def on_page_content(content, page, config, files):
    if "data-run-snippet=" not in content:
        return content
    record = _state["record"]
    attributes = " ".join(
        f'data-{name}="{html.escape(str(record[name]))}"'
        for name in ("python", "pyodide", "sqlalchemy")
    )
    return f'{content}\n<div class="rib-config" hidden {attributes}></div>\n'


def on_post_build(config):
    target = Path(config["site_dir"]) / COPY_TO
    for path in sorted(_state.get("shown", ())):
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / path, destination)
