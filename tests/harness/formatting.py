"""Format the snippets with ``ruff format`` without touching their ``#>`` output lines.

``ruff format`` alone would rewrite every ``#>`` comment to ``# >`` and, where a ``print()``
is followed by a ``def`` or ``class``, push the output lines away from their call. So each run
of ``#>`` lines is swapped for one marker comment before ruff sees the file and swapped back
afterwards, at the marker's (new) indentation, directly under the statement it followed.

``ruff format`` leaves alone what it cannot shorten: comments, docstrings and string literals.
``fit()`` shortens them without changing behaviour: a paragraph of a comment or a docstring
with a line over the limit is re-wrapped, a long trailing comment moves to its own line
above, and a long string literal is split at spaces into adjacent literals (Python joins them
at compile time), which ruff then puts on lines of their own. ``#>`` lines are never wrapped:
they are output, and the site wraps them on screen instead (snippet-blocks.css).

The line length (``LINE_LENGTH``, 78) is what fits a code block of the site at a 1280x800
window in Chromium, measured there. ``scripts/format`` rewrites the files; ``--check`` lists
(file:line) the ones it would change; ``tests/test_snippets.py::test_formatted`` fails on any
snippet that is not formatted, and ``tests/test_no_sideways_scroll.py`` measures the pages.
"""

from __future__ import annotations

import ast
import difflib
import io
import re
import subprocess
import sys
import tempfile
import textwrap
import tokenize
from dataclasses import dataclass
from pathlib import Path

from harness.snippets import OUTPUT_LINE, ROOT, relative, snippet_files

CONFIG = ROOT / "pyproject.toml"
# At a 1280x800 window in Chromium a code block's code column holds 80 characters of the code
# font (688 px wide, 16 px padding each side, DejaVu Sans Mono at 13.6 px: 8.18 px each); 78
# leaves room for the whole-script view's vertical scrollbar where scrollbars take space.
LINE_LENGTH = 78
# Comments that are directives or markers: never re-wrapped or moved.
KEEP_COMMENT = re.compile(r"#\s*(?:noqa|type:|fmt:|pragma|%%|-+8<-+|guide-output-lines)|#!|#>")
BULLET = re.compile(r"^(?:[-*]|\d+[.)])\s+")
MARKER = re.compile(r"^(?P<indent>[ \t]*)# guide-output-lines (?P<index>\d+)$")
SECTION = re.compile(r"#\s*-+8<-+\s*\[(?:start|end):[^\]]+\]")


class FormatFailure(Exception):
    """The formatter could not format a file safely; the message starts with ``path:line:``."""


@dataclass
class Result:
    path: Path
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def first_changed_line(self) -> int:
        old, new = self.before.splitlines(), self.after.splitlines()
        for number, (a, b) in enumerate(zip(old, new, strict=False), start=1):
            if a != b:
                return number
        return min(len(old), len(new)) + 1

    def diff(self) -> str:
        name = relative(self.path)
        return "\n".join(
            difflib.unified_diff(
                self.before.splitlines(),
                self.after.splitlines(),
                f"{name} (now)",
                f"{name} (scripts/format)",
                lineterm="",
            )
        )


def protect(source: str) -> tuple[str, list[list[str]]]:
    """The source with each run of ``#>`` lines replaced by one marker comment."""
    out: list[str] = []
    blocks: list[list[str]] = []
    previous_was_output = False
    for line in source.splitlines():
        match = OUTPUT_LINE.match(line)
        if match:
            text = line[len(match["indent"]) :]
            if previous_was_output:
                blocks[-1].append(text)
            else:
                out.append(f"{match['indent']}# guide-output-lines {len(blocks)}")
                blocks.append([text])
            previous_was_output = True
        else:
            out.append(line)
            previous_was_output = False
    return "\n".join(out) + "\n", blocks


def keep_markers_under_their_statement(source: str) -> str:
    """Move each marker up over blank lines ruff put between it and the statement it followed
    (ruff treats a comment right above a ``def`` as that ``def``'s leading comment)."""
    lines = source.splitlines()
    for index in range(len(lines)):
        if MARKER.match(lines[index]):
            target = index
            while target > 0 and not lines[target - 1].strip():
                target -= 1
            if target != index:
                lines.insert(target, lines.pop(index))
    return "\n".join(lines) + "\n"


def restore(source: str, blocks: list[list[str]], name: str) -> str:
    out: list[str] = []
    seen = 0
    for line in source.splitlines():
        match = MARKER.match(line)
        if not match:
            out.append(line)
            continue
        index = int(match["index"])
        if index != seen:
            raise FormatFailure(f"{name}:1: ruff format reordered the #> output lines")
        seen += 1
        out += [f"{match['indent']}{text}".rstrip() for text in blocks[index]]
    if seen != len(blocks):
        raise FormatFailure(f"{name}:1: ruff format lost #> output lines")
    return "\n".join(out) + "\n"


def line_length() -> int:
    return LINE_LENGTH


# --- fit(): what ruff format cannot shorten ---------------------------------------------------


def _paragraphs(texts: list[str]) -> list[list[str]]:
    """Paragraphs of prose lines; a blank line is a paragraph of its own ([]), a bullet starts
    a new paragraph, and a Markdown heading (notebook sources) is one on its own."""
    paragraphs: list[list[str]] = []
    closed = True
    for text in texts:
        if not text.strip():
            paragraphs.append([])
            closed = True
        elif closed or BULLET.match(text) or text.startswith("#"):
            paragraphs.append([text])
            closed = text.startswith("#")
        else:
            paragraphs[-1].append(text)
    return paragraphs


def _wrap(texts: list[str], first: str, rest: str, width: int) -> list[str]:
    """Re-wrap prose lines (texts without their prefixes). The first output line will be
    prefixed with ``first``, the others with ``rest``; only a paragraph with a line over
    ``width`` (prefix included) is re-wrapped, and only when all its lines start at the same
    column (a deeper line is code or a table: left as it is). Returns the texts."""
    out: list[str] = []
    for paragraph in _paragraphs(texts):
        if not paragraph:
            out.append("")
            continue
        head = first if not out else rest
        prefixes = [head] + [rest] * (len(paragraph) - 1)
        too_long = any(len(p + t) > width for p, t in zip(prefixes, paragraph, strict=True))
        bullet = BULLET.match(paragraph[0])
        hang = " " * len(bullet.group(0)) if bullet else ""
        aligned = all(
            t.startswith(hang) and not t[len(hang) :].startswith(" ") for t in paragraph[1:]
        )
        if not too_long or not aligned or paragraph[0].startswith(" "):
            out += paragraph
            continue
        words = " ".join(t.strip() for t in paragraph)
        options = dict(subsequent_indent=hang, break_long_words=False, break_on_hyphens=False)
        wrapped = textwrap.wrap(words, width=width - len(rest), **options)
        if wrapped and len(head + wrapped[0]) > width:  # a longer first prefix ('    """')
            wrapped = textwrap.wrap(words, width=width - max(len(head), len(rest)), **options)
        out += wrapped
    return out


def _tokens(source: str) -> list[tokenize.TokenInfo]:
    return list(tokenize.generate_tokens(io.StringIO(source).readline))


LAYOUT = (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)


def _move_trailing_comments(source: str, width: int) -> str:
    """A trailing comment on a line over ``width`` goes on its own line above that line."""
    lines = source.splitlines()
    moves: dict[int, str] = {}
    first_on_row: dict[int, tokenize.TokenInfo] = {}
    for token in _tokens(source):
        if token.type in LAYOUT:
            continue
        row = token.start[0]
        first_on_row.setdefault(row, token)
        if token.type != tokenize.COMMENT or KEEP_COMMENT.match(token.string):
            continue
        head = first_on_row[row]
        if head is token or len(lines[row - 1]) <= width:
            continue
        if row > 1 and lines[row - 2].rstrip().endswith("\\"):
            continue
        moves[row] = token
    for row in sorted(moves, reverse=True):
        token = moves[row]
        line = lines[row - 1]
        indent = line[: len(line) - len(line.lstrip())]
        lines[row - 1] = line[: token.start[1]].rstrip()
        lines.insert(row - 1, indent + token.string)
    return "\n".join(lines) + "\n"


def _rewrap_comments(source: str, width: int) -> str:
    """Re-wrap runs of own-line comments (same indentation) that have a line over ``width``."""
    lines = source.splitlines()
    own: dict[int, int] = {}  # line index -> column of the comment
    for token in _tokens(source):
        if token.type == tokenize.COMMENT and not KEEP_COMMENT.match(token.string):
            row, col = token.start
            if not lines[row - 1][:col].strip():
                own[row - 1] = col
    out: list[str] = []
    index = 0
    while index < len(lines):
        if index not in own:
            out.append(lines[index])
            index += 1
            continue
        col = own[index]
        group: list[str] = []
        while index in own and own[index] == col:
            group.append(lines[index][col + 1 :])
            index += 1
        indent = " " * col
        if all(col + 1 + len(text) <= width for text in group):
            out += [indent + "#" + text for text in group]
            continue
        texts = [text[1:] if text.startswith(" ") else text for text in group]
        wrapped = _wrap(texts, indent + "# ", indent + "# ", width)
        out += [f"{indent}# {text}" if text else indent + "#" for text in wrapped]
    return "\n".join(out) + "\n"


def _docstring_tokens(source: str) -> list[tokenize.TokenInfo]:
    """Triple-quoted string literals that are a statement of their own (docstrings)."""
    tokens = [
        t for t in _tokens(source) if t.type not in (*LAYOUT[:1], *LAYOUT[2:], tokenize.COMMENT)
    ]
    found = []
    for i, token in enumerate(tokens):
        if token.type != tokenize.STRING or token.string[:3] not in ('"""', "'''"):
            continue
        starts = i == 0 or tokens[i - 1].type == tokenize.NEWLINE
        ends = i + 1 < len(tokens) and tokens[i + 1].type in (tokenize.NEWLINE, tokenize.ENDMARKER)
        if starts and ends:
            found.append(token)
    return found


def _rewrap_docstrings(source: str, width: int) -> str:
    """Re-wrap the paragraphs of a docstring that have a line over ``width``."""
    lines = source.splitlines()
    for token in reversed(_docstring_tokens(source)):
        (row, col), (end_row, _) = token.start, token.end
        if all(len(line) <= width for line in lines[row - 1 : end_row]):
            continue
        indent = " " * col
        quote = token.string[:3]
        texts = token.string[3:-3].split("\n")
        rest = [t[col:] if t.startswith(indent) else t.lstrip() for t in texts[1:]]
        closing_alone = len(texts) > 1 and not texts[-1].strip()
        content = [texts[0], *rest]
        if closing_alone:
            content = content[:-1]
        else:
            content[-1] += quote
        wrapped = _wrap(content, indent + quote, indent, width)
        new = [indent + quote + wrapped[0]]
        new += [indent + text if text else "" for text in wrapped[1:]]
        if closing_alone:
            new.append(indent + quote)
        lines[row - 1 : end_row] = new
    return "\n".join(lines) + "\n"


STRING_START = re.compile(r"^(?P<prefix>[a-zA-Z]*)(?P<quote>[\"'])")
FIELD = re.compile(r"\{(?!\{)")


def _split_points(body: str, is_f: bool) -> list[int]:
    """Indices just after a space where a literal can be cut (outside f-string fields)."""
    points = []
    depth = 0
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            i += 2
            continue
        if is_f and depth == 0 and body.startswith(("{{", "}}"), i):
            i += 2
            continue
        if is_f and char == "{":
            depth += 1
        elif is_f and char == "}":
            depth -= 1
        elif char == " " and depth == 0 and 0 < i + 1 < len(body):
            points.append(i + 1)
        i += 1
    return points


def _literal(prefix: str, quote: str, part: str) -> str:
    """One piece of a split literal; an f-string piece without a field loses its f."""
    if "f" in prefix.lower() and not FIELD.search(part.replace("{{", "")):
        prefix = prefix.replace("f", "").replace("F", "")
        part = part.replace("{{", "{").replace("}}", "}")
    return f"{prefix}{quote}{part}{quote}"


def _split_strings(source: str, width: int) -> str:
    """Split a one-line string literal on a line over ``width`` into adjacent literals."""
    lines = source.splitlines()
    docstrings = {t.start for t in _docstring_tokens(source)}
    edits: list[tuple[tokenize.TokenInfo, str]] = []
    for token in _tokens(source):
        if token.type != tokenize.STRING or token.start in docstrings:
            continue
        row = token.start[0]
        if token.end[0] != row or len(lines[row - 1]) <= width:
            continue
        match = STRING_START.match(token.string)
        if not match or token.string[match.end() :].startswith(match["quote"] * 2):
            continue  # triple-quoted, or an empty literal
        prefix, quote = match["prefix"], match["quote"]
        body = token.string[match.end() : -1]
        line = lines[row - 1]
        indent = len(line) - len(line.lstrip())
        room = width - indent - 4 - len(prefix) - 2 - 1  # own line, one level deeper, a comma
        points = _split_points(body, "f" in prefix.lower())
        parts = []
        start = 0
        while len(body) - start > room:
            fitting = [p for p in points if start < p <= start + room]
            cut = fitting[-1] if fitting else next((p for p in points if p > start), None)
            if cut is None:
                break
            parts.append(body[start:cut])
            start = cut
        parts.append(body[start:])
        if len(parts) > 1:
            edits.append((token, " ".join(_literal(prefix, quote, p) for p in parts)))
    for token, text in reversed(edits):
        (row, col), end_col = token.start, token.end[1]
        lines[row - 1] = lines[row - 1][:col] + text + lines[row - 1][end_col:]
    return "\n".join(lines) + "\n"


def fit(source: str, width: int) -> str:
    """Shorten what ruff format leaves over ``width``; the result still needs ruff format."""
    if all(len(line) <= width for line in source.splitlines()):
        return source  # every step below only touches a line over the limit
    source = _move_trailing_comments(source, width)
    source = _rewrap_comments(source, width)
    source = _rewrap_docstrings(source, width)
    return _split_strings(source, width)


def ruff_format(sources: dict[str, str]) -> dict[str, str]:
    """``ruff format`` with the snippets' settings, on many sources in one call."""
    with tempfile.TemporaryDirectory(prefix="guide-format-") as tmp:
        folder = Path(tmp)
        for number, name in enumerate(sources):
            (folder / f"f{number}.py").write_text(sources[name], encoding="utf-8")
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "ruff",
                "format",
                "--no-cache",
                "--config",
                str(CONFIG),
                "--line-length",
                str(LINE_LENGTH),
                tmp,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            raise FormatFailure(f"ruff format failed:\n{proc.stdout}{proc.stderr}")
        return {
            name: (folder / f"f{number}.py").read_text(encoding="utf-8")
            for number, name in enumerate(sources)
        }


def attachments(source: str) -> list[tuple[int | None, tuple[str, ...]]]:
    """For each run of ``#>`` lines: which ``print()`` call (by order in the file) it is
    directly under, or None, and its text. Formatting must not change this."""
    lines = source.splitlines()
    code = [line for line in lines if not OUTPUT_LINE.match(line)]
    try:
        tree = ast.parse("\n".join(code) + "\n")
    except SyntaxError:
        return []
    ends: dict[int, int] = {}
    calls = sorted(
        (node.lineno, node.col_offset, node.end_lineno or node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "print"
    )
    for ordinal, (_, _, end) in enumerate(calls):
        ends.setdefault(end, ordinal)
    found: list[tuple[int | None, tuple[str, ...]]] = []
    code_line = 0
    current: list[str] | None = None
    for line in lines:
        match = OUTPUT_LINE.match(line)
        if match:
            if current is None:
                current = []
                found.append((ends.get(code_line), ()))
            current.append(line.strip())
            found[-1] = (found[-1][0], tuple(current))
        else:
            code_line += 1
            current = None
    return found


def sections(source: str) -> list[str]:
    return [m.group(0) for m in map(SECTION.search, source.splitlines()) if m]


def format_sources(sources: dict[str, str]) -> dict[str, str]:
    """Formatted text of each source (keyed by a name used in messages)."""
    protected: dict[str, str] = {}
    blocks: dict[str, list[list[str]]] = {}
    for name, source in sources.items():
        protected[name], blocks[name] = protect(source)
    width = line_length()
    # fit() first: a long line's trailing comment moves above it before ruff would wrap the
    # line's code in parentheses to make room for it.
    current = ruff_format({name: fit(text, width) for name, text in protected.items()})
    # Moving a marker up can change what ruff does next (a comment that led a def now trails
    # the print), and so can fit(); a few passes reach the fixed point, or it is an error.
    unsettled = set(current)
    for _ in range(5):
        moved = {
            name: fit(keep_markers_under_their_statement(current[name]), width)
            for name in unsettled
        }
        again = ruff_format(moved)
        unsettled = {name for name in again if again[name] != current[name]}
        current.update(again)
        if not unsettled:
            break
    else:
        raise FormatFailure(f"{sorted(unsettled)[0]}:1: ruff format does not settle on this file")
    result: dict[str, str] = {}
    for name, source in sources.items():
        formatted = restore(current[name], blocks[name], name)
        if formatted == source:
            result[name] = formatted
            continue
        if attachments(formatted) != attachments(source):
            raise FormatFailure(
                f"{name}:1: formatting would move #> output lines away from their print()"
            )
        if sections(formatted) != sections(source):
            raise FormatFailure(f"{name}:1: formatting would change the --8<-- section markers")
        result[name] = formatted
    return result


def format_files(paths: list[Path] | None = None) -> list[Result]:
    paths = snippet_files() if paths is None else paths
    sources = {relative(path): path.read_text(encoding="utf-8") for path in paths}
    formatted = format_sources(sources)
    return [Result(path, sources[relative(path)], formatted[relative(path)]) for path in paths]


def main(argv: list[str]) -> int:
    check = "--check" in argv
    names = [arg for arg in argv if not arg.startswith("-")]
    paths = [Path(name).resolve() for name in names] or None
    try:
        results = format_files(paths)
    except FormatFailure as exc:
        print(exc, file=sys.stderr)
        return 2
    changed = [r for r in results if r.changed]
    for result in changed:
        if check:
            print(f"{relative(result.path)}:{result.first_changed_line()}: not formatted")
        else:
            result.path.write_text(result.after, encoding="utf-8")
            print(f"formatted {relative(result.path)}")
    verb = "would change" if check else "changed"
    print(f"{len(results)} snippets, {len(changed)} {verb}", file=sys.stderr)
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
