"""Fixtures shared by every test file. Servers and the browser start on first need only.

The built site and the browser (pytest-playwright's fixtures, pointed at the system Chromium):

- ``built_site``: one ``mkdocs build --strict`` per test run, shared by all pytest-xdist
  workers (a ``harness.site.BuiltSite``: ``.directory``, ``.pages()``, ``.html(page)``).
- ``site_url``: that build served on 127.0.0.1, e.g. ``http://127.0.0.1:PORT/guide/``.
- ``page``, ``context``, ``browser``, ``new_context``: pytest-playwright's, so a browser test
  just asks for ``page``. Every context opens at ``site_url`` (``base_url``: so
  ``page.goto("lifecycle/commit/")`` works), 1280x900, light scheme, service workers
  blocked, a 15 s default timeout, and mermaid's shadow roots opened so selectors can reach
  the diagrams. The browser is Debian's ``chromium`` or ``$CHROMIUM``
  (``browser_type_launch_args``); ``playwright install`` is never needed, and a missing
  browser fails the test with a message saying how to get one. Once a browser test has run,
  pytest-playwright's sync API leaves an event loop marked running in the main thread for
  the rest of the process: a test that calls ``asyncio.run()`` must do it in a thread of its
  own (see ``run_in_own_thread`` in tests/test_fastapi_load.py).

Servers (``harness.services``; ``DATABASE_URL`` / ``REDIS_URL`` are used when set):

- ``postgres_server``: the PostgreSQL server's admin URL, started on first need.
- ``own_database``: a fresh database for this test, also exported as
  ``GUIDE_SNIPPET_DATABASE`` so every process the test starts uses it; dropped afterwards.
- ``redis_url``: the Redis URL, started on first need.

Snippets:

- ``snippet_runs``: ``snippet_runs.get(path)`` is the one run of a snippet in this pytest run
  (``harness.snippets.Run``), shared between the tests that need it.
- ``shared_tmp``: a folder shared by all pytest-xdist workers of this run.

Processes a test starts itself: ``harness.processes`` (``free_port``, ``running``, ``stop``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest

from harness import browser as chromium
from harness import processes, services
from harness.site import BuildFailed, BuiltSite, build_once

# --- pytest-playwright, loaded when a browser test may run -----------------------------------

# Test files with no browser test: a run that names only these (checking one snippet, say)
# does not import Playwright, which costs about as much as running a small snippet. Adding a
# browser test to one of them fails loudly ("fixture 'page' not found"), never silently.
WITHOUT_BROWSER = frozenset(
    {"test_snippets.py", "test_notebooks.py", "test_workflows.py", "test_state_diagram.py"}
)
_DECIDED = "GUIDE_PYTEST_PLAYWRIGHT"  # the controller's decision, inherited by xdist workers


def _named_test_files(args: list[str]) -> list[str]:
    """The file names of the test paths on the command line (``tests/x.py::name`` -> x.py)."""
    names = []
    for arg in args:
        path = arg.split("::", 1)[0]
        if path.endswith(".py") or path.rstrip("/").endswith("tests") or "/" in path:
            names.append(Path(path).name)
    return names


def _load_playwright() -> bool:
    if os.environ.get("PYTEST_XDIST_WORKER") and _DECIDED in os.environ:
        return os.environ[_DECIDED] == "1"
    import sys

    named = _named_test_files(sys.argv[1:])
    load = not named or not set(named) <= WITHOUT_BROWSER
    os.environ[_DECIDED] = "1" if load else "0"
    return load


pytest_plugins = ["pytest_playwright.pytest_playwright"] if _load_playwright() else []


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-examples",
        action="store_true",
        help="rewrite the #> lines of snippets, the notebooks and the generated files from a "
        "real run instead of failing when they differ",
    )


def pytest_report_header(config: pytest.Config) -> list[str]:
    return [f"SQLAlchemy {version('sqlalchemy')}"]


def pytest_sessionstart(session: pytest.Session) -> None:
    # scripts/test says which SQLAlchemy it meant to test; a run against another one would
    # be a pass for the wrong version, so it stops here instead.
    expected = os.environ.get("EXPECT_SQLALCHEMY")
    installed = version("sqlalchemy")
    # The weekly upstream job checks a pre-release or main against this line's output on
    # purpose, and says so with GUIDE_SQLALCHEMY_TAGS (see harness.snippets.installed_version).
    tags = os.environ.get("GUIDE_SQLALCHEMY_TAGS")
    if expected and tags != expected and not installed.startswith(expected + "."):
        raise pytest.UsageError(
            f"EXPECT_SQLALCHEMY={expected} but this environment has SQLAlchemy {installed}"
        )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # What this run checked the pages with, for the line every page shows (controller only).
    # Recorded before the servers stop: it asks the PostgreSQL server for its version.
    if not hasattr(session.config, "workerinput"):
        from harness import provenance

        provenance.record(session, exitstatus)
    # pytest-xdist workers leave without running atexit handlers: stop the servers here.
    services.stop_all()


# Fixtures that start a server, a worker or a browser: a test asking for one is marked
# "processes", and so is every snippet that needs PostgreSQL, Redis or Celery workers.
PROCESS_FIXTURES = {
    "page",
    "context",
    "new_context",
    "browser",
    "site_url",
    "base_url",
    "own_database",
    "postgres_server",
    "redis_url",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        starts = PROCESS_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        if not starts and item.originalname == "test_snippet_output":  # type: ignore[attr-defined]
            starts = services.snippet_needs(item.callspec.params["path"])  # type: ignore[attr-defined]
        if starts:
            item.add_marker(pytest.mark.processes)


# --- Shared folders and snippet runs ---------------------------------------------------------


@pytest.fixture(scope="session")
def shared_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder shared by every pytest-xdist worker of this run (the run's own without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def snippet_runs(shared_tmp: Path):
    from harness.snippets import RunCache

    return RunCache(shared_tmp / "snippet-runs")


# --- Servers ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server():
    try:
        return services.ensure_postgres()
    except services.ServiceUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture
def own_database(postgres_server, monkeypatch: pytest.MonkeyPatch):
    """A fresh database for this test (psycopg URL); processes the test starts inherit it."""
    from guide_support.postgres import INHERITED

    with services.fresh_database("guide_test") as url:
        monkeypatch.setenv(INHERITED, url.render_as_string(hide_password=False))
        yield url


@pytest.fixture(scope="session")
def redis_url() -> str:
    try:
        return services.ensure_redis()
    except services.ServiceUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)


# --- The built site and its server ------------------------------------------------------------


@pytest.fixture(scope="session")
def built_site(shared_tmp: Path) -> BuiltSite:
    """`mkdocs build --strict` once per test run; a failed build fails with its output."""
    try:
        return build_once(shared_tmp)
    except BuildFailed as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site served on 127.0.0.1; its address, e.g. http://127.0.0.1:PORT/guide/.

    Served by `python -m http.server` from outside the build folder (a server started inside
    it keeps serving a deleted folder after a rebuild).
    """
    import sys

    port = processes.free_port()
    url = f"http://127.0.0.1:{port}{built_site.prefix}"
    command = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)]
    command += ["--directory", str(built_site.serve_root)]
    log = tmp_path_factory.mktemp("http-server") / "requests.log"
    failed = None
    try:
        with processes.running(
            command, ready=processes.answers(url), log=log, what="http.server", timeout=30
        ):
            yield url
    except processes.ProcessFailed as exc:
        failed = str(exc)
    if failed:
        pytest.fail(failed, pytrace=False)


# --- The browser (pytest-playwright) -----------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright launches the system Chromium, never a downloaded one."""
    try:
        executable = chromium.chromium_executable()
    except chromium.NoBrowser as exc:
        pytest.fail(str(exc), pytrace=False)
    return {**browser_type_launch_args, "executable_path": executable, "args": chromium.ARGS}


@pytest.fixture(scope="session")
def base_url(site_url: str) -> str:
    """pytest-playwright opens every context at the served site."""
    return site_url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {
        **browser_context_args,
        "viewport": chromium.VIEWPORT,
        "color_scheme": "light",
        "service_workers": "block",
    }


@pytest.fixture
def context(new_context):
    """pytest-playwright's context, with a default timeout and mermaid's shadow roots open."""
    return chromium.prepare(new_context())
