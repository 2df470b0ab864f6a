"""Measure how fast the book builds and how big it is, and print a report. Nothing is asserted.

Usage: python tools/benchmark.py [--runs N] [--determinism | --pages]     (or: make benchmark, make benchmark-pages)

Works on a copy of the project's tracked files (as they are in the working tree) in a temporary folder, with
its own virtualenv, so that nothing here is touched. Every time is the median of N runs (3 by default):

  (a) cold `make book`: `rm -rf _build`, then execution + HTML + PDF (venv and Debian packages present);
  (b) the same book built Jupyter Book's recommended way: `execute_notebooks: cache`, from an empty cache,
      `jupyter-book build` for HTML, then for PDF; and the ratio a/b;
  (c) `make book` again with nothing changed;
  (d) `make book` after editing one value in data/lng_imports.csv (and `make checksums`), with the notebooks
      that re-ran;
  (e) nbval over every chapter (`pytest book`), against plain sequential execution of the same notebooks;
  (f) the PDF build alone (Sphinx's LaTeX writer and latexmk, notebooks already executed);
  (g) HTML bytes per page, besides the shared bundle (vega, fonts, theme);
  (h) stored notebook bytes;
  (i) each page opened from disk (file://) in Chromium, in a fresh browser context each time: the bytes it loads
      (every file it requests, at its size on disk: the page, its scripts and stylesheets, of which the chart
      bundle), and the time from navigation to the first chart drawn (to the load event on a page without one).

With --pages it measures only (i), on the book already built in this tree (_build/html; `make html` first).

With --determinism it instead runs `make test` twice on one fresh clone of HEAD, then a third time after
`rm -rf _build`, and reports whether each run passed and left the tree unchanged.

Targets (reported, not asserted): a/b <= 0.4 on 2 cores; (c) <= 2 s; (d) re-executes only the notebooks that
read lng_imports.csv; every page <= 500 KB besides the bundle; (i) every page loads <= 1.5 MB besides the chart
bundle, and draws its first chart within 1 s.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_TARGET = 500 * 1024
LOAD_TARGET = 1.5 * 1024 * 1024
FIRST_CHART_TARGET_MS = 1000
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Notes the time (ms from navigation) at which the page's first chart is drawn: vega-embed adds its SVG.
FIRST_CHART = """new MutationObserver(function (changes, observer) {
  if (document.querySelector('.rk35-chart svg.marks')) { window.rk35FirstChart = performance.now(); observer.disconnect(); }
}).observe(document, {childList: true, subtree: true});"""


def run(args, cwd, env=None, check=True) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, check=check, capture_output=True, text=True)


def timed(args, cwd, env=None) -> tuple[float, str]:
    start = time.perf_counter()
    out = run(args, cwd, env)
    return time.perf_counter() - start, out.stdout + out.stderr


def copy_project(target: Path) -> None:
    """The tracked files as they are in the working tree (uncommitted edits included), without _build or .venv."""
    files = run(["git", "ls-files", "-z"], ROOT).stdout.split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def median(values: list[float]) -> float:
    return statistics.median(values)


def executed(log: str) -> list[str]:
    return sorted(set(re.findall(r"executing book/([a-z_]+)\.ipynb", log)))


def edit_lng_value(project: Path, undo: bool = False) -> None:
    """Change (or restore) the last digit of one 2025 supplier volume in data/lng_imports.csv."""
    path = project / "data" / "lng_imports.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("2025,full_year,Peru,"):
            cells = line.split(",")
            value = cells[3]
            last = int(value[-1])
            cells[3] = value[:-1] + str((last + (-1 if undo else 1)) % 10)
            lines[i] = ",".join(cells)
            break
    else:
        raise SystemExit("benchmark: no 2025 Peru row in data/lng_imports.csv to edit")
    path.write_text("".join(lines), encoding="utf-8")


def page_loads(html: Path, runs: int) -> dict[str, dict]:
    """(i): each page of the built book (book/*.html and the search page) opened from disk, `runs` times, each in a
    fresh browser context: the bytes of every file it requests (their sizes on disk), the chart bundle's among them,
    and the medians of the time to its first chart drawn and to its load event, in ms."""
    from urllib.parse import unquote, urlparse

    from playwright.sync_api import sync_playwright

    bundle = "_static/rk35-vega.js"
    names = sorted(p.relative_to(html).as_posix() for p in (html / "book").glob("*.html")) + ["search.html"]
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for name in names:
            sizes, charts, loads = {}, [], []
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1366, "height": 900})
                context.add_init_script(FIRST_CHART)
                page = context.new_page()
                requested = []
                page.on("requestfinished", lambda request, requested=requested: requested.append(request.url))
                page.goto((html / name).as_uri())
                page.wait_for_load_state("load")
                if page.locator(".rk35-chart").count():
                    page.wait_for_function("() => window.rk35FirstChart !== undefined", timeout=30000)
                    charts.append(page.evaluate("() => window.rk35FirstChart"))
                loads.append(page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd"))
                context.close()
                for url in requested:
                    if url.startswith("file:"):
                        path = Path(unquote(urlparse(url).path))
                        sizes[path.relative_to(html).as_posix()] = path.stat().st_size
            results[name] = {"bytes": sum(sizes.values()), "bundle": sizes.get(bundle, 0), "files": len(sizes),
                             "first chart": median(charts) if charts else None, "load": median(loads)}
            print(f"  (i) {name}: {results[name]['bytes'] / 1024:,.0f} KB in {len(sizes)} files, first chart "
                  + (f"{median(charts):.0f} ms" if charts else "none") + f", load {median(loads):.0f} ms", flush=True)
        browser.close()
    return results


def page_load_rows(results: dict[str, dict]) -> list[tuple[str, str]]:
    """(i) as report rows: one a page, then the targets."""
    rows = []
    for name, r in results.items():
        chart = f"first chart {r['first chart']:.0f} ms" if r["first chart"] is not None else "no chart"
        rows.append((f"(i) {name}", (f"{r['bytes'] / 1024:,.0f} KB in {r['files']} files "
                     f"({(r['bytes'] - r['bundle']) / 1024:,.0f} KB besides the chart bundle); {chart}; "
                     f"load {r['load']:.0f} ms")))
    heavy = [n for n, r in results.items() if r["bytes"] - r["bundle"] > LOAD_TARGET]
    slow = [n for n, r in results.items() if (r["first chart"] or 0) > FIRST_CHART_TARGET_MS]
    rows.append(("(i) targets: ≤ 1.5 MB a page besides the chart bundle; first chart ≤ 1 s",
                 ("all pages within size" if not heavy else f"over size: {', '.join(heavy)}") + "; "
                 + ("every first chart within time" if not slow else f"slower: {', '.join(slow)}")))
    return rows


def benchmark(runs: int) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="rk35-bench-") as tmp:
        project = Path(tmp) / "book"
        project.mkdir()
        copy_project(project)
        print(f"benchmark: project copied to {project}; making its virtualenv (not timed)", flush=True)
        run(["make", "venv", "debian-packages"], project)
        env = {**os.environ, "PYTHONPATH": str(project)}

        # (a) cold make book
        cold = []
        for _ in range(runs):
            shutil.rmtree(project / "_build", ignore_errors=True)
            seconds, _ = timed(["make", "book"], project)
            cold.append(seconds)
            print(f"  (a) cold make book: {seconds:.1f} s", flush=True)

        # (c) no-change rebuild
        again = []
        for _ in range(runs):
            seconds, log = timed(["make", "book"], project)
            again.append(seconds)
        print(f"  (c) no-change rebuild: {median(again):.2f} s", flush=True)

        # (d) one value in lng_imports.csv
        edits, reran = [], set()
        for _ in range(runs):
            edit_lng_value(project)
            run(["make", "checksums"], project)
            seconds, log = timed(["make", "book"], project)
            edits.append(seconds)
            reran |= set(executed(log))
            edit_lng_value(project, undo=True)
            run(["make", "checksums"], project)
            run(["make", "book"], project)
        readers = sorted(p.stem for p in (project / "_build" / ".executed").glob("*.d")
                         if "data/lng_imports.csv" in p.read_text(encoding="utf-8"))
        print(f"  (d) after one lng_imports.csv edit: {median(edits):.1f} s, re-ran {sorted(reran)}", flush=True)

        # (g), (h) sizes, from the built book
        html = project / "_build" / "html"
        pages = {p.relative_to(html).as_posix(): p.stat().st_size for p in sorted(html.rglob("*.html"))}
        static = html / "_static"
        shared = {name: (static / name).stat().st_size for name in ("rk35-vega.js", "rk35-fonts.css")
                  if (static / name).exists()}
        notebooks = {p.name: p.stat().st_size for p in sorted((project / "book").glob("*.ipynb"))}

        # (i) what each page loads, and how soon it draws its first chart
        loaded = page_loads(html, runs)

        # (f) the PDF build alone
        pdf = []
        for _ in range(runs):
            shutil.rmtree(project / "_build" / "latex", ignore_errors=True)  # no LaTeX aux files from a previous run
            seconds, _ = timed([str(project / ".venv/bin/python"), "tools/build_book.py", "pdflatex"], project, env)
            pdf.append(seconds)
        print(f"  (f) PDF build alone: {median(pdf):.1f} s", flush=True)

        # (e) nbval over the book vs plain sequential execution
        nbval, plain = [], []
        for _ in range(runs):
            seconds, _ = timed([str(project / ".venv/bin/python"), "-m", "pytest", "-q", "book"], project, env)
            nbval.append(seconds)
            scratch = Path(tmp) / "plain"
            shutil.rmtree(scratch, ignore_errors=True)
            shutil.copytree(project / "book", scratch)
            code = (f"import sys; sys.path.insert(0, {str(project)!r}); from tools.execute import execute; "
                    f"from pathlib import Path\nfor nb in sorted(Path({str(scratch)!r}).glob('*.ipynb')): execute(nb)")
            seconds, _ = timed([str(project / ".venv/bin/python"), "-c", code], project, env)
            plain.append(seconds)
        print(f"  (e) nbval {median(nbval):.1f} s, sequential execution {median(plain):.1f} s", flush=True)

        # (b) Jupyter Book's recommended way, from an empty cache
        recommended = []
        config = project / "_config.yml"
        original = config.read_text(encoding="utf-8")
        config.write_text(original.replace('execute_notebooks: "off"', 'execute_notebooks: "cache"'), encoding="utf-8")
        jb = str(project / ".venv/bin/jupyter-book")
        try:
            for _ in range(runs):
                shutil.rmtree(project / "_build", ignore_errors=True)
                html_seconds, _ = timed([jb, "build", ".", "--builder", "html"], project, env)
                pdf_seconds, _ = timed([jb, "build", ".", "--builder", "pdflatex"], project, env)
                recommended.append(html_seconds + pdf_seconds)
                print(f"  (b) jupyter-book build (cache), HTML {html_seconds:.1f} s + PDF {pdf_seconds:.1f} s", flush=True)
        finally:
            config.write_text(original, encoding="utf-8")

    a, b = median(cold), median(recommended)
    ratio = a / b
    rows.append(("(a) cold `make book` (execution + HTML + PDF)", f"{a:.1f} s"))
    rows.append(("(b) Jupyter Book's way (cache, HTML then PDF)", f"{b:.1f} s"))
    rows.append(("a/b (target ≤ 0.4)", f"{ratio:.2f}" + ("" if ratio <= 0.4 else f" — missed by {ratio - 0.4:.2f}")))
    c = median(again)
    rows.append(("(c) no-change rebuild (target ≤ 2 s)", f"{c:.2f} s" + ("" if c <= 2 else f" — missed by {c - 2:.2f} s")))
    verdict = "only those" if sorted(reran) == readers else f"expected {readers}"
    rows.append(("(d) rebuild after one edit in lng_imports.csv",
                 f"{median(edits):.1f} s; re-ran {', '.join(sorted(reran))} ({verdict} that read the file)"))
    rows.append(("(e) nbval over the book / sequential execution", f"{median(nbval):.1f} s / {median(plain):.1f} s"))
    rows.append(("(f) PDF build alone", f"{median(pdf):.1f} s"))
    largest = max(pages, key=pages.get)
    over = [name for name, size in pages.items() if size > PAGE_TARGET]
    rows.append(("(g) HTML per page, besides the bundle (target ≤ 500 KB)",
                 f"largest {largest} {pages[largest] / 1024:,.0f} KB; median {median(list(pages.values())) / 1024:,.0f} KB; "
                 + ("all within target" if not over else f"over target: {', '.join(over)}")
                 + "; shared: " + ", ".join(f"{name} {size / 1024:,.0f} KB" for name, size in shared.items())))
    largest = max(notebooks, key=notebooks.get)
    rows.append(("(h) stored notebooks",
                 f"{sum(notebooks.values()) / 1024:,.0f} KB in all; largest {largest} {notebooks[largest] / 1024:,.0f} KB"))
    return rows + page_load_rows(loaded)


def determinism() -> list[tuple[str, str]]:
    results = []
    with tempfile.TemporaryDirectory(prefix="rk35-determinism-") as tmp:
        clone = Path(tmp) / "clone"
        run(["git", "clone", "-q", str(ROOT), str(clone)], ROOT)
        for label in ("first make test", "second make test", "make test after rm -rf _build"):
            if label.endswith("_build"):
                shutil.rmtree(clone / "_build", ignore_errors=True)
            start = time.perf_counter()
            test = run(["make", "test"], clone, check=False)
            seconds = time.perf_counter() - start
            status = run(["git", "status", "--porcelain"], clone).stdout.strip()
            tree = "unchanged" if not status else "CHANGED: " + status[:200]
            results.append((label, f"{'passed' if test.returncode == 0 else 'FAILED'} in {seconds:.0f} s, tree {tree}"))
            print(f"  {label}: {results[-1][1]}", flush=True)
            if test.returncode != 0:
                print("\n".join((test.stdout + test.stderr).splitlines()[-25:]), flush=True)
    ok = all(r[1].startswith("passed") and "unchanged" in r[1] for r in results)
    return [("determinism (3 × make test on a fresh clone)", "all green, tree unchanged" if ok else "NOT deterministic")] + results


def main(argv: list[str]) -> None:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 3
    if "--determinism" in argv:
        rows = determinism()
    elif "--pages" in argv:
        rows = page_load_rows(page_loads(ROOT / "_build" / "html", runs))
    else:
        rows = benchmark(runs)
    machine = (f"{platform.node()}: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
               f"{time.strftime('%Y-%m-%d')}")
    print(f"\nMachine: {machine}" + ("" if "--determinism" in argv else f"; medians of {runs} runs"))
    width = max(len(r[0]) for r in rows)
    print(f"| {'measure'.ljust(width)} | result |\n|{'-' * (width + 2)}|---|")
    for label, value in rows:
        print(f"| {label.ljust(width)} | {value} |")


if __name__ == "__main__":
    main(sys.argv[1:])
