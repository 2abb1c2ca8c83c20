"""The error pages: their contract, their link to a real run, and their coverage of SQLAlchemy.

- Each page's front matter names the exception, a `match` fragment and a trigger snippet;
  the trigger's real output (its #> lines, checked by test_snippets.py) contains the fragment.
- Every message the installed SQLAlchemy's Session machinery can raise (read from its source)
  has a page, or is listed with a reason in tests/data/errors-not-covered.yml.
- The table on docs/errors/index.md is generated from the pages (--update-examples rewrites it).
"""

from __future__ import annotations

import json
import re

import pytest

from harness import docs, errors, snippets

PAGES = errors.error_pages()
INDEX = errors.ERRORS / "index.md"
SEARCH_DATA = snippets.ROOT / "docs" / "assets" / "javascripts" / "error-search.json"
TABLE_START, TABLE_END = "<!-- errors-table:start -->", "<!-- errors-table:end -->"
# The order of the index's groups: the reader's activity when the error appeared.
GROUPS = (
    "Running queries",
    "Reading attributes",
    "Committing and flushing",
    "Handling transactions",
    "Calling Session methods",
    "Moving objects between sessions",
    "Using async sessions",
)


def trigger_output(page: errors.ErrorPage, version: str | None = None) -> list[str]:
    """The #> lines of the page's trigger snippet (for one SQLAlchemy version, or all)."""
    source = (snippets.ROOT / page.trigger).read_text(encoding="utf-8")
    _, blocks, _ = snippets.parse(source)
    lines = []
    for block in blocks.values():
        lines += block.view(version) if version else [o.text for o in block.lines]
    return lines


def test_there_are_error_pages():
    assert len(PAGES) >= 20, f"only {len(PAGES)} pages under docs/errors/ have an error: block"


@pytest.mark.parametrize("error_page", PAGES, ids=lambda p: p.slug)
def test_error_page_contract(error_page):
    # Not named `page`: pytest-playwright treats a test asking for `page` as a browser test.
    page = error_page
    problems = []
    for field in ("cls", "module", "match", "trigger", "doing", "description", "title"):
        if not getattr(page, field):
            problems.append(f"front matter or title lacks '{field}'")
    if page.doing and page.doing not in GROUPS:
        problems.append(f"error.doing is '{page.doing}', expected one of {GROUPS}")
    if page.title and not page.title.startswith(f"{page.cls}:"):
        problems.append(f"the title should be the message as printed, starting '{page.cls}:'")
    trigger = snippets.ROOT / page.trigger
    if not trigger.is_file():
        problems.append(f"error.trigger {page.trigger} does not exist")
    else:
        wanted = f"{page.trigger}:trigger"
        shown = {inc.target for inc in docs.includes() if inc.page == page.path}
        if wanted not in shown:
            problems.append(f'the page does not show --8<-- "{wanted}"')
        current = snippets.installed_version()
        collapsed = [" ".join(line.split()) for line in trigger_output(page, current)]
        if not any(" ".join(page.match.split()) in line for line in collapsed):
            problems.append(
                f"no #> line of {page.trigger} on SQLAlchemy {current} contains "
                f"error.match {page.match!r}"
            )
        if page.code and not any(
            "sqlalche.me/e/" in line and line.rstrip(")").endswith(f"/{page.code}")
            for line in trigger_output(page)
        ):
            problems.append(f"error.code {page.code} does not appear in the trigger's output")
    if page.code and f"errors.html#error-{page.code}" not in page.path.read_text(encoding="utf-8"):
        problems.append(f"the page does not link SQLAlchemy's entry for code {page.code}")
    if problems:
        pytest.fail("\n".join(f"{page.where}: {p}" for p in problems), pytrace=False)


def page_output(page: errors.ErrorPage) -> list[str]:
    """Every #> line (of every SQLAlchemy version) of every snippet the page shows."""
    lines = []
    for file in sorted({inc.file for inc in docs.includes() if inc.page == page.path}):
        path = snippets.ROOT / file
        if path.is_file():
            _, blocks, _ = snippets.parse(path.read_text(encoding="utf-8"))
            lines += [o.text for block in blocks.values() for o in block.lines]
    return [" ".join(line.split()) for line in lines]  # the source's text is collapsed too


def template_regex(text: str) -> re.Pattern[str]:
    """A source message as a pattern: each interpolated part ("…") matches anything."""
    parts = [re.escape(part) for part in text.split(errors.PLACEHOLDER)]
    return re.compile(".+?".join(parts), re.S)


def test_every_session_message_is_documented_or_listed():
    """A message is documented when an error page shows a real run printing it."""
    messages = errors.source_messages()
    listed = errors.not_covered()
    shown = {page.slug: page_output(page) for page in PAGES}
    problems, documented, excused = [], [], []
    used_pages = set()
    for message in messages:
        pattern = template_regex(message.text)
        pages = [slug for slug, lines in shown.items() if any(pattern.search(x) for x in lines)]
        entries = [e for e in listed if e["match"] in message.text]
        used_pages.update(pages)
        if pages:
            documented.append(message)
        elif entries:
            excused.append(message)
        else:
            problems.append(
                f"{message.where}: {message.kind}: {message.text!r} is printed by no error "
                f"page's snippets and is not listed in "
                f"{errors.NOT_COVERED.relative_to(snippets.ROOT)}"
            )
    version = snippets.installed_version()
    for entry in listed:
        if not entry.get("reason"):
            problems.append(f"{errors.NOT_COVERED.name}: entry {entry['match']!r} has no reason")
        matched = any(entry["match"] in m.text for m in messages)
        if not matched and not entry.get("optional") and entry.get("only", version) == version:
            problems.append(
                f"{errors.NOT_COVERED.name}: entry {entry['match']!r} matches no message in "
                f"SQLAlchemy {version}'s source; remove it (or mark it only: <version>)"
            )
    for page in PAGES:
        if page.slug not in used_pages:
            problems.append(
                f"{page.where}: none of the page's output is an instance of a message in the "
                f"Session machinery's source ({', '.join(errors.SOURCES)})"
            )
    print(
        f"SQLAlchemy {version}: {len(messages)} messages in the Session machinery; "
        f"{len(documented)} printed by real runs on {len(PAGES)} error pages "
        f"({100 * len(documented) / len(messages):.0f}%), {len(excused)} listed as not covered"
    )
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("related", errors.related_messages(), ids=lambda r: r.page)
def test_related_message_is_shown_by_its_page(related):
    problems = []
    page = docs.DOCS / related.page
    if not page.is_file():
        problems.append(f"page {related.page} does not exist")
    elif related.snippet not in {i.file for i in docs.includes() if i.page == page}:
        problems.append(f"{related.page} does not show {related.snippet}")
    source = (snippets.ROOT / related.snippet).read_text(encoding="utf-8")
    _, blocks, _ = snippets.parse(source)
    shown = [o.text for block in blocks.values() for o in block.lines]
    if not any(related.match in line for line in shown):
        problems.append(f"no #> line of {related.snippet} contains {related.match!r}")
    if problems:
        pytest.fail(
            "\n".join(f"docs/errors/index.md:1: related {related.title!r}: {p}" for p in problems),
            pytrace=False,
        )


def render_index() -> str:
    lines = [TABLE_START]
    for group in GROUPS:
        members = sorted((p for p in PAGES if p.doing == group), key=lambda p: p.title)
        if not members:
            continue
        lines += ["", f"### {group}", "", "| The message | Code |", "|---|---|"]
        for page in members:
            title = page.title.replace("|", "\\|")
            code = (
                f"[`{page.code}`](https://docs.sqlalchemy.org/en/20/errors.html#error-{page.code})"
                if page.code
                else ""
            )
            lines.append(f"| [{title}]({page.slug}.md) | {code} |")
    related = errors.related_messages()
    if related:
        lines += ["", "### Messages from Celery, FastAPI and the drivers", ""]
        lines += ["| The message | Explained on |", "|---|---|"]
        for r in related:
            title = r.title.replace("|", "\\|")
            lines.append(f"| {title} | [{r.page.removesuffix('.md')}](../{r.page}) |")
    lines += ["", TABLE_END]
    return "\n".join(lines)


def test_index_lists_every_error_page(request):
    text = INDEX.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(TABLE_START) + ".*?" + re.escape(TABLE_END), re.S)
    if not pattern.search(text):
        pytest.fail(f"{INDEX.relative_to(snippets.ROOT)}:1: no {TABLE_START} marker", pytrace=False)
    wanted = render_index()
    current = pattern.search(text).group(0)
    if current == wanted:
        return
    if request.config.getoption("update_examples"):
        INDEX.write_text(pattern.sub(lambda _: wanted, text), encoding="utf-8")
        return
    line = text[: text.index(TABLE_START)].count("\n") + 1
    pytest.fail(
        f"{INDEX.relative_to(snippets.ROOT)}:{line}: the table of error pages is out of date "
        "(run 'scripts/test -- --update-examples' to regenerate it)",
        pytrace=False,
    )


def search_data() -> str:
    entries = [
        {"match": p.match, "title": p.title, "url": f"errors/{p.slug}/"}
        for p in sorted(PAGES, key=lambda p: p.slug)
    ]
    entries += [
        {"match": r.match, "title": r.title, "url": r.url} for r in errors.related_messages()
    ]
    # Every other error message a page prints, answered by the page that prints it.
    entries += [
        {"match": m.match, "title": m.title, "url": m.url, "page": m.page_title}
        for m in errors.printed_messages()
    ]
    return json.dumps(entries, indent=1, ensure_ascii=False) + "\n"


def test_search_data_is_current(request):
    """docs/assets/javascripts/error-search.json feeds the pasted-error search: the error pages,
    the index's related messages, and every other error message a snippet prints on a page."""
    wanted = search_data()
    if SEARCH_DATA.is_file() and SEARCH_DATA.read_text(encoding="utf-8") == wanted:
        return
    if request.config.getoption("update_examples"):
        SEARCH_DATA.write_text(wanted, encoding="utf-8")
        return
    pytest.fail(
        f"{SEARCH_DATA.relative_to(snippets.ROOT)}:1: out of date with the error pages' front "
        "matter or the error messages the pages print (run 'scripts/test -- --update-examples' "
        "to regenerate it)",
        pytrace=False,
    )
