"""The Run buttons, clicked in Chromium: every snippet with a button prints its #> lines there.

hooks/run_in_browser.py gives a Run button to each block whose snippet is not listed in
tests/data/not-runnable-in-browser.yml; the button runs the whole file in Pyodide with the
pinned SQLAlchemy wheel (docs/assets/pyodide/runtime.json), in a Web Worker, and writes what
it printed into the element labelled "Output" under the block.

What is checked:
- every page with Run buttons has one under each block the hook marks (collected here from
  the Markdown with the hook's own rule, and compared with the built pages), each saying
  which Python and SQLAlchemy it runs;
- each distinct snippet is run once, by clicking its button on the first page that shows it
  (one test per page, so pytest-xdist spreads the pages); its printed lines must equal its
  ``#>`` lines for the SQLAlchemy the browser runs (2.1), normalised as the snippet test
  does (``harness.snippets.normalise``), and the page's own marks must agree; a line that
  differs only in an object address or a session number must be labelled as such on the
  page. A failure names the page, the snippet and the first differing line;
- nothing of Pyodide (not even the worker script) is requested before the first Run on a
  page, and no request goes to another host than the site's server, during the page load
  or the runs (Playwright sees the worker's requests too: the test also requires the
  interpreter's own requests to have been seen);
- every snippet listed in not-runnable-in-browser.yml is run in the same in-browser Python
  (the worker the buttons use): one that exits cleanly printing exactly its #> lines fails
  the test, so the list cannot keep a snippet that now runs; every snippet either has a
  button or is listed with a reason;
- Edit runs the changed code, Reset puts back the tested text, Stop ends a run that does not
  finish, and the next Run starts a new Python (a new worker); a fatal error of Pyodide
  itself ends the run as failed, and the next Run starts a new Python too.

How: each pytest-xdist worker keeps its tabs from test to test (``Tabs``). The checks of a
full page load are made on a tab that never clicks Run; the runs happen in one reader's tab
that goes from page to page by following a link (Material's instant navigation), so the
Python its first Run starts serves the runs of the next pages, as it does for a reader (up to
``RUNS_PER_PYTHON`` runs). Starting it once per page instead made up most of this file's time.

The figures for bytes and time per Run come from scripts/bench_browser_run.py, not from here:
no assertion here depends on how fast the machine is (the waits are upper bounds only).
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from harness import browser as chromium
from harness.site import BuiltSite
from harness.snippets import OUTPUT_LINE, ROOT, normalise, snippet_files

# Built site and browser: once per test command, not once per SQLAlchemy version.
pytestmark = pytest.mark.site

DOCS = ROOT / "docs"
RUNTIME_JSON = DOCS / "assets" / "pyodide" / "runtime.json"
WORKER = "assets/javascripts/run-in-browser-worker.mjs"
# What belongs to the in-browser Python: none of it may load before the first Run.
RUNTIME_URL = re.compile(r"/assets/(pyodide/|javascripts/run-in-browser-worker\.mjs)")
LOCAL_SCHEMES = {"data", "blob", "about"}

# Upper bounds, not measurements: starting Pyodide on a busy 2-core machine has taken 8 s.
START_MS = 240_000  # the first Run in a tab, or after Stop: fetch and start Python, then run
RUN_MS = 120_000  # a later Run
LISTED_RUN_MS = 60_000  # a listed snippet (one that waits for a server it never gets)
# How many runs one Python serves here before the reader's tab is loaded afresh. Each run
# leaves its SQLAlchemy behind in the worker: _guide_forget drops the modules from
# sys.modules, but weakref.finalize hooks and typing's caches still hold them (~10 MB and
# ~35,000 objects a run), and each run is slower than the one before (measured in one
# worker: 0.9 s for the 1st run, 2.6 s for the 20th, 4.7 s for the 40th, about 0.095 s more
# per run). With ~10 s to start Python, a new one every sqrt(2 * 10 / 0.095) ~ 15 runs costs
# least. (The listed snippets mostly stop at an import, and their probe is not restarted.)
RUNS_PER_PYTHON = 15
FINAL_STATES = re.compile(r"^(done|error|failed|stopped)$")
VOLATILE_LABEL = "object address or a session number"


def _load_hook():
    spec = importlib.util.spec_from_file_location(
        "run_in_browser_hook", ROOT / "hooks" / "run_in_browser.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HOOK = _load_hook()
LISTED: dict[str, str] = HOOK.not_runnable()


def _page_path(markdown_file: Path) -> str:
    """docs/a/b.md -> "a/b/", docs/a/index.md -> "a/", docs/index.md -> "" (directory URLs)."""
    parts = list(markdown_file.relative_to(DOCS).with_suffix("").parts)
    if parts[-1] == "index":
        parts.pop()
    return "".join(part + "/" for part in parts)


def _collect() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(page -> the snippet of each block with a Run button, in page order;
    page -> the distinct snippets that page runs: those no page before it shows)."""
    blocks: dict[str, list[str]] = {}
    for markdown_file in sorted(DOCS.rglob("*.md")):
        found = HOOK.runnable_blocks(markdown_file.read_text(encoding="utf-8"), LISTED)
        if found:
            blocks[_page_path(markdown_file)] = found
    assigned: dict[str, list[str]] = {}
    seen: set[str] = set()
    for page, snippets in sorted(blocks.items()):
        assigned[page] = [s for s in dict.fromkeys(snippets) if s not in seen]
        seen.update(snippets)
    return blocks, assigned


BLOCKS, ASSIGNED = _collect()
RUNNABLE = sorted({snippet for snippets in BLOCKS.values() for snippet in snippets})


def _listed_groups() -> dict[str, list[str]]:
    """The listed snippets by section (snippets/<section>/): one test each."""
    groups: dict[str, list[str]] = defaultdict(list)
    for snippet in sorted(LISTED):
        groups[snippet.split("/")[1]].append(snippet)
    return dict(groups)


LISTED_GROUPS = _listed_groups()


# --- Comparing -----------------------------------------------------------------------------


def _runtime() -> dict:
    if not RUNTIME_JSON.is_file():
        pytest.fail(
            f"{RUNTIME_JSON.relative_to(ROOT)} is missing: run `python scripts/browser_runtime.py` "
            "(scripts/test runs it)",
            pytrace=False,
        )
    return json.loads(RUNTIME_JSON.read_text(encoding="utf-8"))


def _browser_tag(runtime: dict) -> str:
    """The #> tag the browser's SQLAlchemy answers to: "2.1" for 2.1.9."""
    return ".".join(runtime["sqlalchemy"].split(".")[:2])


def expected_output(source: str, tag: str) -> list[tuple[int, str]]:
    """(line number in the file, text) of each #> line meant for SQLAlchemy ``tag``."""
    lines = []
    for number, line in enumerate(source.splitlines(), start=1):
        match = OUTPUT_LINE.match(line)
        if match and match["version"] in (None, tag):
            lines.append((number, (match["text"] or "").rstrip()))
    return lines


def expected_blocks(source: str, tag: str) -> list[list[str]]:
    """The #> lines for ``tag`` grouped by the run of #> lines (one print() call) they sit in."""
    blocks: list[list[str]] = []
    block: list[str] | None = None
    for line in source.splitlines():
        match = OUTPUT_LINE.match(line)
        if not match:
            block = None
            continue
        if block is None:
            blocks.append(block := [])
        if match["version"] in (None, tag):
            block.append((match["text"] or "").rstrip())
    return [lines for lines in blocks if lines]


def interleaves(printed: list[str], blocks: list[list[str]]) -> bool:
    """Whether ``printed`` takes each print()'s #> lines in their order (normalised).

    A print() that runs more than once (a loop, a function called twice) has all its lines
    under it, as the snippet test writes them, so the file lists them in another order than
    they are printed. Greedy, the block listed first taking a line two could take: the same
    rule as the page's own marks (run-in-browser.js ``interleaves``).
    """
    taken = [0] * len(blocks)
    for got in printed:
        for index, lines in enumerate(blocks):
            if taken[index] < len(lines) and normalise(lines[taken[index]]) == normalise(got):
                taken[index] += 1
                break
        else:
            return False
    return taken == [len(lines) for lines in blocks]


def first_difference(snippet: str, expected: list[tuple[int, str]], printed: list[str]) -> str:
    """'' when ``printed`` equals the #> lines (normalised), else where they first differ."""
    for index, (number, want) in enumerate(expected):
        if index >= len(printed):
            return (
                f"{snippet}:{number}: the browser printed {len(printed)} lines and stopped; "
                f"the #> line says {want!r}"
            )
        got = printed[index].rstrip()
        if normalise(got) != normalise(want):
            return f"{snippet}:{number}: the #> line says {want!r}, the browser printed {got!r}"
    if len(printed) > len(expected):
        return (
            f"{snippet}: the browser printed {len(printed) - len(expected)} lines more than the "
            f"#> lines, the first: {printed[len(expected)]!r}"
        )
    return ""


def _source(snippet: str) -> str:
    return (ROOT / snippet).read_text(encoding="utf-8")


# --- The page ------------------------------------------------------------------------------


def _is_local(url: str, site_url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.netloc == urlsplit(site_url).netloc


def _open_collapsed(page: Page) -> None:
    """Open each collapsed block (``??? example``) that holds a Run button, so that its button
    can be clicked (in one call: clicking each summary took about 0.5 s)."""
    page.locator("details:not([open]):has(.rib)").evaluate_all(
        "(blocks) => blocks.forEach((block) => { block.open = true })"
    )


def _panel(page: Page, snippet: str) -> Locator:
    """The first block of ``snippet`` a reader sees (a collapsed Setup block may come first)."""
    return page.locator(f'.rib[data-snippet="{snippet}"]').filter(visible=True).first


def _click_run(panel: Locator, timeout: int) -> Locator:
    """Click Run, wait until the run ends; the Output element."""
    panel.get_by_role("button", name="Run", exact=True).click()
    output = panel.get_by_role("region", name="Output")
    expect(output).to_have_attribute("data-state", FINAL_STATES, timeout=timeout)
    return output


LINES_JS = """(lines) => lines.map((line) => [...line.childNodes]
    .filter((node) => !(node.classList && node.classList.contains("rib-mark")))
    .map((node) => node.textContent).join(""))"""


def _printed(output: Locator, stream: str = "stdout") -> list[str]:
    """The lines of one stream in the Output element, without the page's ≠ marks."""
    return output.locator(f'.rib-line[data-stream="{stream}"]').evaluate_all(LINES_JS)


def _check_run(page_path: str, snippet: str, output: Locator, tag: str) -> str:
    """'' if the run printed the snippet's #> lines and the page says so, else why not."""
    where = f"page /{page_path}, {snippet}"
    state = output.get_attribute("data-state")
    printed = _printed(output)
    expected = expected_output(_source(snippet), tag)
    difference = first_difference(snippet, expected, printed)
    reordered = bool(difference) and interleaves(printed, expected_blocks(_source(snippet), tag))
    if reordered:
        difference = ""
    if state != "done":
        stderr = _printed(output, "stderr")
        status = output.locator(".rib-status").inner_text()
        last = stderr[-1] if stderr else "(nothing on stderr)"
        return f"{where}: the run did not finish cleanly ({status}) {last}; {difference}"
    if difference:
        return f"{where}: {difference}"
    differing = output.get_attribute("data-differing")
    if differing != "0":
        return f"{where}: the page marks {differing} lines as differing, the suite none"
    raw = [want for _, want in expected]
    if not reordered and any(got.rstrip() != want for got, want in zip(printed, raw, strict=True)):
        summary = output.locator(".rib-summary").inner_text()
        if VOLATILE_LABEL not in summary:
            return (
                f"{where}: a line differs from its #> line in an address or session number "
                f"and the page does not say why: {summary!r}"
            )
    return ""


# --- The tabs: kept by each pytest-xdist worker from test to test ---------------------------

NEXT_PAGE_JS = """(url) => {
  for (const panel of document.querySelectorAll(".rib")) panel.dataset.left = ""
  const link = Object.assign(document.createElement("a"), { href: url, id: "rib-next-page" })
  link.textContent = "the next page"
  document.querySelector("article").prepend(link)
}"""


def _without_fragment(url: str) -> str:
    return urlsplit(url)._replace(fragment="").geturl()


class Tabs:
    """The browser tabs of one pytest-xdist worker, kept from one test to the next.

    Starting the in-browser Python is most of what a Run costs: about 10 s on a 2-core
    machine (Pyodide's fetch, compile and start about half of it, compiling SQLAlchemy's
    modules the other half), a later Run about 1 s. A fresh context per page started it once
    per page. Here the runs of every page happen in one tab, ``reader``, that goes from page
    to page by following a link, as a reader does: Material's instant navigation swaps the
    page in without reloading run-in-browser.js, which keeps the Python of the first Run for
    the pages reached that way. So a worker starts it once every ``RUNS_PER_PYTHON`` runs
    (and after Stop, or after a failed test, which closes every tab).

    - ``first_visit(page)``: a full load of the page in a tab of its own context, which never
      clicks Run, so nothing of Pyodide can come from its cache: every URL the page and its
      workers request is in the list returned.
    - ``visit(page)``: the reader's tab showing the page (a full load the first time, then a
      link); ``requests``: every URL that tab and its workers requested.
    - ``probe()``: a tab with the buttons' worker started by hand, for the listed snippets;
      ``probe_requests``: what it requested.
    """

    def __init__(self, browser: Browser, context_args: dict, built_site: BuiltSite, site_url: str):
        self._browser = browser
        self._context_args = context_args
        self._built_site = built_site
        self._site_url = site_url
        self._contexts: list[BrowserContext] = []
        self._reading: BrowserContext | None = None
        self._first: Page | None = None
        self._reader: Page | None = None
        self._probe: tuple[Page, dict, dict] | None = None
        self._watching = None
        self.requests: list[str] = []
        self.probe_requests: list[str] = []
        self.runs = 0  # by the reader's Python

    def _new_context(self) -> BrowserContext:
        context = chromium.prepare(self._browser.new_context(**self._context_args))
        self._contexts.append(context)
        return context

    def _reading_page(self, requests: list[str]) -> Page:
        if self._reading is None:
            self._reading = self._new_context()
            chromium.sitemap_at(self._reading, self._built_site, self._site_url)
        page = self._reading.new_page()
        page.on("request", lambda request: requests.append(request.url))
        return page

    def first_visit(self, page_path: str) -> tuple[Page, list[str]]:
        """A full load of ``page_path``; every URL it requested (the list grows after)."""
        if self._first is None:
            self._first = self._new_context().new_page()
        if self._watching:
            self._first.remove_listener("request", self._watching)
        requests: list[str] = []
        self._watching = lambda request: requests.append(request.url)
        self._first.on("request", self._watching)
        self._first.goto(page_path, wait_until="load")
        return self._first, requests

    def visit(self, page_path: str) -> Page:
        """The reader's tab showing ``page_path``: reached by a link, or loaded (the first time,
        and when its Python has served ``RUNS_PER_PYTHON`` runs, so that the next Run starts
        a new one)."""
        if self._reader is None or self.runs >= RUNS_PER_PYTHON:
            if self._reader is None:
                self._reader = self._reading_page(self.requests)
            self._reader.goto(page_path, wait_until="load")
            self._reader.evaluate("() => { window.__ribReader = true }")
            self.runs = 0
            return self._reader
        if _without_fragment(self._reader.url) == self._site_url + page_path:
            self._follow("")  # a link to the page shown would not swap in a fresh one
        self._follow(page_path)
        return self._reader

    def _follow(self, page_path: str) -> None:
        page = self._reader
        target = self._site_url + page_path
        page.evaluate(NEXT_PAGE_JS, target)
        page.locator("#rib-next-page").click()
        # navigation.tracking puts the heading in view into the address as a #fragment.
        page.wait_for_url(lambda url: _without_fragment(url) == target)
        expect(page.locator(".rib[data-left]")).to_have_count(0)
        assert page.evaluate("() => window.__ribReader === true"), (
            f"following a link to /{page_path} reloaded the page: navigation.instant is not in "
            "effect, so every page would start Python again"
        )

    def click_run(self, panel: Locator, timeout: int) -> Locator:
        """``_click_run`` in the reader's tab, counted."""
        self.runs += 1
        return _click_run(panel, timeout)

    def probe_run(self, snippet: str, source: str) -> dict:
        """Run ``source`` as ``snippet`` in the probe's worker: what it printed, its status,
        how it ended."""
        return self.probe()[0].evaluate(
            "([path, source, ms]) => window.__ribProbe.run(path, source, ms)",
            [snippet, source, LISTED_RUN_MS],
        )

    def probe(self) -> tuple[Page, dict, dict]:
        """(tab, what its worker said when ready, what the page's buttons claim to run)."""
        if self._probe is None:
            page = self._reading_page(self.probe_requests)
            page.goto(PROBE_PAGE, wait_until="load")
            page.evaluate(PROBE_JS, self._site_url + WORKER)
            ready = page.evaluate("() => window.__ribProbe.start()")
            claimed = page.locator(".rib-config").evaluate("(c) => ({ ...c.dataset })")
            self._probe = (page, ready, claimed)
        return self._probe

    def close(self) -> None:
        for context in self._contexts:
            context.close()
        self._contexts = []
        self._reading = self._first = self._reader = self._probe = self._watching = None
        self.requests = []
        self.probe_requests = []
        self.runs = 0


@pytest.fixture(scope="module")
def _worker_tabs(
    browser: Browser, browser_context_args: dict, built_site: BuiltSite, site_url: str
):
    kept = Tabs(browser, browser_context_args, built_site, site_url)
    yield kept
    kept.close()


@pytest.fixture
def tabs(_worker_tabs: Tabs, request: pytest.FixtureRequest):
    """The worker's ``Tabs``; a failed test closes them (a run may still be going)."""
    failed = request.session.testsfailed
    yield _worker_tabs
    if request.session.testsfailed != failed:
        _worker_tabs.close()


# --- Tests: what the lists and the build hold ----------------------------------------------


def test_every_snippet_has_a_button_or_a_reason() -> None:
    """Each snippet gets a Run button on a page or is listed with a reason; no stale entry."""
    every = {path.relative_to(ROOT).as_posix() for path in snippet_files()}
    stale = sorted(set(LISTED) - every)
    assert not stale, f"not-runnable-in-browser.yml lists snippets that do not exist: {stale}"
    blank = sorted(snippet for snippet, reason in LISTED.items() if not str(reason).strip())
    assert not blank, f"not-runnable-in-browser.yml gives no reason for {blank}"
    neither = sorted(every - set(RUNNABLE) - set(LISTED))
    assert not neither, (
        "these snippets have no Run button on any page and no reason in "
        f"tests/data/not-runnable-in-browser.yml: {neither}"
    )
    both = sorted(set(RUNNABLE) & set(LISTED))
    assert not both, f"listed as not runnable yet given a button: {both}"


def test_the_build_has_the_collected_buttons(built_site) -> None:
    """The blocks the hook marked in the built pages are the ones this file runs."""
    marked = re.compile(r'data-run-snippet="([^"]+)"')
    built = {}
    for page in built_site.pages():
        found = marked.findall(built_site.html(page))
        if found:
            built[page] = found
    assert built == BLOCKS


# --- Tests: every page, every snippet -------------------------------------------------------


@pytest.mark.parametrize("page_path", sorted(BLOCKS), ids=lambda page: page.rstrip("/") or "home")
def test_run_buttons_print_the_tested_output(page_path: str, tabs: Tabs, site_url: str) -> None:
    runtime = _runtime()
    tag = _browser_tag(runtime)

    # A full load, as a first visit: a button under every marked block, saying what it runs;
    # nothing of Python loaded yet.
    page, requests = tabs.first_visit(page_path)
    panels = page.locator(".rib")
    expect(panels).to_have_count(len(BLOCKS[page_path]))
    _open_collapsed(page)
    assert panels.evaluate_all("(ps) => ps.map((p) => p.dataset.snippet)") == BLOCKS[page_path]
    label = (
        f"Python {runtime['python']} (Pyodide {runtime['pyodide']}), "
        f"SQLAlchemy {runtime['sqlalchemy']}"
    )
    for index in range(len(BLOCKS[page_path])):
        expect(panels.nth(index).get_by_role("button", name="Run", exact=True)).to_be_enabled()
        expect(panels.nth(index).locator(".rib-note")).to_contain_text(label)
    early = [url for url in requests if RUNTIME_URL.search(url)]
    assert not early, f"/{page_path} loads the in-browser Python before any Run: {early}"

    # The runs: in the reader's tab, reached by a link, with the Python started by the first
    # Run in that tab (here or on an earlier page).
    seen = len(tabs.requests)
    page = tabs.visit(page_path)
    panels = page.locator(".rib")
    expect(panels).to_have_count(len(BLOCKS[page_path]))
    _open_collapsed(page)
    assert panels.evaluate_all("(ps) => ps.map((p) => p.dataset.snippet)") == BLOCKS[page_path]
    failures = []
    for number, snippet in enumerate(ASSIGNED[page_path]):
        output = tabs.click_run(_panel(page, snippet), START_MS if number == 0 else RUN_MS)
        failure = _check_run(page_path, snippet, output, tag)
        if failure:
            failures.append(failure)

    foreign = [url for url in requests + tabs.requests[seen:] if not _is_local(url, site_url)]
    assert not foreign, f"/{page_path} requested another host: {foreign}"
    if ASSIGNED[page_path]:
        wasm = [url for url in tabs.requests if url.endswith("/assets/pyodide/pyodide.asm.wasm")]
        assert wasm, "the runs made no request for pyodide.asm.wasm that this test could see"
    assert not failures, "\n".join(failures)


# --- Tests: the listed snippets really do not run -------------------------------------------

# The buttons' own worker, started from a page of the site, with one function per run.
PROBE_JS = """(url) => {
  const probe = { worker: null, ready: null, listener: null, next: 1 }
  probe.start = () => {
    const worker = new Worker(url, { type: "module" })
    probe.worker = worker
    probe.ready = new Promise((resolve, reject) => {
      worker.onmessage = (event) => {
        const message = event.data
        if (message.type === "ready") resolve(message)
        else if (message.type === "failed") reject(new Error(message.message))
        else if (probe.listener) probe.listener(message)
      }
      worker.onerror = (event) => {
        event.preventDefault()
        reject(new Error(event.message || "the worker stopped"))
        if (probe.listener) probe.listener({ type: "crashed", message: event.message })
      }
    })
    return probe.ready
  }
  probe.run = async (path, source, timeoutMs) => {
    if (!probe.worker) await probe.start()
    await probe.ready
    const id = probe.next++
    const result = { stdout: [], stderr: [], status: null, ended: "done" }
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        probe.worker.terminate()
        probe.worker = null
        result.ended = "timeout"
        resolve()
      }, timeoutMs)
      probe.listener = (message) => {
        if (message.type === "out" && message.id === id) {
          result[message.stream].push(message.text)
          return
        }
        if (message.type === "done" && message.id === id) result.status = message.status
        else if (message.type === "crashed") {
          result.ended = "crashed: " + message.message
          probe.worker = null
        } else return
        clearTimeout(timer)
        resolve()
      }
      probe.worker.postMessage({ type: "run", id, path, source })
    })
    probe.listener = null
    return result
  }
  window.__ribProbe = probe
}"""

# A page with Run buttons: its hidden .rib-config says what the buttons claim to run.
PROBE_PAGE = "lifecycle/object-states/"


@pytest.mark.parametrize("section", sorted(LISTED_GROUPS))
def test_listed_snippets_do_not_run_in_the_browser(section: str, tabs: Tabs, site_url: str) -> None:
    runtime = _runtime()
    tag = _browser_tag(runtime)
    seen = len(tabs.probe_requests)
    # The worker's probe: started for the first section it runs, kept for the next ones.
    _, ready, claimed = tabs.probe()
    for name in ("python", "pyodide", "sqlalchemy"):
        assert ready[name] == claimed[name] == runtime[name], (
            f"the page says {name} {claimed[name]}, the browser runs {ready[name]}, "
            f"runtime.json pins {runtime[name]}"
        )

    running = []
    for snippet in LISTED_GROUPS[section]:
        result = tabs.probe_run(snippet, _source(snippet))
        if result["ended"] != "done" or result["status"] != 0:
            continue
        source = _source(snippet)
        if not first_difference(
            snippet, expected_output(source, tag), result["stdout"]
        ) or interleaves(result["stdout"], expected_blocks(source, tag)):
            running.append(f"{snippet} (listed: {LISTED[snippet]!r})")

    foreign = [url for url in tabs.probe_requests[seen:] if not _is_local(url, site_url)]
    assert not foreign, f"running the listed snippets requested another host: {foreign}"
    assert not running, (
        "these snippets now print their #> lines in the browser: remove them from "
        "tests/data/not-runnable-in-browser.yml so they get a Run button:\n" + "\n".join(running)
    )


# --- Tests: Edit, Reset, Stop ---------------------------------------------------------------

EDIT_PAGE = "lifecycle/object-states/"
EDIT_SNIPPET = "snippets/lifecycle/object_states_001_inspect.py"
EDITED_LINE = "edited in the browser"


def _editor(panel: Locator) -> Locator:
    return panel.get_by_role("textbox", name=re.compile("editable"))


def test_edit_runs_the_changed_code_and_reset_brings_back_the_tested_text(
    tabs: Tabs,
) -> None:
    assert EDIT_SNIPPET in BLOCKS[EDIT_PAGE]
    tested = _source(EDIT_SNIPPET)
    page = tabs.visit(EDIT_PAGE)
    panel = _panel(page, EDIT_SNIPPET)
    reset = panel.get_by_role("button", name="Reset", exact=True)

    panel.get_by_role("button", name="Edit", exact=True).click()
    editor = _editor(panel)
    expect(editor).to_have_value(tested)
    expect(reset).to_be_hidden()
    editor.fill(tested + f'print("{EDITED_LINE}")\n')
    expect(reset).to_be_visible()

    output = tabs.click_run(panel, START_MS)
    expect(output).to_have_attribute("data-state", "done")
    expect(output.locator(".rib-status")).to_contain_text("your edited script")
    printed = _printed(output)
    expected = [text for _, text in expected_output(tested, _browser_tag(_runtime()))]
    assert printed == [*expected, EDITED_LINE]
    # The added line is not among the #> lines: the page marks it, and only it.
    expect(output).to_have_attribute("data-differing", "1")
    expect(output.locator(".rib-differs")).to_have_text(re.compile(EDITED_LINE))

    reset.click()
    expect(editor).to_have_value(tested)
    expect(reset).to_be_hidden()
    output = tabs.click_run(panel, RUN_MS)
    expect(output).to_have_attribute("data-state", "done")
    expect(output.locator(".rib-status")).to_contain_text(f"Ran {EDIT_SNIPPET}")
    expect(output).to_have_attribute("data-differing", "0")
    assert _printed(output) == expected


def test_stop_ends_a_run_that_does_not_finish(tabs: Tabs) -> None:
    page = tabs.visit(EDIT_PAGE)
    panel = _panel(page, EDIT_SNIPPET)
    panel.get_by_role("button", name="Edit", exact=True).click()
    _editor(panel).fill('print("looping")\nwhile True:\n    pass\n')
    run = panel.get_by_role("button", name="Run", exact=True)
    stop = panel.get_by_role("button", name="Stop", exact=True)
    run.click()
    output = panel.get_by_role("region", name="Output")
    # Running for sure: the line before the loop has arrived from the worker.
    expect(output.locator('.rib-line[data-stream="stdout"]')).to_have_text(
        ["looping"], timeout=START_MS
    )
    expect(output).to_have_attribute("data-state", "running")
    expect(run).to_be_disabled()
    stop.click()
    stopped = len(tabs.requests)
    expect(output).to_have_attribute("data-state", "stopped")
    expect(output.locator(".rib-status")).to_contain_text("Stopped")
    expect(stop).to_be_hidden()
    expect(run).to_be_enabled()

    # The next Run starts a new Python, which runs the tested text again after Reset.
    panel.get_by_role("button", name="Reset", exact=True).click()
    output = tabs.click_run(panel, START_MS)
    expect(output).to_have_attribute("data-state", "done")
    expect(output).to_have_attribute("data-differing", "0")
    restarted = [url for url in tabs.requests[stopped:] if url.endswith(WORKER)]
    assert restarted, "the Run after Stop did not start a new worker (no request for its script)"


# Pyodide's own handler for a fatal error, called on purpose: the state a crash inside the
# interpreter (a WebAssembly trap, say) leaves it in. Nothing of Python runs there after it.
FATAL_SCRIPT = (
    "import pyodide_js\n"
    'print("before the fatal error", flush=True)\n'
    'pyodide_js._api.fatal_error(RuntimeError("on purpose"))\n'
)


def _run_edited(tabs: Tabs, script: str) -> tuple[Locator, Locator]:
    """Edit the object-states block to ``script`` and run it: (its panel, its Output)."""
    page = tabs.visit(EDIT_PAGE)
    panel = _panel(page, EDIT_SNIPPET)
    panel.get_by_role("button", name="Edit", exact=True).click()
    _editor(panel).fill(script)
    return panel, tabs.click_run(panel, START_MS)


def _reset_runs_on_a_new_python(tabs: Tabs, panel: Locator, what: str) -> None:
    """Reset, then Run: the tested text runs, on a new worker (the old one is not used)."""
    panel.get_by_role("button", name="Reset", exact=True).click()
    before = len(tabs.requests)
    output = tabs.click_run(panel, START_MS)
    expect(output).to_have_attribute("data-state", "done")
    expect(output).to_have_attribute("data-differing", "0")
    restarted = [url for url in tabs.requests[before:] if url.endswith(WORKER)]
    assert restarted, f"the Run after {what} did not start a new worker"


def test_a_fatal_error_of_pyodide_fails_the_run_and_the_next_run_starts_a_new_python(
    tabs: Tabs,
) -> None:
    panel, output = _run_edited(tabs, FATAL_SCRIPT)
    expect(output).to_have_attribute("data-state", "failed")
    expect(output.locator(".rib-status")).to_contain_text("Python stopped: Pyodide's fatal error")
    expect(output.locator('.rib-line[data-stream="stdout"]').first).to_have_text(
        "before the fatal error"
    )
    expect(panel.get_by_role("button", name="Run", exact=True)).to_be_enabled()
    _reset_runs_on_a_new_python(tabs, panel, "the fatal error")


# A script can break the runner itself: with sys.stdout closed, the runner's own flush after
# the script raises, outside the script's exec.
BREAKS_THE_RUNNER = 'import sys\nprint("closing stdout", flush=True)\nsys.stdout.close()\n'


def test_an_error_of_the_runner_fails_the_run_and_the_next_run_starts_a_new_python(
    tabs: Tabs,
) -> None:
    panel, output = _run_edited(tabs, BREAKS_THE_RUNNER)
    expect(output).to_have_attribute("data-state", "failed")
    expect(output.locator(".rib-status")).to_contain_text(
        "Python stopped: the runner failed after the script: ValueError"
    )
    expect(output.locator('.rib-line[data-stream="stderr"]').last).to_contain_text("ValueError")
    _reset_runs_on_a_new_python(tabs, panel, "the runner's error")


# sys.exit with a message: CPython prints the message to stderr and exits with status 1.
EXITS_WITH_A_MESSAGE = 'import sys\nprint("before the exit")\nsys.exit("stopped: no rows")\n'


def test_sys_exit_with_a_message_prints_it_and_ends_with_status_1_as_cpython_does(
    tabs: Tabs, tmp_path: Path
) -> None:
    script = tmp_path / "exits.py"
    script.write_text(EXITS_WITH_A_MESSAGE, encoding="utf-8")
    cpython = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    panel, output = _run_edited(tabs, EXITS_WITH_A_MESSAGE)
    expect(output).to_have_attribute("data-state", "error")
    expect(output.locator(".rib-status")).to_contain_text(
        f"ended with exit status {cpython.returncode}"
    )
    assert _printed(output) == cpython.stdout.splitlines()
    assert _printed(output, "stderr") == cpython.stderr.splitlines()
    assert (cpython.returncode, cpython.stderr) == (1, "stopped: no rows\n")
