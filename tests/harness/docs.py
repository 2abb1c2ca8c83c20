"""Read the pages under ``docs/``: their fenced code blocks and their snippet includes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from harness.snippets import ROOT

DOCS = ROOT / "docs"

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
INCLUDE = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"(?P<target>[^"]+)"[ \t]*$')
SECTION = re.compile(r"^\s*#\s*-{1,}8<-{1,}\s*\[(?P<kind>start|end):(?P<name>[^\]]+)\]\s*$")
# Languages a page may write inline: diagrams are pictures, not code that could drift.
INLINE_OK = {"mermaid"}


@dataclass
class Block:
    page: Path
    line: int  # the opening fence
    info: str  # what follows the backticks: "python", '{.python test="skip"}', ...
    body: str
    body_line: int  # line number of the body's first line

    @property
    def lang(self) -> str:
        first = self.info.strip().lstrip("{").split()
        return first[0].lstrip(".").lower() if first else ""

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"

    @property
    def includes(self) -> list[str]:
        return [m["target"] for m in map(INCLUDE.match, self.body.splitlines()) if m]

    @property
    def only_includes(self) -> bool:
        lines = [line for line in self.body.splitlines() if line.strip()]
        return bool(lines) and all(INCLUDE.match(line) for line in lines)

    @property
    def marked_fragment(self) -> bool:
        """A block the page marks as not runnable: ```{.python test="skip"}``` ."""
        return 'test="skip"' in self.info


@dataclass
class Include:
    page: Path
    line: int
    target: str

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"

    @property
    def file(self) -> str:
        return self.target.split(":", 1)[0]

    @property
    def section(self) -> str | None:
        parts = self.target.split(":", 1)
        return parts[1] if len(parts) == 2 else None


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def page_url(page_file: Path) -> str:
    """The page's path on the built site (use_directory_urls): "", "lifecycle/flush/"."""
    parts = list(page_file.relative_to(DOCS).with_suffix("").parts)
    if parts[-1] == "index":
        parts.pop()
    return "".join(part + "/" for part in parts)


def included_files_by_page() -> dict[str, list[str]]:
    """Each page (by page_url) with included blocks: each block's snippet file, in page order."""
    found: dict[str, list[str]] = {}
    for page_file in pages():
        files = [b.includes[0].split(":", 1)[0] for b in fenced_blocks(page_file) if b.includes]
        if files:
            found[page_url(page_file)] = files
    return found


def site_pages() -> list[Path]:
    """Every page of the site: the Markdown pages, then the notebooks."""
    return pages() + sorted(DOCS.glob("notebooks/*.ipynb"))


def fenced_blocks(page: Path) -> Iterator[Block]:
    lines = page.read_text(encoding="utf-8").splitlines()
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
        if j == len(lines):
            raise AssertionError(f"{page.relative_to(ROOT)}:{i + 1}: code fence never closed")
        indent = len(opened["indent"])
        body = "\n".join(line[indent:] for line in lines[i + 1 : j])
        yield Block(page, i + 1, opened["info"], body, i + 2)
        i = j + 1


def mermaid_blocks(page: Path) -> list[Block]:
    return [b for b in fenced_blocks(page) if b.lang == "mermaid"]


def includes() -> list[Include]:
    """Every ``--8<-- "..."`` line in every page, inside a code block or not."""
    found = []
    for page in pages():
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            match = INCLUDE.match(line)
            if match:
                found.append(Include(page, number, match["target"]))
    return found


def sections(path: Path) -> dict[str, list[tuple[str, int]]]:
    """The section markers of a snippet: name -> [(start|end, line), ...]."""
    found: dict[str, list[tuple[str, int]]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = SECTION.match(line)
        if match:
            found.setdefault(match["name"], []).append((match["kind"], number))
    return found
