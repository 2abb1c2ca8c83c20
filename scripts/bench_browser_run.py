"""Measure the Run buttons in Chromium: bytes and time of a first Run, time of a second Run.

    .venv/bin/python scripts/bench_browser_run.py                 build the site, measure 8 pages
    .venv/bin/python scripts/bench_browser_run.py --pages 12 --site /tmp/site   a built site
    .venv/bin/python scripts/bench_browser_run.py --pages 1 --repeat 40   40 runs in one tab

For each page (the first --pages pages, in path order, that show at least two snippets with a
Run button), in a new browser context, so with an empty cache as on a first visit:

- load the page; count what it requested (nothing of Pyodide may be among it);
- click Run on its first block: the bytes of every response from the click to the end of the
  run (bodies as sent plus headers, Playwright's request.sizes()), and the time from the click
  to the first printed line and to the end of the run (the page records both, in
  performance.now() milliseconds, as data-first-output-ms and data-click-to-done-ms);
- click Run on the block of another snippet: the same two times, with Python already started;
- count the requests to another host than the site's server (page load and both runs).

With --repeat N, one more tab on the first page clicks Run N times, its blocks in turn, so
one Python serves every run (as for a reader who stays on the site): each run's time, to see
whether later runs get slower.

Prints a table and the medians, and writes them to .cache/bench-browser-run.json. A figure,
not a test: nothing here passes or fails on time (tests/test_run_in_browser.py checks the
output; this script only reports how long it took on this machine).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from harness import processes  # noqa: E402
from harness.site import BuiltSite, build_once  # noqa: E402

OUT = ROOT / ".cache" / "bench-browser-run.json"
FINAL = "el => ['done', 'error', 'failed', 'stopped'].includes(el.dataset.state)"
RUNTIME = re.compile(r"/assets/(pyodide/|javascripts/run-in-browser-worker\.mjs)")
MARKED = re.compile(r'data-run-snippet="([^"]+)"')


@contextmanager
def serve(site: BuiltSite) -> Iterator[str]:
    """The built site on 127.0.0.1 (as the tests serve it); yields its address."""
    port = processes.free_port()
    url = f"http://127.0.0.1:{port}{site.prefix}"
    command = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)]
    command += ["--directory", str(site.serve_root)]
    with tempfile.TemporaryDirectory(prefix="bench-http-") as logs:
        log = Path(logs) / "requests.log"
        with processes.running(command, ready=processes.answers(url), log=log, timeout=30):
            yield url


def pages_to_measure(site: BuiltSite, count: int) -> list[str]:
    chosen = []
    for page in site.pages():
        snippets = list(dict.fromkeys(MARKED.findall(site.html(page))))
        if len(snippets) >= 2:
            chosen.append(page)
    return chosen[:count]


def shown(page, snippets: list[str]) -> list[str]:
    """The snippets whose Run block is visible without a click (not in a closed tab or box)."""
    visible = page.locator(".rib:visible").evaluate_all("els => els.map(e => e.dataset.snippet)")
    return [snippet for snippet in snippets if snippet in visible]


def run_block(page, snippet: str, timeout_ms: int) -> dict:
    panel = page.locator(f'.rib[data-snippet="{snippet}"]:visible').first
    panel.get_by_role("button", name="Run", exact=True).click()
    output = panel.get_by_role("region", name="Output")
    output.wait_for(state="attached")
    page.wait_for_function(FINAL, arg=output.element_handle(), timeout=timeout_ms)
    data = output.evaluate("(el) => ({ ...el.dataset })")
    return {
        "snippet": snippet,
        "state": data.get("state"),
        "differing": int(data.get("differing", "-1")),
        "first_output_ms": int(data["firstOutputMs"]) if "firstOutputMs" in data else None,
        "click_to_done_ms": int(data["clickToDoneMs"]) if "clickToDoneMs" in data else None,
    }


def measure_page(browser, site_url: str, page_path: str, snippets: list[str]) -> dict:
    context = browser.new_context(service_workers="block")
    requests = []
    context.on("request", lambda request: requests.append(request))
    try:
        page = context.new_page()
        page.goto(site_url + page_path, wait_until="load")
        page.locator(".rib").first.wait_for(state="attached")
        snippets = shown(page, snippets)
        if len(snippets) < 2:
            raise SystemExit(f"/{page_path}: fewer than 2 Run blocks on show without a click")
        loaded = len(requests)
        early = [r.url for r in requests if RUNTIME.search(r.url)]
        first = run_block(page, snippets[0], 300_000)
        first_requests = requests[loaded:]
        transferred = 0
        for request in first_requests:
            sizes = request.sizes()
            transferred += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        second = run_block(page, snippets[1], 120_000)
        host = urlsplit(site_url).netloc
        foreign = [
            r.url
            for r in requests
            if urlsplit(r.url).scheme not in ("data", "blob", "about")
            and urlsplit(r.url).netloc != host
        ]
        return {
            "page": page_path,
            "requests_on_load": loaded,
            "runtime_requests_before_run": early,
            "first_run": first,
            "first_run_requests": len(first_requests),
            "first_run_bytes": transferred,
            "second_run": second,
            "foreign_requests": foreign,
        }
    finally:
        context.close()


def measure_repeat(browser, site_url: str, page_path: str, site: BuiltSite, count: int) -> list:
    """Click Run ``count`` times in one tab, the page's blocks in turn; one Python runs all."""
    snippets = list(dict.fromkeys(MARKED.findall(site.html(page_path))))
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + page_path, wait_until="load")
        page.locator(".rib").first.wait_for(state="attached")
        snippets = shown(page, snippets)
        if not snippets:
            raise SystemExit(f"/{page_path}: no Run block on show without a click")
        runs = []
        for n in range(count):
            run = run_block(page, snippets[n % len(snippets)], 300_000)
            runs.append(run)
            print(
                f"run {n + 1} in one tab ({run['snippet']}): {run['state']}, "
                f"{run['click_to_done_ms']} ms click to done, {run['differing']} lines differ",
                flush=True,
            )
        return runs
    finally:
        context.close()


def reasons() -> dict[str, int]:
    import yaml

    entries = yaml.safe_load(
        (ROOT / "tests" / "data" / "not-runnable-in-browser.yml").read_text(encoding="utf-8")
    )
    return dict(Counter(entry["reason"] for entry in entries).most_common())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=8, help="how many pages (default 8)")
    parser.add_argument("--site", type=Path, help="a built site folder (default: build one)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--repeat",
        type=int,
        default=0,
        help="also click Run N times in one tab on the first page, its blocks in turn, "
        "and report each run's time (one Python serves them all)",
    )
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not chromium:
        raise SystemExit("needs Chromium: install `chromium` or set CHROMIUM")
    with tempfile.TemporaryDirectory(prefix="bench-browser-run-") as tmp:
        if args.site:
            site = BuiltSite(args.site.resolve(), "", 0.0)
        else:
            print("building the site…", file=sys.stderr)
            site = build_once(Path(tmp))
        results = []
        repeated = []
        with serve(site) as site_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
            )
            measured = pages_to_measure(site, args.pages)
            for page_path in measured:
                snippets = list(dict.fromkeys(MARKED.findall(site.html(page_path))))
                result = measure_page(browser, site_url, page_path, snippets)
                results.append(result)
                first, second = result["first_run"], result["second_run"]
                print(
                    f"/{page_path}: first Run {first['first_output_ms']} ms to output, "
                    f"{first['click_to_done_ms']} ms to done, {result['first_run_bytes']:,} "
                    f"bytes in {result['first_run_requests']} requests; second Run "
                    f"{second['first_output_ms']} ms to output, {second['click_to_done_ms']} "
                    f"ms to done; {len(result['foreign_requests'])} requests to another host",
                    flush=True,
                )
            if args.repeat and measured:
                repeated = measure_repeat(browser, site_url, measured[0], site, args.repeat)
            browser.close()

    def median(key: str, run: str) -> float | None:
        values = [r[run][key] for r in results if r[run][key] is not None]
        return statistics.median(values) if values else None

    summary = {
        "pages": len(results),
        "median_first_run_first_output_ms": median("first_output_ms", "first_run"),
        "median_first_run_click_to_done_ms": median("click_to_done_ms", "first_run"),
        "median_second_run_first_output_ms": median("first_output_ms", "second_run"),
        "median_second_run_click_to_done_ms": median("click_to_done_ms", "second_run"),
        "median_first_run_bytes": statistics.median(r["first_run_bytes"] for r in results),
        "runtime_requests_before_first_run": sum(
            len(r["runtime_requests_before_run"]) for r in results
        ),
        "requests_to_another_host": sum(len(r["foreign_requests"]) for r in results),
        "not_runnable_reasons": reasons(),
    }
    if repeated:
        summary["repeat_click_to_done_ms"] = [run["click_to_done_ms"] for run in repeated]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"summary": summary, "pages": results}, indent=1) + "\n")
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
