# Russia–Korea at 35 — build and test.
#   make book   builds the HTML book (_build/html) and the PDF (_build/latex/book.pdf)
#   make test   runs every check (nbval, data package, module tests, build with warnings as errors)
# Both set up what they need: a virtualenv from requirements.lock and, when missing, Debian's TeX.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
JB := $(VENV)/bin/jupyter-book
JB_FLAGS := --all -n -W --keep-going
DEBIAN_PACKAGES := texlive-xetex texlive-latex-extra texlive-fonts-recommended latexmk \
	fonts-freefont-otf fonts-nanum poppler-utils

NOTEBOOKS := $(sort $(wildcard book/*.ipynb))
STAMPS := $(NOTEBOOKS:book/%.ipynb=_build/.executed/%.stamp)
DATA := $(sort $(wildcard data/*.csv data/*.json))
MODULE := $(sort $(wildcard rk35/*.py rk35/static/*))
PAGES := _config.yml _toc.yml $(sort $(wildcard book/*.md book/*.bib))
VENV_OK := $(VENV)/.installed
HTML := _build/.html.stamp
PDF := _build/.pdf.stamp

.PHONY: book html pdf execute test venv debian-packages lock checksums benchmark clean

book: html pdf

## Environment ---------------------------------------------------------------

venv: $(VENV_OK)

$(VENV_OK): requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@# make the book's module importable from notebooks, kernels and tests
	$(PY) -c "import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()['purelib'], 'rk35-book.pth').write_text('$(CURDIR)\n')"
	@touch $@

debian-packages:
	@missing=""; \
	for cmd in xelatex latexmk pdftotext; do command -v $$cmd >/dev/null || missing="$$missing $$cmd"; done; \
	test -e /usr/share/fonts/opentype/freefont/FreeSerif.otf || missing="$$missing FreeSerif"; \
	test -e /usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf || missing="$$missing NanumMyeongjo"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages for the PDF (missing:$$missing)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DEBIAN_PACKAGES) >/dev/null; \
	  else \
	    echo "Missing:$$missing. Run as root: apt-get install -y --no-install-recommends $(DEBIAN_PACKAGES)"; exit 1; \
	  fi; \
	fi

lock: requirements.txt
	rm -rf _build/lockvenv && $(PYTHON) -m venv _build/lockvenv
	_build/lockvenv/bin/pip install --quiet -r requirements.txt
	{ echo "# Complete lock of the book's environment (pip freeze of requirements.txt on CPython 3.11)."; \
	  echo "# Regenerate with: make lock"; \
	  _build/lockvenv/bin/pip freeze --all | grep -vE '^(pip|setuptools|wheel)=='; } > requirements.lock

checksums: $(VENV_OK)
	$(PY) tools/update_checksums.py

## Execution: a notebook re-runs when it, the data, the module or the environment changed

execute: $(STAMPS)

_build/.executed/%.stamp: book/%.ipynb $(DATA) $(MODULE) tools/execute.py $(VENV_OK)
	$(PY) tools/execute.py $<
	@mkdir -p $(@D) && touch $@

## Book ----------------------------------------------------------------------

html: $(HTML)

$(HTML): $(STAMPS) $(PAGES) $(MODULE) $(VENV_OK) tools/check_offline.py
	rm -rf _build/html
	$(JB) build . $(JB_FLAGS) --builder html
	$(PY) tools/check_offline.py _build/html
	@touch $@

pdf: $(PDF)

$(PDF): $(STAMPS) $(PAGES) $(MODULE) $(VENV_OK) | debian-packages
	$(JB) build . $(JB_FLAGS) --builder pdflatex
	@test -s _build/latex/book.pdf
	@touch $@

## Tests ---------------------------------------------------------------------
# 1. nbval (stored outputs = a fresh run), the data package and the module, on the tree as committed;
# 2. the book build (warnings are errors);
# 3. checks of what was built (offline HTML, the numbers in HTML and PDF).

test: $(VENV_OK) | debian-packages
	$(PY) -m pytest
	$(MAKE) book
	RK35_BUILT=1 $(PY) -m pytest tests/build

benchmark: $(VENV_OK)
	$(PY) tools/benchmark.py --build

clean:
	rm -rf _build
