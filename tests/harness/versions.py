"""The differences between SQLAlchemy 2.0 and 2.1 that the snippets' runs recorded.

A snippet's ``#>[2.0]`` and ``#>[2.1]`` lines are written by ``--update-examples`` runs on each
version and checked by every run on that version, so they are a list of behaviour changes
proven by real runs. This module reads them back from the snippet files and renders them as
Markdown. Nothing of it is stored: at every build, ``hooks/versions.py`` puts it in place of
``MARKER`` on the page ``docs/checked/sqlalchemy-2.0-to-2.1.md`` (and ``hooks/llms_txt.py`` in
``llms-full.txt``), and ``tests/test_versions.py`` checks the built page against the snippets.
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from harness import docs, snippets

PAGE = docs.DOCS / "checked" / "sqlalchemy-2.0-to-2.1.md"
NOTES = snippets.ROOT / "tests" / "data" / "version-notes.yml"
# The page's one line that the rendered differences replace.
MARKER = "<!-- versions: the differences, rendered here by hooks/versions.py -->"

# The reader's activity, from the section of the site the explaining page belongs to.
GROUPS = {
    "lifecycle": "Working with objects in a Session",
    "notebooks": "Working with objects in a Session",
    "async": "Async code",
    "errors": "Reading an error message",
    "fastapi": "In a FastAPI application",
    "flask": "In a Flask application",
    "celery": "In a Celery task",
    "checked": "Checking what a blog post says",
}

KINDS = {
    "exception": "The exception class changes",
    "sql": "The SQL text changes",
    "warning": "A warning changes",
    "message": "The printed text changes",
}

EXCEPTION_NAME = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception|Greenlet|Warning)\b")
SQL_START = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|FROM|WHERE|JOIN|LEFT|ORDER|RETURNING)\b")


@dataclass
class Difference:
    """One print() whose output is not the same on 2.0 and 2.1."""

    snippet: str  # snippets/... path
    line: int  # the first #> line of the block, in the snippet file
    code: str  # the print(...) call, as written
    old: list[str]  # what 2.0 prints
    new: list[str]  # what 2.1 prints
    tagged: int  # how many tagged lines the block holds
    page: str = ""  # docs/... page that shows this output
    notes: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        changed_old = [line for line in self.old if line not in self.new]
        changed_new = [line for line in self.new if line not in self.old]
        changed = changed_old + changed_new
        if set(EXCEPTION_NAME.findall(" ".join(changed_old))) != set(
            EXCEPTION_NAME.findall(" ".join(changed_new))
        ):
            names = EXCEPTION_NAME.findall(" ".join(changed))
            if names and all(name.endswith("Warning") for name in names):
                return "warning"
            return "exception"
        if changed and all(SQL_START.match(line) for line in changed):
            return "sql"
        if any("Warning" in line for line in changed):
            return "warning"
        return "message"

    @property
    def group(self) -> str:
        section = Path(self.page).parts[1] if self.page else ""
        return GROUPS.get(section, "Elsewhere")


def _print_source(source: str, after_line: int) -> str:
    """The print() call whose last line is ``after_line`` (1-based, in the file)."""
    tree = ast.parse(source)
    best = None
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "print"
            and node.end_lineno == after_line
            and (best is None or node.lineno < best.lineno)
        ):
            best = node
    if best is None:
        return source.splitlines()[after_line - 1].strip()
    # padded: the first line keeps its indentation too, so dedent keeps the call's shape
    return textwrap.dedent(ast.get_source_segment(source, best, padded=True) or "")


def _showing_page(snippet: str, line: int, includes: list[docs.Include]) -> str:
    """The page that includes the section around ``line`` (or, failing that, the file)."""
    path = snippets.ROOT / snippet
    markers = docs.sections(path)
    candidates = []
    for include in includes:
        if include.file != snippet:
            continue
        page = include.page.relative_to(snippets.ROOT).as_posix()
        if include.section is None:
            candidates.append((0, page))
            continue
        spans = dict(markers.get(include.section, []))
        if spans.get("start", 0) <= line <= spans.get("end", 0):
            candidates.append((0, page))
        else:
            candidates.append((1, page))
    if not candidates:
        return ""
    # Prefer a page that shows this very line; among those, a chapter page over the claims.
    candidates.sort(key=lambda c: (c[0], c[1].startswith("docs/checked/"), c[1]))
    return candidates[0][1]


def differences() -> list[Difference]:
    notes = load_notes()
    includes = docs.includes()
    found: list[Difference] = []
    for path in snippets.snippet_files():
        source = path.read_text(encoding="utf-8")
        if "#>[" not in source:
            continue
        code, blocks, new_number = snippets.parse(source)
        file_line = {code_index: number for number, code_index in new_number.items()}
        rel = snippets.relative(path)
        for after, block in sorted(blocks.items()):
            tagged = sum(1 for o in block.lines if o.version in ("2.0", "2.1"))
            old, new = block.view("2.0"), block.view("2.1")
            if not tagged or old == new:
                continue  # the same on both (lines tagged for other releases, such as 1.4)
            print_line = file_line.get(after + 1, block.first_line - 1)
            diff = Difference(
                snippet=rel,
                line=block.first_line,
                code=_print_source(source, print_line),
                old=old,
                new=new,
                tagged=tagged,
            )
            diff.page = _showing_page(rel, block.first_line, includes)
            diff.notes = notes.get(rel, [])
            found.append(diff)
    return found


def load_notes() -> dict[str, list[str]]:
    """Hand-written sentences for differences that matter to code, keyed by snippet."""
    if not NOTES.is_file():
        return {}
    data = yaml.safe_load(NOTES.read_text(encoding="utf-8")) or {}
    return {
        key: ([value] if isinstance(value, str) else list(value))
        for key, value in data.items()
        if not key.startswith("_")  # YAML anchors for sentences shared by several snippets
    }


def _fence(lines: list[str]) -> list[str]:
    body = lines or ["(prints nothing)"]
    return ["``` {.text .version-output}", *body, "```"]


def render(found: list[Difference]) -> str:
    total_lines = sum(d.tagged for d in found)
    snippets_with = sorted({d.snippet for d in found})
    out = [
        f"The suite's runs recorded **{len(found)} outputs** that differ, in "
        f"**{len(snippets_with)} snippets** ({total_lines} version-tagged lines)."
    ]
    out += ["", "| What changes | Outputs |", "|---|---|"]
    for kind, title in KINDS.items():
        count = sum(1 for d in found if d.kind == kind)
        if count:
            out.append(f"| {title} | {count} |")
    by_group: dict[str, list[Difference]] = {}
    for d in found:
        by_group.setdefault(d.group, []).append(d)
    order = list(dict.fromkeys(GROUPS.values())) + ["Elsewhere"]
    for group in order:
        members = by_group.get(group)
        if not members:
            continue
        out += ["", f"## {group}"]
        by_page: dict[str, list[Difference]] = {}
        for d in members:
            by_page.setdefault(d.page, []).append(d)
        for page, diffs in sorted(by_page.items()):
            title = _page_title(page)
            link = _link(page)
            out += ["", f"### {title}", "", f"Explained on [{title}]({link})."]
            notes = list(dict.fromkeys(note for d in diffs for note in d.notes))
            for note in notes:
                out += ["", '!!! warning "This matters for your code"', "", f"    {note}"]
            for d in diffs:
                summary = f"{d.snippet}, line {d.line}: {KINDS[d.kind].lower()}"
                body = ["``` {.python .version-code}", *d.code.splitlines(), "```", ""]
                body += ['<div class="grid version-diff" markdown>', ""]
                body += ["<div markdown>", "", "**SQLAlchemy 2.0**", ""]
                body += _fence(d.old)
                body += ["", "</div>", "", "<div markdown>", "", "**SQLAlchemy 2.1**", ""]
                body += _fence(d.new)
                body += ["", "</div>", "", "</div>"]
                out += ["", f'??? example "{summary}"', ""]
                out += [f"    {line}".rstrip() for line in body]
    return "\n".join(out)


def fill(markdown: str) -> str:
    """The page's Markdown with its ``MARKER`` line replaced by the rendered differences."""
    if markdown.count(MARKER) != 1:
        where = PAGE.relative_to(snippets.ROOT)
        raise ValueError(f"{where} must hold this line once, where the differences go: {MARKER}")
    return markdown.replace(MARKER, render(differences()))


def _page_title(page: str) -> str:
    text = (snippets.ROOT / page).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return page


def _link(page: str) -> str:
    target = Path(page).relative_to("docs")
    here = PAGE.relative_to(docs.DOCS).parent
    return Path(*([".."] * len(here.parts)), target).as_posix()
