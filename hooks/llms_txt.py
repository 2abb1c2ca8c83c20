"""``llms.txt`` and ``llms-full.txt`` for readers who ask an assistant about the site.

An MkDocs hook (``hooks:`` in mkdocs.yml). After the build it writes two files at the root of
the site, following https://llmstxt.org/:

- ``llms.txt``: the site's name and description, then every page of the navigation, by
  section, as a link with the page's ``description``.
- ``llms-full.txt``: every page's Markdown in navigation order, where each code block that
  includes a snippet is replaced by the *whole* snippet file, byte for byte, with its ``#>``
  output lines (the first time the page shows that file; a later block of the same file
  says which section it showed). Relative links become absolute addresses on the site. The
  2.0 -> 2.1 page's list of differences is rendered in place of its marker, as
  ``hooks/versions.py`` renders it on the page.

Why a hook and not the ``mkdocs-llmstxt`` plugin: the plugin turns each page's *rendered
HTML* back into Markdown, so its code would be the sections a page shows (fragments) plus the
text of the block title bars, and it would add eight packages to the lock files. Here the
code comes from the same files the tests run. ``tests/test_llms_txt.py`` checks both files in
the strict build: every page listed, every snippet file whole. A notebook page is its source
script, whole (``snippets/notebooks/``), or, without one, its cells and stored outputs.
"""

from __future__ import annotations

import json
import posixpath
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from harness import versions  # noqa: E402  (the renderer hooks/versions.py uses)

# docs/notebooks/<name>.ipynb is built from snippets/notebooks/<name with _>.py
# (tests/harness/notebooks.py).
NOTEBOOK_SOURCES = ROOT / "snippets" / "notebooks"

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`\n]*)$")
INCLUDE = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"(?P<target>[^"]+)"[ \t]*$')
# A Markdown link or image target that is not an absolute address or an anchor of the page.
LINK = re.compile(r"(?P<open>\]\()(?P<target>[^)\s#]+)(?P<anchor>#[^)\s]*)?(?P<close>[)\s])")

_nav = None
_files = None


def on_nav(nav, config, files, **kwargs):
    global _nav, _files
    _nav, _files = nav, files
    return nav


def _absolute(config, url: str) -> str:
    base = config.get("site_url") or "/"
    return urljoin(base if base.endswith("/") else base + "/", url)


def _entries(items):
    """The pages of a navigation subtree, in order."""
    for item in items:
        if isinstance(item, Page):
            yield item
        elif isinstance(item, Section):
            yield from _entries(item.children)


def _pages() -> list[tuple[str | None, Page]]:
    if _nav is None:
        return []
    found: list[tuple[str | None, Page]] = []
    for item in _nav.items:
        if isinstance(item, Page):
            found.append((None, item))
        elif isinstance(item, Section):
            found.extend((item.title, page) for page in _entries(item.children))
    return found


# --- llms.txt ---------------------------------------------------------------------------


def _intro(config) -> list[str]:
    out = [f"# {config['site_name']}", ""]
    if config.get("site_description"):
        out += [f"> {' '.join(config['site_description'].split())}", ""]
    out += [
        "Every code block on this site is a file in `snippets/` of the repository that the "
        "test suite runs; the `#>` lines under each `print()` are what it printed "
        "(`#>[2.0]` and `#>[2.1]` lines: only on that SQLAlchemy version). Lines "
        "`# --8<-- [start:name]` and `# --8<-- [end:name]` mark the sections a page shows.",
        "",
    ]
    return out


def llms_txt(config, pages) -> str:
    out = _intro(config)
    out += [
        f"- [The whole site in one file]({_absolute(config, 'llms-full.txt')}): every page, "
        "with the whole tested script in place of each section a page shows",
        "",
    ]
    current = object()
    for section, page in pages:
        if section != current:
            out += ["", f"## {section or 'Start here'}", ""]
            current = section
        description = " ".join(str(page.meta.get("description", "")).split())
        line = f"- [{page.title}]({_absolute(config, page.url)})"
        out.append(f"{line}: {description}" if description else line)
    return "\n".join(out).replace("\n\n\n", "\n\n").rstrip() + "\n"


# --- llms-full.txt ----------------------------------------------------------------------


def _fence_for(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=2)
    return "`" * max(3, longest + 1)


def whole_scripts(markdown: str, shown: set[str]) -> str:
    """Replace every block of snippet includes with the whole files (once per page)."""
    lines = markdown.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        opened = FENCE_OPEN.match(lines[i])
        if not opened:
            out.append(lines[i])
            i += 1
            continue
        fence = opened["fence"]
        closer = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not closer.match(lines[j]):
            j += 1
        body = [line for line in lines[i + 1 : j] if line.strip()]
        targets = [m["target"] for m in map(INCLUDE.match, body) if m]
        if not targets or len(targets) != len(body):
            out.extend(lines[i : j + 1])
            i = j + 1
            continue
        indent = opened["indent"]
        for path in dict.fromkeys(t.split(":", 1)[0] for t in targets):
            sections = [t.split(":", 1)[1] for t in targets if t.startswith(path + ":")]
            what = f"section {', '.join(f'`{s}`' for s in sections)}" if sections else "all"
            if path in shown:
                out.append(f"{indent}(The page shows {what} of `{path}`, given whole above.)")
                continue
            shown.add(path)
            text = (ROOT / path).read_text(encoding="utf-8").rstrip("\n")
            block_fence = _fence_for(text)
            note = f"the page shows {what} of it" if sections else "the page shows all of it"
            out.append(f"{indent}The whole file `{path}` ({note}):")
            out.append("")
            out.append(f'{indent}{block_fence}python title="{path}"')
            out.extend((indent + line) if line else "" for line in text.split("\n"))
            out.append(f"{indent}{block_fence}")
        i = j + 1
    return "\n".join(out)


def absolute_links(markdown: str, page: Page, config, files) -> str:
    src_dir = posixpath.dirname(page.file.src_uri)

    def fix(match: re.Match[str]) -> str:
        target = match["target"]
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("/"):
            return match[0]
        anchor = match["anchor"] or ""
        if target.endswith((".md", ".ipynb")):
            linked = files.get_file_from_path(posixpath.normpath(posixpath.join(src_dir, target)))
            if linked is not None:
                url = _absolute(config, linked.url)
                return f"{match['open']}{url}{anchor}{match['close']}"
        url = urljoin(_absolute(config, page.url), target)
        return f"{match['open']}{url}{anchor}{match['close']}"

    # Outside code blocks only: a script's text stays byte for byte.
    out: list[str] = []
    fence = ""
    for line in markdown.split("\n"):
        opened = FENCE_OPEN.match(line)
        if fence:
            if re.match(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", line):
                fence = ""
        elif opened:
            fence = opened["fence"]
        else:
            line = LINK.sub(fix, line)
        out.append(line)
    return "\n".join(out)


def notebook_markdown(path: Path) -> str:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    out: list[str] = []
    for cell in notebook.get("cells", []):
        source = "".join(cell.get("source", "")).rstrip("\n")
        if cell.get("cell_type") == "markdown":
            out += [source, ""]
        elif cell.get("cell_type") == "code":
            printed: list[str] = []
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream":
                    printed += "".join(output.get("text", "")).splitlines()
                elif "data" in output and "text/plain" in output["data"]:
                    printed += "".join(output["data"]["text/plain"]).splitlines()
            code = source + "".join(f"\n#> {line}".rstrip() for line in printed)
            fence = _fence_for(code)
            out += [f"{fence}python", code, fence, ""]
    return "\n".join(out)


def notebook_source(script: Path) -> str:
    """A notebook page as its tested source: the jupytext script, whole."""
    path = script.relative_to(ROOT).as_posix()
    text = script.read_text(encoding="utf-8").rstrip("\n")
    fence = _fence_for(text)
    return "\n".join(
        [
            f"This page is a Jupyter notebook built from `{path}`, a script in jupytext's percent "
            "format (`# %%` starts a code cell, `# %% [markdown]` a text cell) that the tests run "
            "like any snippet; the `#>` lines are its output. The whole file:",
            "",
            f'{fence}python title="{path}"',
            text,
            fence,
        ]
    )


def page_markdown(page: Page, config, files, shown: set[str]) -> str:
    source = Path(page.file.abs_src_path)
    url = _absolute(config, page.url)
    if source.suffix == ".ipynb":
        script = NOTEBOOK_SOURCES / (source.stem.replace("-", "_") + ".py")
        body = notebook_source(script) if script.is_file() else notebook_markdown(source)
    else:
        body, _ = get_data(source.read_text(encoding="utf-8"))
        if source.resolve() == versions.PAGE:
            body = versions.fill(body)
        body = whole_scripts(body, shown)
    body = absolute_links(body, page, config, files).strip("\n")
    # Every page opens with its title as a level-1 heading, then where it is on the site.
    lines = body.split("\n")
    if lines and lines[0].startswith("# "):
        title, rest = lines[0], lines[1:]
    else:
        title, rest = f"# {page.title}", lines
    return "\n".join([title, "", f"Page: {url}", *rest]).rstrip() + "\n"


def llms_full_txt(config, pages, files) -> str:
    intro = "\n".join(_intro(config)).rstrip() + "\n"
    intro += (
        "\nBelow, every page of the site in the order of its navigation. Each `python` block "
        "titled with a path is that file of the repository, whole, as the tests ran it.\n"
    )
    parts = [intro]
    for _, page in pages:
        # Each page gives its scripts whole the first time it shows them, even when an
        # earlier page showed the same file: a reader may jump to any page.
        parts.append(page_markdown(page, config, files, set()))
    return "\n\n".join(parts)


def on_post_build(config, **kwargs) -> None:
    pages = _pages()
    if not pages or _files is None:
        return
    files = _files
    site = Path(config["site_dir"])
    (site / "llms.txt").write_text(llms_txt(config, pages), encoding="utf-8")
    (site / "llms-full.txt").write_text(llms_full_txt(config, pages, files), encoding="utf-8")
