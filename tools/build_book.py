"""Build the book with Jupyter Book 1, one builder at a time, so that HTML and PDF can build side by side.

Usage: python tools/build_book.py html|pdflatex

The same as `jupyter-book build . --all -n -W --keep-going --builder <b>` (the configuration is Jupyter Book's
own, from _config.yml and _toc.yml), except that each builder keeps its own Sphinx environment
(`_build/.doctrees-<builder>`): `jupyter-book build` puts both in `_build/.doctrees`, so two builds at once
would overwrite each other's. Outputs go where `jupyter-book build` puts them: _build/html, _build/latex.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the book's Sphinx extension (rk35.sphinx_ext) is this folder's

# jsonschema imports rfc3987_syntax when it is installed (JupyterLab's jupyter-events asks for it), and that
# module compiles 38 grammars as it is imported: 1.1 s of every build. It only checks the "iri" string formats,
# which nothing this build validates asks for (Jupyter Book validates _config.yml without a format checker, and no
# chart is validated here), so this process does without it.
sys.modules.setdefault("rfc3987_syntax", None)
# Sphinx's LaTeX Makefile: with -xelatex, latexmk runs xelatex without writing a PDF until the last pass, then
# xdvipdfmx once (what xelatex does at every pass otherwise); about 1 s less, the same PDF.
os.environ.setdefault("LATEXMKOPTS", "-xelatex")


def main(argv: list[str]) -> None:
    if len(argv) != 1 or argv[0] not in ("html", "pdflatex"):
        raise SystemExit(__doc__)
    builder = argv[0]
    from jupyter_book.cli.main import BUILDER_OPTS, build, builder_specific_actions
    from jupyter_book.sphinx import build_sphinx

    path_config, source, overrides = build.callback(
        path_source=str(ROOT), path_output=None, config=None, toc=None, warningiserror=True, nitpick=True,
        keep_going=True, freshenv=True, builder=builder, custom_builder=None, verbose=0, quiet=0,
        individualpages=False, get_config_only=True)
    output = ROOT / "_build" / ("html" if builder == "html" else "latex")
    doctrees = ROOT / "_build" / f".doctrees-{builder}"
    shutil.rmtree(doctrees, ignore_errors=True)  # --all: a fresh environment every time
    result = build_sphinx(
        source, output, use_external_toc=True, noconfig=True, path_config=path_config, confoverrides=overrides,
        doctreedir=doctrees, builder=BUILDER_OPTS[builder], warningiserror=True, keep_going=True, freshenv=True,
        force_all=True)
    builder_specific_actions(result, builder, output, "book")


if __name__ == "__main__":
    main(sys.argv[1:])
    # Done: leave without tearing down Sphinx's environment and doctrees object by object (about 2 s).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
