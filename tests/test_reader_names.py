"""No invisible names: every name a shown section uses is defined where the reader can see it.

A page shows named sections of snippets. Reading a page from the top, every name a shown
section loads must be

- a builtin;
- defined in that section (assigned, imported, a ``def``/``class``, a ``for``/``with``/
  ``except`` target, a ``global`` assigned in one of its functions);
- defined in a block included earlier on the same page (any section of any snippet, a
  whole-file include, a block inside a collapsed ``??? example``): at its top level, or in one
  of its functions, since a setup block may show the start of ``async def main():`` whose
  locals the next sections use; or
- imported by an import statement of the block's own file (imports read plainly in the whole
  script: ``Session`` or ``select`` need no explaining).

A name that the reader can only find by opening "Whole script" (a statement recorder, a
test's event list, a helper set up above the section) is invisible on the page and fails
here. Scoping is Python's own (``symtable``): parameters, comprehension variables and names
local to a function or class body are not loads from outside; attribute access is not a name;
names inside f-strings are.

Pure ``ast``/``symtable``, no site build: the message names the page, the include, the
names and their lines in the snippet.
"""

from __future__ import annotations

import ast
import builtins
import symtable
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from harness import docs
from harness.snippets import ROOT

# Builtins, and the globals Python gives every script.
BUILTINS = frozenset(dir(builtins)) | {"__file__", "__name__"}
# symtable reports these scopes as functions; their names are not bindings a reader reuses.
NOT_FUNCTIONS = {"lambda", "listcomp", "setcomp", "dictcomp", "genexpr"}


@dataclass
class Shown:
    """The code a reader sees for one include: the (dedented) section, or the whole file."""

    file: str
    section: str | None
    source: str
    first_line: int  # the snippet line of the source's first line

    @property
    def target(self) -> str:
        return f"{self.file}:{self.section}" if self.section else self.file


def shown(file: str, section: str | None) -> Shown:
    """What pymdownx.snippets shows: the lines between the markers, without the markers of
    other sections (blanked here so line numbers stay the snippet's), dedented."""
    lines = (ROOT / file).read_text(encoding="utf-8").splitlines()
    if section is None:
        body, first = lines, 1
    else:
        markers = dict((kind, line) for kind, line in docs.sections(ROOT / file)[section])
        body, first = lines[markers["start"] : markers["end"] - 1], markers["start"] + 1
    body = ["" if docs.SECTION.match(line) else line for line in body]
    return Shown(file, section, textwrap.dedent("\n".join(body)) + "\n", first)


@cache
def file_imports(file: str) -> frozenset[str]:
    """Every name an import statement of the file binds, wherever the statement is."""
    names: set[str] = set()
    for node in ast.walk(ast.parse((ROOT / file).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.asname or alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.update(alias.asname or alias.name for alias in node.names)
    return frozenset(names)


def _tables(table: symtable.SymbolTable):
    yield table
    for child in table.get_children():
        yield from _tables(child)


def scan(code: Shown) -> tuple[set[str], set[str], set[str]]:
    """Names the code defines at its top level, names it defines anywhere a reader sees them
    bound (its top level and its functions: assignments, imports, parameters; not class
    attributes or comprehension variables), and names it loads from its top level."""
    top = symtable.symtable(code.source, code.target, "exec")
    defined = {s.get_name() for s in top.get_symbols() if s.is_assigned() or s.is_imported()}
    loaded = {s.get_name() for s in top.get_symbols() if s.is_referenced()}
    shown_bound = set(defined)
    for table in _tables(top):
        if table is top:
            continue
        in_function = table.get_type() == "function" and table.get_name() not in NOT_FUNCTIONS
        for symbol in table.get_symbols():
            if in_function and (
                symbol.is_assigned() or symbol.is_imported() or symbol.is_parameter()
            ):
                shown_bound.add(symbol.get_name())
            if not symbol.is_global():
                continue
            if symbol.is_declared_global() and symbol.is_assigned():
                defined.add(symbol.get_name())
            if symbol.is_referenced():
                loaded.add(symbol.get_name())
    return defined, shown_bound | defined, loaded


def first_use(code: Shown, name: str) -> int:
    for node in ast.walk(ast.parse(code.source)):
        if isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Store):
            return code.first_line + node.lineno - 1
    return code.first_line


def page_problems(page: Path) -> list[str]:
    problems = []
    seen: set[str] = set()  # names defined by the blocks shown so far on this page
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
        match = docs.INCLUDE.match(line)
        if not match:
            continue
        include = docs.Include(page, number, match["target"])
        if not include.file.endswith(".py"):
            continue
        code = shown(include.file, include.section)
        try:
            defined, bound, loaded = scan(code)
        except SyntaxError as exc:
            problems.append(
                f"{include.where}: {code.target} is not a complete piece of Python on its own "
                f"({exc.msg}, {include.file}:{code.first_line + (exc.lineno or 1) - 1}); "
                "mark a section that starts and ends with whole statements"
            )
            continue
        invisible = sorted(
            loaded - defined - seen - BUILTINS - file_imports(include.file),
            key=lambda name: first_use(code, name),
        )
        if invisible:
            uses = ", ".join(f"{n} ({include.file}:{first_use(code, n)})" for n in invisible)
            problems.append(
                f"{include.where}: {code.target} uses {uses}, defined nowhere on the page "
                "above it: show the setup in an earlier block (a collapsed ??? example is "
                "fine), or keep the instrumentation out of the shown section"
            )
        seen |= bound
    return problems


@pytest.mark.parametrize("page", docs.pages(), ids=lambda p: str(p.relative_to(docs.DOCS)))
def test_every_name_a_section_uses_is_defined_on_the_page(page: Path) -> None:
    problems = page_problems(page)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_scoping_follows_python() -> None:
    source = textwrap.dedent(
        """
        import os as system
        total = 0

        def add(item, *rest, key=None):
            global counter
            counter = item
            return [x for x in rest if x] + [helper]

        class Model:
            name = "x"
            size = name * 2

        for number in range(3):
            total += number
        with opened() as handle:
            pass
        try:
            pass
        except ValueError as exc:
            print(f"{exc} {missing=} {total}")
        lambda arg: arg + outer
        obj.attribute.method()
        """
    )
    defined, bound, loaded = scan(Shown("x.py", "x", source, 1))
    assert defined >= {"system", "total", "add", "Model", "number", "handle", "exc", "counter"}
    assert {"item", "rest", "key"} <= bound  # parameters: bound in a function a reader saw
    assert not {"x", "arg", "name", "size"} & bound  # comprehension, lambda, class body
    invisible = loaded - defined - BUILTINS
    assert invisible == {"helper", "opened", "missing", "outer", "obj"}, invisible
