"""The built site: one ``mkdocs build --strict`` per test run, and where it is served.

``build_once(shared_dir)`` builds into ``shared_dir`` the first time any pytest-xdist worker
asks (a file lock; the others read the first one's record), which is pytest-xdist's recipe
for a session fixture that runs once per run. The site sits under the path of ``site_url``
(for example ``served/guide/``), so a server started on ``serve_root`` serves it at
http://127.0.0.1:PORT/guide/, where GitHub Pages serves it and where 404.html expects its
assets.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from harness import locks

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class BuiltSite:
    serve_root: Path  # what the HTTP server serves
    site_url: str  # as configured, e.g. "https://example.github.io/guide/", or ""
    seconds: float  # how long `mkdocs build` took

    @property
    def prefix(self) -> str:
        """The path of site_url, "/guide/" or "/": where the site sits on its server."""
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def directory(self) -> Path:
        """The built site itself: serve_root plus the prefix."""
        return self.serve_root / self.prefix.strip("/")

    def pages(self) -> list[str]:
        """Every HTML page as a path below the prefix: "", "lifecycle/x/", "404.html"."""
        found = []
        for index in sorted(self.directory.rglob("index.html")):
            folder = index.parent.relative_to(self.directory).as_posix()
            found.append("" if folder == "." else folder + "/")
        if (self.directory / "404.html").is_file():
            found.append("404.html")
        return found

    def html(self, page: str) -> str:
        target = self.directory / page
        if page == "" or page.endswith("/"):
            target = target / "index.html"
        return target.read_text(encoding="utf-8")


class BuildFailed(RuntimeError):
    """``mkdocs build --strict`` failed; the message holds the command and its output."""


def configured_site_url() -> str:
    """site_url from mkdocs.yml, resolving !ENV the way `mkdocs build` does."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(ROOT / "mkdocs.yml", encoding="utf-8") as config_file:
            site_url = yaml_load(config_file).get("site_url") or ""
    except Exception:
        return ""  # the build itself then fails and says what is wrong with mkdocs.yml
    return site_url if not site_url or site_url.endswith("/") else site_url + "/"


def _build(base: Path) -> dict:
    site_url = configured_site_url()
    serve_root = base / "served"
    site_dir = serve_root / BuiltSite(serve_root, site_url, 0).prefix.strip("/")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    result = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one stream keeps warnings next to what they are about
        text=True,
        timeout=600,
    )
    return {
        "serve_root": str(serve_root),
        "site_url": site_url,
        "seconds": time.perf_counter() - started,
        "returncode": result.returncode,
        "output": result.stdout,
        "command": "python " + " ".join(command[1:]),
    }


def build_once(shared_dir: Path) -> BuiltSite:
    """Build the site once per test run (shared by all workers); raise ``BuildFailed``."""
    with locks.held(shared_dir / "site-build.lock"):
        record = shared_dir / "site-build.json"
        if record.exists():
            build = json.loads(record.read_text())
        else:
            build = _build(shared_dir / "site-build")
            record.write_text(json.dumps(build))
    if build["returncode"] != 0:
        raise BuildFailed(
            f"`{build['command']}` failed (exit {build['returncode']}):\n{build['output']}"
        )
    return BuiltSite(Path(build["serve_root"]), build["site_url"], build["seconds"])
