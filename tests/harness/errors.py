"""The error pages (docs/errors/*.md) and the messages SQLAlchemy's source can raise."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

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
