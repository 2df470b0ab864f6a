"""The module's shape: layers without loops, no import inside a function, no module over 400 lines, the verdict
look defined once, and each chapter computed once per build."""

import ast
import re
from collections import Counter

import pytest

from rk35 import book as book_module
from rk35.book import MODULES, Book
from rk35.render import BADGE, latex_box_colours, verdict_css
from rk35.verdicts import LOOK, Verdict, title_tint_on_white
from tests.conftest import ROOT

PACKAGE = ROOT / "rk35"


def modules() -> dict[str, ast.Module]:
    """Every module of rk35, by its dotted name."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = ast.parse(path.read_text(encoding="utf-8"))
    return out


def imports(tree: ast.Module, known: set[str]) -> set[str]:
    """The rk35 modules a module imports at its top level (a package import counts as its module)."""
    found = set()
    for node in tree.body:
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        found |= {name for name in names if name in known}
    return found


def test_the_import_graph_has_no_loop():
    trees = modules()
    graph = {name: imports(tree, set(trees)) - {name} for name, tree in trees.items()}
    state: dict[str, str] = {}

    def visit(name, path):
        if state.get(name) == "done":
            return
        assert state.get(name) != "open", "import loop: " + " -> ".join(path + [name])
        state[name] = "open"
        for child in sorted(graph[name]):
            visit(child, path + [name])
        state[name] = "done"

    for name in sorted(graph):
        visit(name, [])


def test_no_module_imports_the_book_inside_a_function():
    for name, tree in modules().items():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith("rk35"):
                        pytest.fail(f"{name}.{node.name} imports {inner.module} inside a function")
                    if isinstance(inner, ast.Import) and any(a.name.startswith("rk35") for a in inner.names):
                        pytest.fail(f"{name}.{node.name} imports rk35 inside a function")


def test_no_module_is_over_400_lines():
    for path in PACKAGE.rglob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.relative_to(ROOT)


def test_leaves_import_nothing_above_them():
    trees = modules()
    for leaf in ("rk35.text", "rk35.fmt", "rk35.records", "rk35.verdicts", "rk35.colours"):
        assert imports(trees[leaf], set(trees)) <= {"rk35.text", "rk35.fmt", "rk35.colours"}, leaf
    for topic in (n for n in trees if n.startswith("rk35.topics.")):
        above = {m for m in imports(trees[topic], set(trees)) if m.startswith(("rk35.chapter", "rk35.book", "rk35.glue"))}
        assert not above, (topic, above)


def test_no_notebook_cell_computes_and_a_chapter_has_at_most_three_code_cells():
    import nbformat

    for path in sorted((ROOT / "book").glob("*.ipynb")):
        code = [c.source for c in nbformat.read(path, 4).cells if c.cell_type == "code"]
        assert len(code) <= 3, path.name
        for source in code:
            lines = [line for line in source.splitlines() if line.strip() and not line.startswith(("from ", "import "))]
            assert all(re.fullmatch(r"(chapter = )?glue_(page|figures)\([^()]*\)(  #.*)?", line) for line in lines), \
                (path.name, source)


#: Cell tags and options with which nbval would accept a cell whose output differs from a fresh run.
NBVAL_EXEMPTIONS = ("nbval-ignore-output", "nbval-skip", "raises-exception", "nbval-raises-exception")


def test_every_stored_output_is_compared_by_nbval():
    """Every cell's stored output, charts included (their PNG and HTML, now that the font is vendored), must equal a
    fresh run: no cell carries a tag that exempts it, and nbval runs strict (no --nbval-lax, no sanitizing)."""
    import nbformat

    exempt = [(path.name, tag) for path in sorted((ROOT / "book").glob("*.ipynb"))
              for cell in nbformat.read(path, 4).cells for tag in cell.metadata.get("tags", [])
              if tag in NBVAL_EXEMPTIONS]
    assert not exempt
    options = (ROOT / "pyproject.toml").read_text(encoding="utf-8") + (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--nbval " in options and "--nbval-lax" not in options and "--nbval-sanitize" not in options


def test_the_verdict_look_is_defined_once_and_the_stylesheets_follow_it():
    css = verdict_css()
    for verdict, look in LOOK.items():
        assert f"div.admonition.{verdict.css_class} {{ border-color: {look.colour}; }}" in css
        assert f".sd-badge.sd-bg-{BADGE[verdict]} {{ background-color: {look.badge_background} !important; " \
               f"color: {look.badge_text} !important; }}" in css
        assert f"div.{look.latex_box}_border-TeXcolor={{HTML}}{{{look.colour[1:]}}}" in latex_box_colours()
        assert f"{{HTML}}{{{title_tint_on_white(look)}}}" in latex_box_colours()
    assert set(LOOK) == set(Verdict) and len({look.latex_box for look in LOOK.values()}) == len(LOOK)
    hand_written = (ROOT / "rk35" / "static" / "rk35.css").read_text(encoding="utf-8")
    assert ".verdict-" not in hand_written and "sd-bg-" not in hand_written  # no second definition
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    assert "TeXcolor" not in config


def test_each_chapter_is_built_once_and_each_check_runs_once(monkeypatch):
    calls = Counter()

    def counted(name, function):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)
        return wrapper

    for name, build in list(book_module.CHAPTERS.items()):
        monkeypatch.setitem(book_module.CHAPTERS, name, counted(f"build {name}", build))
    for module in MODULES:
        for claim_id, (rule, check) in list(module.CHECKS.items()):
            monkeypatch.setitem(module.CHECKS, claim_id, (rule, counted(f"check {claim_id}", check)))
    from rk35 import downloads

    book = Book()
    assert book.assessments and book.numbers  # everything the appendices, downloads and the extension read
    for name in ("register", "methods", "numbers"):
        book.chapter(name)
    downloads.register_records(book)
    for name in book_module.CHAPTERS:
        downloads.claim_reviews(book, name)
    expected = {f"build {name}" for name in book_module.CHAPTERS} | {
        f"check {claim_id}" for module in MODULES for claim_id in module.CHECKS}
    assert set(calls) == expected and set(calls.values()) == {1}, calls
