# Russia–Korea at 35 — build and test.
#   make book   builds the HTML book (_build/html) and the PDF (_build/latex/book.pdf)
#   make test   runs every check (nbval, data package, module tests, build with warnings as errors)
#   make serve  previews the built HTML at http://127.0.0.1:$(PORT)/
#   make edition  keeps the edition set in _config.yml as data (data/editions/<n>/)
# Both set up what they need: a virtualenv from requirements.lock and, when missing, Debian's TeX and Chromium.
# Both use every core by themselves: notebooks execute in parallel, and HTML and PDF build side by side.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
MAKEFLAGS += --jobs=$(shell nproc 2>/dev/null || echo 2) --output-sync=target --no-print-directory

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEBIAN_PACKAGES := texlive-xetex texlive-latex-extra texlive-fonts-recommended latexmk \
	fonts-freefont-otf fonts-nanum poppler-utils chromium

# The book's module is imported from this folder, wherever it is: nothing in the venv points at a folder.
export PYTHONPATH := $(CURDIR)

NOTEBOOKS := $(sort $(wildcard book/*.ipynb))
# Longest first (the map makes rails the slowest), so that parallel execution does not end on one long job.
LONGEST_FIRST := rails gas trade opening register pressure
NOTEBOOKS := $(foreach nb,$(LONGEST_FIRST),$(filter book/$(nb).ipynb,$(NOTEBOOKS))) \
	$(filter-out $(LONGEST_FIRST:%=book/%.ipynb),$(NOTEBOOKS))
STAMPS := $(NOTEBOOKS:book/%.ipynb=_build/.executed/%.stamp)
EXECUTED := _build/.executed.stamp
DATA := $(sort $(wildcard data/* data/editions/*/*))
#: The kept editions (rk35.editions): what "What changed" compares the book with.
EDITIONS := $(sort $(wildcard data/editions/*/*))
#: The edition set in _config.yml, as a file rewritten only when the edition changes: every notebook's chart
#: downloads carry it, so a new edition re-executes them and another change to _config.yml does not.
EDITION := _build/.edition
MODULE := $(sort $(wildcard rk35/*.py rk35/*/*.py rk35/static/* rk35/fonts/* rk35/js/*))
PAGES := _config.yml _toc.yml $(sort $(wildcard book/*.md book/*.bib))
VENV_OK := $(VENV)/.installed
VALIDATED := _build/.validated
HTML := _build/.html.stamp
PDF := _build/.pdf.stamp

.PHONY: book html pdf execute validate lab test venv debian-packages lock checksums edition serve benchmark benchmark-pages \
	determinism \
	clean

book: html pdf
	@cp _build/latex/book.pdf _build/html/_static/russia-korea-at-35.pdf  # the HTML edition links to the print edition

## Environment ---------------------------------------------------------------
# The venv records the folder it was made in. A copied or moved project has a venv whose scripts point at the
# old folder: it is made again here, so that nothing of the original is used.

ifneq ($(wildcard $(VENV_OK)),)
ifneq ($(shell cat $(VENV_OK)),$(CURDIR))
$(info The virtualenv in $(VENV) was made in $(shell cat $(VENV_OK)), not here: making it again.)
.PHONY: $(VENV_OK)
endif
endif

venv: $(VENV_OK)

$(VENV_OK): requirements.lock
	@if [ -e $@ ] && [ "$$(cat $@)" != "$(CURDIR)" ]; then rm -rf $(VENV); fi
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@echo "$(CURDIR)" > $@

debian-packages:
	@missing=""; \
	for cmd in xelatex latexmk pdftotext chromium; do command -v $$cmd >/dev/null || missing="$$missing $$cmd"; done; \
	test -e /usr/share/fonts/opentype/freefont/FreeSerif.otf || missing="$$missing FreeSerif"; \
	test -e /usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf || missing="$$missing NanumMyeongjo"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages for the PDF and the browser test (missing:$$missing)"; \
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

## Editions -------------------------------------------------------------------------------------------------
# `make edition` keeps the edition set in _config.yml (rk35.edition: number and date): the claims register and every
# number, as the book computes them now and as its downloads give them, in data/editions/<n>/ with their checksums.
# A kept edition is never rewritten; "What changed" (book/changes.ipynb) compares the book with the last one before it.

edition: $(VENV_OK)
	$(PY) tools/cut_edition.py

$(EDITION): _config.yml $(VENV_OK)
	@mkdir -p $(@D)
	@$(PY) -c 'from rk35.settings import edition; print(edition())' > $@.new
	@if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

## Validation: the whole package (for `make lab`; `make book` validates in tools/execute.py) ---------------
# It also writes each table's schema to _build/.schemas/<table>.json (touched only when it changes).

validate: $(VALIDATED)

$(VALIDATED): $(DATA) $(wildcard rk35/data/*.py) tools/validate_data.py $(VENV_OK)
	$(PY) tools/validate_data.py --schemas _build/.schemas
	@touch $@

## Execution: a notebook re-runs when it, a table it reads (or its schema), the module or the environment changed
# Its rule only removes its stamp. tools/execute.py then validates the data package (in a child, while it imports
# what kernels import, once) and runs every notebook without a stamp, or with a stamp older than a table or schema
# it read, one per core, each in a fresh kernel forked from it; it writes the stamps. The tables each notebook
# read on its last run are in _build/.executed/<name>.d (a make rule).

execute: $(EXECUTED)

_build/.executed/%.stamp: book/%.ipynb $(MODULE) tools/execute.py $(VENV_OK) $(EDITION)
	@rm -f $@

# "What changed" compares the book with the kept editions.
_build/.executed/changes.stamp: $(EDITIONS)

_build/.schemas/%.json: ;

$(EXECUTED): $(STAMPS) $(DATA)
	$(PY) tools/execute.py --validate --stale $(NOTEBOOKS)
	@touch $@

-include $(wildcard _build/.executed/*.d)

## Book: HTML and PDF build side by side, each with its own Sphinx environment ---------------------------------

html: $(HTML)

$(HTML): $(EXECUTED) $(PAGES) $(MODULE) $(VENV_OK) tools/build_book.py tools/check_offline.py
	rm -rf _build/html
	$(PY) tools/build_book.py html
	$(PY) tools/check_offline.py _build/html
	@touch $@

pdf: $(PDF)

$(PDF): $(EXECUTED) $(PAGES) $(MODULE) $(VENV_OK) tools/build_book.py | debian-packages
	+$(PY) tools/build_book.py pdflatex
	@test -s _build/latex/book.pdf
	@touch $@

## Re-run a chapter yourself: JupyterLab in the locked environment, at the chapters --------------------------
# The kernel imports the book's module from this folder (PYTHONPATH) and reads data/ as the build does.

lab: $(VENV_OK) $(VALIDATED)
	$(VENV)/bin/jupyter-lab --notebook-dir=book $(if $(filter 0,$(shell id -u)),--allow-root)

## Preview: the built HTML on this machine only (127.0.0.1), as a reader's browser gets it from a web server ----

PORT ?= 8000

serve: book
	@echo "Serving _build/html at http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	+$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

## Tests ---------------------------------------------------------------------
# 0. ruff over the module, the tools and the tests (pyproject.toml configures it); actionlint over the workflow
#    that publishes the book (.github/workflows);
# 1. nbval (stored outputs = a fresh run), the data package and the module, on the tree as committed;
# 2. the book build (warnings are errors);
# 3. checks of what was built (offline HTML, the numbers in HTML and PDF), and every page in Debian's Chromium
#    at 390 and 1366 px (tests/build/test_in_a_browser.py; screenshots in _build/screenshots/).

test: $(VENV_OK) | debian-packages
	$(PY) -m ruff check rk35 tools tests
	$(VENV)/bin/actionlint .github/workflows/*.yml
	$(PY) -m pytest
	$(MAKE) book
	$(PY) -m pytest -m built tests/build

# Speed and size, medians of three runs in a copy of the project (about 15 minutes); reported, never asserted.
benchmark: $(VENV_OK) | debian-packages
	$(PY) tools/benchmark.py

# Only what each page of the book built here loads, and how soon it draws its first chart (about a minute).
benchmark-pages: $(HTML)
	$(PY) tools/benchmark.py --pages

# Three make test runs on a fresh clone (two in a row, one after rm -rf _build): green, tree unchanged?
determinism: $(VENV_OK) | debian-packages
	$(PY) tools/benchmark.py --determinism

clean:
	rm -rf _build
