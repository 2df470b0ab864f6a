"""Publishing: every page's description and Open Graph metadata (what a shared link shows), and `make serve` (run by
`make test` after `make book`)."""

import html
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from rk35.book import CHAPTERS
from rk35.chapter import checked_summary
from tests.build.test_built_book import HTML
from tests.conftest import ROOT

#: Every page a reader can open (the theme's template fragments under _static are not pages).
PAGES = sorted(p for p in HTML.rglob("*.html") if "_static" not in p.relative_to(HTML).parts)


def meta(page, attribute: str, name: str) -> str | None:
    found = re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', page.read_text(encoding="utf-8"))
    assert len(found) <= 1, (page.name, name, "twice")
    return html.unescape(found[0]) if found else None


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(HTML).as_posix())
def test_every_page_says_what_it_is_and_what_it_found_when_shared(page):
    for attribute, name in (("property", "og:title"), ("property", "og:description"), ("property", "og:type"),
                            ("name", "description")):
        assert meta(page, attribute, name), f"{page.name} lacks {name}"
    assert meta(page, "property", "og:description") == meta(page, "name", "description")
    assert "og:url" not in page.read_text(encoding="utf-8")  # the book names no address of its own


def test_a_chapters_description_is_its_verdict_counts(book):
    for name in CHAPTERS:
        page = HTML / "book" / f"{name}.html"
        said = meta(page, "property", "og:description")
        assert said == checked_summary(book.chapter(name).assessments, " in this chapter"), name
        assert re.match(r"\d+ claims? checked in this chapter: \d+ ", said), said
        assert meta(page, "property", "og:title").endswith(book.chapter(name).title)
    whole = checked_summary(book.assessments, " in this book")
    assert meta(HTML / "index.html", "property", "og:description") == whole  # the site's root, shared
    assert meta(HTML / "book" / "intro.html", "property", "og:description") == whole


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_serve_previews_the_built_book_on_this_machine():
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    server = subprocess.Popen(["make", "serve", f"PORT={port}"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 300  # the book is built already; make only checks that it is
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    root = response.read().decode("utf-8")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode("utf-8", "replace")[-3000:]
                assert time.monotonic() < deadline, "make serve did not answer"
                time.sleep(0.5)
        assert 'url=book/intro.html' in root
        for path in ("book/intro.html", "book/changes.html", "_static/russia-korea-at-35.pdf"):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
                assert response.status == 200 and response.read(), path
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # make and the server it started: the group this test started
        log = server.communicate(timeout=20)[0].decode("utf-8", "replace")
    assert f"Serving HTTP on 127.0.0.1 port {port}" in log  # bound to this machine only
