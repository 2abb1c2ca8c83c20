"""llms.txt and llms-full.txt in the strict build (hooks/llms_txt.py).

- both files are at the root of the built site;
- llms.txt links every page of the site, llms-full.txt has every page;
- every snippet a page includes, and every notebook's source, is in llms-full.txt whole: a
  ```python block titled with its path whose text is the file, byte for byte (dedented when
  the page shows it inside an admonition or a tab);
- no include line is left unresolved, so no page gives a fragment where a script belongs.
"""

from __future__ import annotations

import re
import textwrap

import pytest

from harness import docs, notebooks
from harness.site import ROOT, BuiltSite

pytestmark = pytest.mark.site

TITLED_BLOCK = re.compile(
    r'^(?P<indent>[ \t]*)(?P<fence>`{3,})python title="(?P<path>[^"]+)"\n(?P<body>.*?)\n'
    r"(?P=indent)(?P=fence)$",
    re.S | re.M,
)


def _read(built_site: BuiltSite, name: str) -> str:
    path = built_site.directory / name
    assert path.is_file(), f"the strict build has no {name} (hooks/llms_txt.py writes it)"
    return path.read_text(encoding="utf-8")


def _page_urls(built_site: BuiltSite) -> list[str]:
    assert built_site.site_url, "site_url is not set: llms.txt needs absolute addresses"
    return [built_site.site_url + page for page in built_site.pages() if page != "404.html"]


def test_llms_txt_links_every_page(built_site: BuiltSite) -> None:
    text = _read(built_site, "llms.txt")
    assert text.startswith("# "), "llms.txt must start with the site's name as an H1"
    missing = [url for url in _page_urls(built_site) if f"]({url})" not in text]
    assert not missing, "pages llms.txt does not link:\n" + "\n".join(missing)
    assert f"]({built_site.site_url}llms-full.txt)" in text, "llms.txt does not link llms-full.txt"


def test_llms_full_txt_has_every_page(built_site: BuiltSite) -> None:
    text = _read(built_site, "llms-full.txt")
    missing = [url for url in _page_urls(built_site) if f"\nPage: {url}\n" not in text]
    assert not missing, "pages missing from llms-full.txt:\n" + "\n".join(missing)


def test_llms_full_txt_has_every_script_whole(built_site: BuiltSite) -> None:
    text = _read(built_site, "llms-full.txt")
    blocks: dict[str, list[str]] = {}
    for match in TITLED_BLOCK.finditer(text):
        body = textwrap.dedent(match["body"]) if match["indent"] else match["body"]
        blocks.setdefault(match["path"], []).append(body)
    wanted = {include.file for include in docs.includes()}
    wanted |= {path.relative_to(ROOT).as_posix() for path in notebooks.notebook_sources()}
    assert wanted, "no page includes a snippet: nothing to check"
    problems = []
    for path in sorted(wanted):
        source = (ROOT / path).read_text(encoding="utf-8").rstrip("\n")
        shown = blocks.get(path)
        if not shown:
            problems.append(f"{path}: not in llms-full.txt as a block titled with its path")
        elif source not in shown:
            first = next(
                (
                    f"line {n}: {a!r} != {b!r}"
                    for n, (a, b) in enumerate(
                        zip(source.split("\n"), shown[0].split("\n"), strict=False), 1
                    )
                    if a != b
                ),
                "lengths differ",
            )
            problems.append(f"{path}: the block in llms-full.txt is not the whole file ({first})")
    print(f"{len(wanted) - len(problems)} of {len(wanted)} scripts whole in llms-full.txt")
    assert not problems, "\n".join(problems)
    leftover = [line for line in text.splitlines() if docs.INCLUDE.match(line)]
    assert not leftover, "include lines left in llms-full.txt:\n" + "\n".join(leftover[:10])
