"""Under load: the Flask-SQLAlchemy app of docs/flask/under-load.md in a real waitress process.

The app is the one in ``snippets/flask/under_load_001_waitress.py``. Here it runs in its own
``waitress`` process (8 worker threads) against a fresh PostgreSQL database, driven by
concurrent httpx clients on 127.0.0.1. Phase one: every request answers 200, the counts are
right, no more connections are checked out at once than waitress has threads, and every
connection is back in the pool afterwards. Phase two: 15 requests leak a session each (the
pool's 5 + 10 connections), then every ordinary request fails with the pool's TimeoutError
after ``pool_timeout``. Timings are not asserted: they are printed (``-s``) and written to
``.cache/flask_load.json``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import statistics
import sys
import time
from pathlib import Path

import httpx
import pytest

from harness import processes

ROOT = Path(__file__).resolve().parents[1]
APP_DIR = ROOT / "snippets" / "flask"
APP = "under_load_001_waitress:app"
THREADS = 8
REQUESTS = 400
CONCURRENCY = 64
PAGES = 4
POOL_SIZE, MAX_OVERFLOW, POOL_TIMEOUT = 5, 10, 2  # the app's SQLALCHEMY_ENGINE_OPTIONS
DEADLINE_SECONDS = 120  # the whole load phase; a slower run fails rather than hangs
READY_SECONDS = 60


def pool_answers(base_url: str):
    def probe() -> bool:
        try:
            return httpx.get(f"{base_url}/pool", timeout=1).status_code == 200
        except httpx.TransportError:
            return False

    return probe


async def drive(base_url: str, paths: list[str], failures: list[str]):
    """POST every path, at most CONCURRENCY in flight; (path, status, body), latencies, wall."""
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    gate = asyncio.Semaphore(CONCURRENCY)
    latencies: list[float] = []
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60) as client:

        async def one(n: int, path: str):
            async with gate:
                start = time.perf_counter()
                try:
                    response = await client.post(path)
                except httpx.TransportError as exc:
                    failures.append(f"#{n} {path}: {type(exc).__name__}: {exc}")
                    return path, -1, {}
                latencies.append(time.perf_counter() - start)
            return path, response.status_code, response.json()

        began = time.perf_counter()
        results = await asyncio.wait_for(
            asyncio.gather(*(one(n, p) for n, p in enumerate(paths))), DEADLINE_SECONDS
        )
        wall = time.perf_counter() - began
    return results, latencies, wall


def run_in_own_thread(coroutine):
    """``asyncio.run(coroutine)`` in a thread of its own, as tests/test_fastapi_load.py does:
    after a browser test on the same pytest-xdist worker, pytest-playwright's sync API leaves
    an event loop marked as running in the main thread, and ``asyncio.run()`` there raises."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def pool_state(base_url: str) -> dict[str, int]:
    return httpx.get(f"{base_url}/pool", timeout=5).json()


@pytest.mark.once
def test_flask_sqlalchemy_under_load(own_database, tmp_path):
    port = processes.free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(APP_DIR), os.environ.get("PYTHONPATH", "")])
    )
    cmd = [
        sys.executable,
        "-m",
        "waitress",
        f"--listen=127.0.0.1:{port}",
        f"--threads={THREADS}",
        APP,
    ]
    log = tmp_path / "waitress.log"
    failures: list[str] = []
    try:
        with processes.running(
            cmd,
            ready=pool_answers(base_url),
            log=log,
            what="waitress",
            cwd=ROOT,
            env=env,
            timeout=READY_SECONDS,
        ):
            paths = [f"/visits/page-{n % PAGES}" for n in range(REQUESTS)]
            results, latencies, wall = run_in_own_thread(drive(base_url, paths, failures))
            after_load = pool_state(base_url)

            leaks, _, _ = run_in_own_thread(
                drive(base_url, ["/leak"] * (POOL_SIZE + MAX_OVERFLOW), failures)
            )
            after_leak = pool_state(base_url)
            blocked, blocked_latencies, blocked_wall = run_in_own_thread(
                drive(base_url, [f"/visits/blocked-{n}" for n in range(THREADS)], failures)
            )
    except (processes.ProcessFailed, TimeoutError) as exc:
        pytest.fail(
            f"{type(exc).__name__}: {exc}\nserver log:\n{processes.log_tail(log)}", pytrace=False
        )
    server_log = processes.log_tail(log)

    quantiles = statistics.quantiles(latencies, n=100)
    highest: dict[str, int] = {}
    for path, _, body in results:
        highest[path] = max(highest.get(path, 0), body.get("count", -1))
    figures = {
        "app": APP,
        "server": f"waitress, {THREADS} threads",
        "requests": len(results),
        "concurrency": CONCURRENCY,
        "errors": sum(status != 200 for _, status, _ in results),
        "pool_peak_checked_out": after_load["peak"],
        "pool_checked_out_after": after_load["checked_out"],
        "wall_seconds": round(wall, 3),
        "requests_per_second": round(len(results) / wall, 1),
        "latency_ms_p50": round(quantiles[49] * 1000, 1),
        "latency_ms_p95": round(quantiles[94] * 1000, 1),
        "latency_ms_max": round(max(latencies) * 1000, 1),
        "leaked_sessions": len(leaks),
        "checked_out_after_leaks": after_leak["checked_out"],
        "blocked_requests": len(blocked),
        "blocked_statuses": sorted({status for _, status, _ in blocked}),
        "blocked_latency_ms_min": round(min(blocked_latencies) * 1000, 1),
        "blocked_wall_seconds": round(blocked_wall, 3),
        "cpus": os.cpu_count(),
    }
    print(f"\nFlask under load: {json.dumps(figures)}")
    cache = ROOT / ".cache"
    cache.mkdir(exist_ok=True)
    (cache / "flask_load.json").write_text(json.dumps(figures, indent=2) + "\n")

    assert not failures, "\n".join(failures[:10]) + f"\nserver log:\n{server_log}"
    assert figures["errors"] == 0, f"server log:\n{server_log}"
    assert sorted(highest.values()) == [REQUESTS // PAGES] * PAGES
    assert 1 <= after_load["peak"] <= THREADS, "one connection per request, at most one per thread"
    assert after_load["checked_out"] == 0
    assert after_leak["checked_out"] == POOL_SIZE + MAX_OVERFLOW
    assert figures["blocked_statuses"] == [500]
    for _, _, body in blocked:
        assert body["error"].startswith(
            "TimeoutError: QueuePool limit of size 5 overflow 10 reached"
        )
    assert min(blocked_latencies) >= POOL_TIMEOUT
