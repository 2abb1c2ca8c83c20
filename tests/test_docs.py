"""The pages show only tested code, every include resolves, and every snippet is shown.

These checks run without building the site, so their messages can name the page and line.
The strict build itself is in test_site.py.
"""

from __future__ import annotations

import pytest

from harness import docs, notebooks, snippets

# Code a page writes inline, marked ```{.python test="skip"}```, is not run by any test.
# It should stay rare: raising this number is a decision to make in review.
MAX_UNTESTED_FRAGMENTS = 5


def all_blocks() -> list[docs.Block]:
    return [block for page in docs.pages() for block in docs.fenced_blocks(page)]


def test_every_code_block_is_an_include_of_a_snippet():
    problems, fragments = [], []
    for block in all_blocks():
        if block.lang in docs.INLINE_OK or block.only_includes:
            continue
        if block.marked_fragment:
            fragments.append(block.where)
            continue
        problems.append(
            f"{block.where}: a ```{block.info.strip() or '(no language)'} block is written in "
            "the page. Put the code in a snippet under snippets/ and include it with "
            '--8<-- "snippets/<file>.py:<section>", or mark a fragment that cannot run '
            '```{.python test="skip"}```.'
        )
    if len(fragments) > MAX_UNTESTED_FRAGMENTS:
        problems.append(
            f"{len(fragments)} untested fragments (at most {MAX_UNTESTED_FRAGMENTS}): "
            + ", ".join(fragments)
        )
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
    print(f"{len(fragments)} untested fragment(s): {', '.join(fragments) or 'none'}")


def test_every_include_resolves():
    problems = []
    for include in docs.includes():
        path = snippets.ROOT / include.file
        if not path.is_file():
            problems.append(f"{include.where}: included file {include.file} does not exist")
            continue
        section = include.section
        if section is None:
            continue
        if section.replace(":", "").isdigit() or section.split(":")[0].lstrip("-").isdigit():
            problems.append(
                f"{include.where}: {include.target} includes by line numbers, which go stale; "
                "mark a named section in the snippet instead"
            )
            continue
        markers = docs.sections(path).get(section)
        if not markers:
            problems.append(
                f"{include.where}: section '{section}' is not marked in {include.file} "
                f"(expected '# --8<-- [start:{section}]' and '# --8<-- [end:{section}]')"
            )
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("path", snippets.snippet_files(), ids=snippets.relative)
def test_snippet_sections_are_balanced(path):
    for name, markers in docs.sections(path).items():
        kinds = [kind for kind, _ in markers]
        if kinds != ["start", "end"]:
            line = markers[0][1]
            pytest.fail(
                f"{snippets.relative(path)}:{line}: section '{name}' has markers {kinds}; "
                "each section needs exactly one start followed by one end",
                pytrace=False,
            )


def test_every_snippet_is_shown_by_a_page():
    shown = {include.file for include in docs.includes()}
    shown |= {snippets.relative(p) for p in notebooks.notebook_sources()}
    orphans = [
        snippets.relative(p) for p in snippets.snippet_files() if snippets.relative(p) not in shown
    ]
    if orphans:
        pytest.fail(
            "snippets that no page shows (include them, or delete them):\n"
            + "\n".join(f"{o}:1: not included by any page under docs/" for o in orphans),
            pytrace=False,
        )
