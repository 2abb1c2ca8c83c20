"""The error pages (docs/errors/*.md) and the messages SQLAlchemy's source can raise."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from harness import docs
from harness.docs import DOCS
from harness.snippets import ROOT

ERRORS = DOCS / "errors"
NOT_COVERED = ROOT / "tests" / "data" / "errors-not-covered.yml"
PLACEHOLDER = "…"

# The Session and instance-state machinery: where the messages a reader of this site meets
# are raised. Paths are relative to the installed sqlalchemy package.
SOURCES = (
    "orm/session.py",
    "orm/state.py",
    "orm/state_changes.py",
    "orm/identity.py",
    "orm/loading.py",
    "orm/strategies.py",
    "orm/persistence.py",
    "orm/unitofwork.py",
    "orm/dependency.py",
    "orm/dynamic.py",
    "orm/writeonly.py",
    "orm/exc.py",
    "ext/asyncio/session.py",
    "util/concurrency.py",
    "util/_concurrency_py3k.py",  # 2.0's home of MissingGreenlet (absent from 2.1)
    "pool/impl.py",
)


@dataclass
class ErrorPage:
    path: Path
    title: str
    description: str
    cls: str
    module: str
    code: str | None
    match: str
    trigger: str
    doing: str

    @property
    def slug(self) -> str:
        return self.path.stem

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:1"


def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}, text
    end = text.index("\n---\n", 4)
    return yaml.safe_load(text[4:end]) or {}, text[end + 5 :]


def error_pages() -> list[ErrorPage]:
    pages = []
    for path in sorted(ERRORS.glob("*.md")):
        meta, body = front_matter(path)
        error = meta.get("error")
        if not error:
            continue
        title = next((line[2:].strip() for line in body.splitlines() if line.startswith("# ")), "")
        pages.append(
            ErrorPage(
                path=path,
                title=title,
                description=meta.get("description", ""),
                cls=error.get("class", ""),
                module=error.get("module", ""),
                code=error.get("code"),
                match=error.get("match", ""),
                trigger=error.get("trigger", ""),
                doing=error.get("doing", ""),
            )
        )
    return pages


@dataclass
class RelatedMessage:
    """A message from Celery, FastAPI or a driver, explained on a chapter page."""

    title: str
    match: str
    page: str  # relative to docs/
    snippet: str

    @property
    def url(self) -> str:
        return self.page.removesuffix(".md") + "/"


def related_messages() -> list[RelatedMessage]:
    meta, _ = front_matter(ERRORS / "index.md")
    return [RelatedMessage(**entry) for entry in meta.get("related", [])]


# ---------------------------------------------------------------------------------------
# Messages in SQLAlchemy's source
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceMessage:
    file: str  # relative to the sqlalchemy package
    line: int
    kind: str  # the exception or warning class as written, e.g. "sa_exc.InvalidRequestError"
    text: str  # the message, with every interpolated part shown as "…"

    @property
    def where(self) -> str:
        return f"sqlalchemy/{self.file}:{self.line}"


def _text(node: ast.AST) -> str | None:
    """The literal text of a message expression, interpolations replaced by a placeholder."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            else:
                parts.append(PLACEHOLDER)
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        if left is None and right is None:
            return None
        return (left or PLACEHOLDER) + (right or PLACEHOLDER)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        template = _text(node.left)
        if template is None:
            return None
        return re.sub(r"%(\([^)]*\))?[-#0 +]*\d*(\.\d+)?[sdrfi]", PLACEHOLDER, template)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        template = _text(node.func.value)
        if template is None:
            return None
        return re.sub(r"\{[^{}]*\}", PLACEHOLDER, template)
    return None


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_name(node.value)}.{node.attr}"
    return ""


def _is_message_call(call: ast.Call) -> str | None:
    name = _name(call.func)
    last = name.rsplit(".", 1)[-1]
    if last in ("warn", "warn_limited"):
        return "SAWarning"
    if last.endswith(("Error", "Exception", "Warning", "Greenlet")):
        return name
    return None


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def source_messages() -> list[SourceMessage]:
    import sqlalchemy

    package = Path(sqlalchemy.__file__).parent
    found: set[SourceMessage] = set()
    for rel in SOURCES:
        path = package / rel
        if not path.is_file():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args:
                kind = _is_message_call(node)
                text = _text(node.args[0]) if kind else None
                if kind and text and len(_clean(text)) > 12:
                    found.add(SourceMessage(rel, node.lineno, kind, _clean(text)))
            # orm/exc.py builds some messages in __init__ before passing them on.
            if rel == "orm/exc.py" and isinstance(node, ast.Assign):
                targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
                text = _text(node.value) if {"msg", "message"} & set(targets) else None
                if text and len(_clean(text)) > 12:
                    found.add(SourceMessage(rel, node.lineno, "orm/exc message", _clean(text)))
    return sorted(found, key=lambda m: (m.file, m.line))


def not_covered() -> list[dict]:
    return yaml.safe_load(NOT_COVERED.read_text(encoding="utf-8")) or []


# ---------------------------------------------------------------------------------------
# Every error message a page shows (for the pasted-error search)
# ---------------------------------------------------------------------------------------

# An exception printed as a traceback's last line ("sqlalchemy.exc.X: message"), or as
# "X message" / "X | message", possibly after a label ("asyncpg: ", "task 2, psycopg: ").
PRINTED_ERROR = re.compile(
    r"^(?:[^:]*:\s+|\s*)(?P<start>)(?:[a-z_]\w*\.)*"
    r"(?P<cls>[A-Z]\w*(?:Error|Exception|Warning|Greenlet))(?::\s+|\s+\|\s+|\s+)(?P<message>\S.*)$"
)
# A printed check about an exception ("isinstance(exc, X)=True"), not its message.
CHECK_OUTPUT = re.compile(r"\)=(?:True|False)\b")
# Parts of a message that change with the reader's code or run: object reprs, quoted names,
# addresses, numbers, dotted names (tables, attributes, modules), a driver's "(module.Class)".
VARIABLE = re.compile(
    r"<[^<>]*>|'[^']*'|\"[^\"]*\"|\(\s*[\w.]+\.[\w.]+\s*\)|\b0x[0-9a-f]+\b|\b\w+(?:\.\w+)+\b"
    r"|\b\d+(?:\.\d+)?\b"
)
# Builtin exceptions printed by the guide's own example code (a missing name in a blog post's
# code, a task's own lookup), not messages a reader of this site pastes to find it.
NOT_INDEXED = {
    "NameError",
    "LookupError",
    "KeyError",
    "ValueError",
    "AttributeError",
    "ImportError",
}
# Python's own wording for any function, which would send every such paste to one page.
GENERIC_FRAGMENTS = {"got an unexpected keyword argument"}
MIN_FRAGMENT = 16
# Which page answers a message that several chapters print (the first listed wins).
SECTION_ORDER = ("lifecycle", "async", "fastapi", "celery", "checked")


@dataclass
class PrintedMessage:
    """An error message a snippet prints on a page outside docs/errors/."""

    cls: str
    match: str  # the longest part of the message that does not vary per run
    page: str  # relative to docs/
    page_title: str
    snippet: str
    pasted: dict[str, str]  # SQLAlchemy version ("2.0", "2.1", or "" for both) -> the line

    @property
    def url(self) -> str:
        return self.page.removesuffix(".md") + "/"

    @property
    def title(self) -> str:
        return f"{self.cls}: {self.match}"


def stable_fragment(message: str) -> str:
    """The longest run of a message that is the same in every reader's traceback."""
    message = message.split(" (Background on this error at:")[0]
    message = message.split(" [SQL:")[0]
    parts = [" ".join(p.split()).strip(" .,;:()[]") for p in VARIABLE.split(message)]
    return max(parts, key=len, default="")


def _section_lines(source: str, section: str | None) -> tuple[int, int]:
    if section is None:
        return 0, len(source.splitlines()) + 1
    start = end = 0
    for number, line in enumerate(source.splitlines(), start=1):
        marker = docs.SECTION.match(line)
        if marker and marker["name"] == section:
            if marker["kind"] == "start":
                start = number
            else:
                end = number
    return start, end


def _page_title(path: Path) -> str:
    _, body = front_matter(path)
    return next((line[2:].strip() for line in body.splitlines() if line.startswith("# ")), "")


def printed_messages() -> list[PrintedMessage]:
    """Every error message a page outside docs/errors/ shows in a snippet's output.

    A message that contains an error page's (or the index's related) `match`, or is part of
    one, is left to that page. The rest are keyed by their stable fragment; a fragment shown on
    several pages goes to the first page in SECTION_ORDER.
    """
    from harness import snippets

    known = [p.match for p in error_pages()] + [r.match for r in related_messages()]
    found: dict[str, PrintedMessage] = {}
    rank = {name: i for i, name in enumerate(SECTION_ORDER)}
    includes = sorted(
        (i for i in docs.includes() if i.file.endswith(".py") and ERRORS not in i.page.parents),
        key=lambda i: (rank.get(i.page.relative_to(docs.DOCS).parts[0], 99), str(i.page)),
    )
    for include in includes:
        path = ROOT / include.file
        if not path.is_file():
            continue
        source = path.read_text(encoding="utf-8")
        start, end = _section_lines(source, include.section)
        _, blocks, _ = snippets.parse(source)
        for block in blocks.values():
            if not start < block.first_line < end:
                continue
            for output in block.lines:
                hit = PRINTED_ERROR.search(output.text)
                if not hit or hit["cls"] in NOT_INDEXED or CHECK_OUTPUT.search(output.text):
                    continue
                fragment = stable_fragment(hit["message"])
                if len(fragment) < MIN_FRAGMENT or fragment in GENERIC_FRAGMENTS:
                    continue
                if any(k in output.text or fragment in k for k in known):
                    continue
                entry = found.get(fragment)
                page = str(include.page.relative_to(docs.DOCS))
                if entry is None:
                    entry = found[fragment] = PrintedMessage(
                        cls=hit["cls"],
                        match=fragment,
                        page=page,
                        page_title=_page_title(include.page),
                        snippet=include.file,
                        pasted={},
                    )
                if entry.page == page and entry.snippet == include.file:
                    entry.pasted.setdefault(output.version or "", output.text[hit.start("start") :])
    return sorted(found.values(), key=lambda m: (m.page, m.match))
