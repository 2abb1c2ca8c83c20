"""The 2.0 -> 2.1 page, as built, shows every output the snippets tag for one version.

docs/checked/sqlalchemy-2.0-to-2.1.md holds its prose and a marker; hooks/versions.py renders
the list of differences in its place at every build (harness.versions), from the snippets'
#>[2.0]/#>[2.1] lines. These tests read the built page and the snippet files, not the renderer:

- every print() whose #> lines differ between SQLAlchemy 2.0 and 2.1 has one entry, titled with
  its snippet and the line of its first #> line; each tagged line is in its version's column,
  each column is what that version prints, and the code shown is the print() above the line;
  there is no other entry;
- the summary's counts are the snippets' counts, and its table counts the entries by kind;
- every snippet whose exception class changes has a sentence in tests/data/version-notes.yml
  saying what that means for an except clause (the renderer cannot write it), and the page
  shows it.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

import pytest

from harness import docs, snippets, versions
from harness.site import BuiltSite

URL = docs.page_url(versions.PAGE)
VERSIONS = ("2.0", "2.1")
NOTHING = "(prints nothing)"  # what a column shows when that version prints no line

ENTRY = re.compile(
    r"<details[^>]*>\s*<summary>(?P<title>.*?)</summary>(?P<body>.*?)</details>", re.S
)
TITLE = re.compile(r"(?P<snippet>snippets/\S+\.py), line (?P<line>\d+): (?P<kind>.+)")
FIRST_CODE = re.compile(r"<code>(?P<code>.*?)</code>", re.S)
COLUMN = re.compile(
    r"<strong>SQLAlchemy (?P<version>\d+\.\d+)</strong>.*?<code>(?P<code>.*?)</code>", re.S
)
SUMMARY = re.compile(
    r"recorded <strong>(\d+) outputs</strong> that differ, in <strong>(\d+) snippets</strong> "
    r"\((\d+) version-tagged lines\)"
)
TABLE_ROW = re.compile(r"<tr>\s*<td>(?P<kind>[^<]+)</td>\s*<td>(?P<count>\d+)</td>\s*</tr>")
MARKDOWN_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\([^)]*\)")


@dataclass
class Entry:
    """One collapsed example of the built page."""

    kind: str  # "the sql text changes", ...
    code: list[str]  # the print() call shown
    columns: dict[str, list[str]]  # "2.0" / "2.1" -> the lines shown under that version


@dataclass
class Differing:
    """A print() of a snippet whose #> lines differ between 2.0 and 2.1."""

    snippet: str
    block: snippets.Block
    source: list[str]  # the snippet's lines

    @property
    def tagged(self) -> int:
        return sum(1 for line in self.block.lines if line.version in VERSIONS)


def text(fragment: str) -> str:
    """What a reader sees of an HTML fragment."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def differing() -> list[Differing]:
    found = []
    for path in snippets.snippet_files():
        source = path.read_text(encoding="utf-8")
        _, blocks, _ = snippets.parse(source)
        for block in blocks.values():
            if block.view("2.0") != block.view("2.1"):  # not: tagged for other releases (1.4)
                found.append(Differing(snippets.relative(path), block, source.splitlines()))
    return found


def entries(built_site: BuiltSite) -> dict[tuple[str, int], Entry]:
    """The built page's entries by (snippet, line)."""
    found = {}
    for match in ENTRY.finditer(built_site.html(URL)):
        title = TITLE.fullmatch(text(match["title"]).strip())
        assert title, (
            f"{URL}: an example titled {text(match['title'])!r}, not 'snippets/x.py, line N: ...'"
        )
        columns = {
            c["version"]: text(c["code"]).splitlines() for c in COLUMN.finditer(match["body"])
        }
        code = text(FIRST_CODE.search(match["body"])["code"]).splitlines()
        found[(title["snippet"], int(title["line"]))] = Entry(title["kind"], code, columns)
    return found


def fail_with(problems: list[str]) -> None:
    if problems:
        where = f"the built page {URL} (docs/checked/sqlalchemy-2.0-to-2.1.md, hooks/versions.py)"
        pytest.fail(f"{where}:\n" + "\n".join(problems), pytrace=False)


@pytest.mark.site
def test_every_tagged_line_is_on_the_built_page(built_site: BuiltSite) -> None:
    shown = entries(built_site)
    wanted = differing()
    problems = []
    for diff in wanted:
        first = diff.block.first_line
        entry = shown.get((diff.snippet, first))
        if entry is None:
            problems.append(
                f"{diff.snippet}:{first}: 2.0 and 2.1 print different lines here, "
                "and the page has no entry for it"
            )
            continue
        for offset, line in enumerate(diff.block.lines):
            if line.version in VERSIONS and line.text not in entry.columns.get(line.version, []):
                problems.append(
                    f"{diff.snippet}:{first + offset}: #>[{line.version}] {line.text} "
                    f"is not in the entry's SQLAlchemy {line.version} column"
                )
        for version in VERSIONS:
            if entry.columns.get(version) != (diff.block.view(version) or [NOTHING]):
                problems.append(
                    f"{diff.snippet}:{first}: the entry's SQLAlchemy {version} column "
                    f"is not what the snippet prints on {version}"
                )
    for snippet, line in sorted(shown.keys() - {(d.snippet, d.block.first_line) for d in wanted}):
        problems.append(
            f"{snippet}:{line}: the page has an entry here, but 2.0 and 2.1 print the same lines"
        )
    fail_with(problems)


@pytest.mark.site
def test_each_entry_shows_the_print_above_its_output(built_site: BuiltSite) -> None:
    shown = entries(built_site)
    problems = []
    for diff in differing():
        first = diff.block.first_line
        entry = shown.get((diff.snippet, first))
        if entry is None:
            continue  # test_every_tagged_line_is_on_the_built_page names it
        above = diff.source[max(first - 1 - len(entry.code), 0) : first - 1]
        same = len(above) == len(entry.code) > 0 and all(
            part.strip() in line for part, line in zip(entry.code, above, strict=True)
        )
        if not same:
            problems.append(
                f"{diff.snippet}:{first}: the entry shows {entry.code}, not the "
                "print() whose output starts on this line"
            )
    fail_with(problems)


@pytest.mark.site
def test_the_summary_counts_what_the_snippets_tag(built_site: BuiltSite) -> None:
    page = built_site.html(URL)
    wanted = differing()
    summary = SUMMARY.search(page)
    counts = (len(wanted), len({d.snippet for d in wanted}), sum(d.tagged for d in wanted))
    problems = []
    if not summary or tuple(map(int, summary.groups())) != counts:
        problems.append(
            f"the summary says {summary and summary[0]!r}; the snippets have "
            "{} outputs that differ, in {} snippets ({} version-tagged lines)".format(*counts)
        )
    table = {row["kind"].lower(): int(row["count"]) for row in TABLE_ROW.finditer(page)}
    by_kind = dict(Counter(entry.kind for entry in entries(built_site).values()))
    if table != by_kind:
        problems.append(f"the table of kinds says {table}; the entries are {by_kind}")
    fail_with(problems)


def test_exception_changes_are_explained():
    notes = versions.load_notes()
    problems = []
    for diff in versions.differences():
        if diff.kind == "exception" and diff.snippet not in notes:
            problems.append(
                f"{diff.snippet}:{diff.line}: the exception class differs between 2.0 and 2.1; "
                f"add a sentence for {diff.snippet} to {versions.NOTES.relative_to(snippets.ROOT)} "
                "saying what that means for an except clause"
            )
    for snippet in notes:
        if not (snippets.ROOT / snippet).is_file():
            problems.append(
                f"{versions.NOTES.relative_to(snippets.ROOT)}:1: {snippet} does not exist"
            )
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.site
def test_every_sentence_is_on_the_built_page(built_site: BuiltSite) -> None:
    page = " ".join(text(built_site.html(URL)).split())
    with_entry = {snippet for snippet, _ in entries(built_site)}
    problems = []
    for snippet, sentences in versions.load_notes().items():
        for sentence in sentences if snippet in with_entry else []:
            plain = " ".join(MARKDOWN_LINK.sub(r"\g<text>", sentence).replace("`", "").split())
            if plain not in page:
                problems.append(
                    f"{versions.NOTES.relative_to(snippets.ROOT)}: the sentence for "
                    f"{snippet} is not on the page: {plain[:60]}..."
                )
    fail_with(problems)
