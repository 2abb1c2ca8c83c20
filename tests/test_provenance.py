"""Every page says which releases its output was checked with (hooks/provenance.py).

The hook reads what complete, passing test runs recorded in .cache/provenance/; these tests
check that every built page carries the line, and that the line names what a run records.
"""

from __future__ import annotations

import importlib.util
from importlib.metadata import version

import pytest

from harness import provenance
from harness.site import ROOT, BuiltSite

spec = importlib.util.spec_from_file_location("hook", ROOT / "hooks" / "provenance.py")
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)


@pytest.mark.site
def test_every_page_shows_its_provenance(built_site: BuiltSite) -> None:
    missing = [
        page
        for page in built_site.pages()
        if page != "404.html" and '<aside class="provenance"' not in built_site.html(page)
    ]
    assert not missing, f"pages without the provenance line: {missing}"


def test_the_line_names_what_the_run_used(request) -> None:
    run = provenance.current(request.session, 0) | {"complete": True}
    markdown = '--8<-- "snippets/fastapi/session_dependency_001_order.py:dependencies"'
    line = hook.line_for(markdown, [run])
    assert f"SQLAlchemy {version('sqlalchemy')}" in line, line
    assert f"FastAPI {version('fastapi')}" in line, line
    assert run["commit"][:10] in line, line
    assert "Celery" not in line, line  # that page's snippet does not use Celery


def test_no_run_on_record_is_said() -> None:
    assert "No passing run" in hook.line_for("", [])


def test_mkdocs_yml_has_no_duplicate_keys() -> None:
    """YAML keeps the last of two equal keys silently: a second `hooks:` once dropped a hook."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def construct_mapping(loader, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                raise AssertionError(
                    f"mkdocs.yml:{key_node.start_mark.line + 1}: key {key!r} repeats the one "
                    f"on line {seen[key]}; YAML would keep only the last"
                )
            seen[key] = key_node.start_mark.line + 1
        return loader.construct_mapping(node, deep=deep)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV, !!python/...
    yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
