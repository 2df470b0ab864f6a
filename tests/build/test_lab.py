"""The README's re-run promise, in a real JupyterLab: `make lab`'s server (the locked JupyterLab, the project root on
the kernel's path) on a free local port, Debian's Chromium driven by Playwright, nothing fetched from another host.

A copy of the project is opened so that its data can be changed: Run All on a chapter shows what the chapter
computed (its verdicts and numbers as tables, not MyST source or raw glue roles) with no error; after one value of
data/trade_annual.csv is changed and the kernel restarted and run again, the changed verdict is there to see. A
screenshot of Lab after Run All is kept in _build/screenshots/lab-trade.png.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT, edit_cell

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
TOKEN = "rk35-lab-test"
SHOTS = ROOT / "_build" / "screenshots"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project's book, module, data, tools and configuration."""
    copy = tmp_path_factory.mktemp("lab") / "book-copy"
    for name in ("book", "rk35", "data", "tools"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(ROOT / name, copy / name)
    return copy


@pytest.fixture(scope="module")
def lab(project, tmp_path_factory):
    """JupyterLab serving the copy's chapters, as `make lab` starts it; its URL."""
    port, home = free_port(), tmp_path_factory.mktemp("jupyter")
    # every cell in the page, not only those scrolled into view, so that every code cell's prompt can be read
    settings = home / "config" / "lab" / "user-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(project), "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTER_DATA_DIR": str(home / "data"), "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    command = [str(ROOT / ".venv" / "bin" / "jupyter-lab"), f"--notebook-dir={project / 'book'}", "--no-browser",
               f"--port={port}", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
               f"--LabApp.workspaces_dir={home / 'workspaces'}", "--LabApp.news_url=None",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = (home / "lab.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):  # at most a minute to start
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=1)
            break
        except OSError:
            assert server.poll() is None, (home / "lab.log").read_text()
            time.sleep(0.5)
    yield url
    server.terminate()
    server.wait(timeout=20)


@pytest.fixture(scope="module")
def browser(lab):
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        outside = []
        context.route(lambda url: not url.startswith("http://127.0.0.1"),
                      lambda route: (outside.append(route.request.url), route.abort()))
        yield context
        assert not outside, f"requests to other hosts: {outside[:5]}"
        browser.close()


def open_chapter(browser, lab, name: str):
    page = browser.new_page()
    page.goto(f"{lab}/lab/tree/{name}.ipynb?reset&token={TOKEN}")  # reset: no tab left from another chapter
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60000)
    return page


def run_all_checked(page) -> str:
    """Run All; what the chapter computed, after checking that no cell failed and no output shows MyST source."""
    shown = restart_and_run_all(page)
    assert "Numbers the prose shows" in shown
    outputs = page.locator(".jp-Notebook .jp-OutputArea").all_inner_texts()
    assert not any("Traceback" in o or "Error" in o for o in outputs)
    assert not any("{glue" in o or ":::{table}" in o for o in outputs)  # no MyST source in an output
    return shown


def restart_and_run_all(page) -> str:
    """Restart the kernel and run every cell (the toolbar's button); return the text of what the chapter
    computed, once the last cell has run."""
    page.wait_for_function("() => document.body.innerText.includes('| Idle')", timeout=60000)  # the kernel is up
    page.get_by_role("button", name="Restart the kernel and run all cells").click()
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=30000)
    dialog.locator("button.jp-mod-accept").click()
    # the run clears the outputs (the stored ones, or the last run's), then the first cell shows what it computed
    page.wait_for_selector(".rk35-computed", state="detached", timeout=60000)
    page.wait_for_selector(".rk35-computed", state="attached", timeout=120000)
    # and every code cell has run when each shows its execution count
    page.wait_for_function("() => { const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell "
                           ".jp-InputPrompt')]; return prompts.length >= 1 && "
                           "prompts.every(p => /\\[\\d+\\]/.test(p.textContent)); }", timeout=120000)
    return page.locator(".rk35-computed").inner_text()


@pytest.mark.parametrize("name", ["opening", "gas", "rails", "pressure", "outlook"])
def test_run_all_shows_what_a_chapter_computed(browser, lab, name):
    page = open_chapter(browser, lab, name)
    assert "Verdicts" in run_all_checked(page)
    page.close()


def test_run_all_shows_the_chapters_verdicts_and_numbers_and_a_changed_value_changes_the_verdict(browser, lab, project):
    page = open_chapter(browser, lab, "trade")
    shown = run_all_checked(page)
    assert "Verdicts" in shown and "trade in 2022\tholds approximately" in shown
    assert "trade_2022_total_kor\tUS$21.15 billion" in shown  # as text: not typeset as mathematics
    assert page.locator(".rk35-computed mjx-container, .rk35-computed .MathJax").count() == 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    news = page.get_by_role("button", name="No", exact=True)  # Lab asks once whether to fetch its news: no
    if news.count():
        news.first.click()
        page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "lab-trade.png"))
    # A year of data lands: Korea's 2022 total is 25.15, not 21.15. Recorded with its checksum, re-run.
    edit_cell(project / "data" / "trade_annual.csv", 76, "value_usd_bn", "25.15")
    subprocess.run([sys.executable, "tools/update_checksums.py"], cwd=project, check=True, capture_output=True)
    shown = restart_and_run_all(page)
    assert "trade in 2022\tdoes not hold" in shown and "trade_2022_total_kor\tUS$25.15 billion" in shown
