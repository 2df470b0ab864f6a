"""tools/execute.py: a kernel forked from the executor behaves as a kernel started the usual way; a failing cell
stops the build with its error and leaves the notebook as it was; a notebook is out of date when it has no stamp or
a file it read is newer than its stamp."""

import os
import subprocess
import sys
import time

import nbformat
import pytest

from tests.conftest import ROOT
from tools import execute

# What a chapter could depend on without meaning to: its folder, its path, its namespace, the name of __main__, the
# book's module (from this folder), the counts IPython gives cells, and the environment make gives kernels.
PROBE = [
    "import os, sys\nprint(os.getcwd())\nprint(sys.path)\nprint(__name__)",
    "print(sorted(k for k in globals() if not k.startswith('_') and k not in ('In', 'Out', 'os', 'sys')))",
    "import rk35\nprint(rk35.__file__)\nprint(os.environ['PYTHONPATH'].split(os.pathsep)[0])",
    "x = 2\nx * 21",
]


def probe(path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in PROBE])
    nbformat.write(nb, path)
    return path


def outputs(path):
    nb = nbformat.read(path, as_version=4)
    return [(cell.execution_count, cell.outputs) for cell in nb.cells]


def run_tool(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, str(ROOT / "tools" / "execute.py"), *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)


def test_a_forked_kernel_gives_what_a_kernel_started_the_usual_way_gives(tmp_path):
    (tmp_path / "forked").mkdir()
    (tmp_path / "usual").mkdir()
    forked, usual = probe(tmp_path / "forked" / "probe.ipynb"), probe(tmp_path / "usual" / "probe.ipynb")
    result = run_tool(forked)
    assert result.returncode == 0, result.stdout + result.stderr
    execute.execute(usual)  # a kernel started the usual way (python -m ipykernel_launcher)
    got, expected = outputs(forked), outputs(usual)
    assert got[0][1][0]["text"] == expected[0][1][0]["text"].replace("usual", "forked")
    assert got[1:] == expected[1:]
    assert expected[2][1][0]["text"].splitlines() == [str(ROOT / "rk35" / "__init__.py"), str(ROOT)]
    assert expected[3] == (4, [nbformat.v4.new_output("execute_result", {"text/plain": "42"}, execution_count=4)])


def test_a_failing_cell_stops_the_tool_with_its_error_and_writes_nothing(tmp_path):
    path = tmp_path / "broken.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"),
                                                   nbformat.v4.new_code_cell("1 / 0")]), path)
    before = path.read_bytes()
    good = probe(tmp_path / "good.ipynb")
    result = run_tool(path, good)
    assert result.returncode == 1
    assert f"{path}: a cell failed; nothing was written." in result.stdout
    assert "ZeroDivisionError: division by zero" in result.stdout
    assert f"tools/execute.py: {path} failed (above)" in result.stderr
    assert path.read_bytes() == before


@pytest.fixture
def executed(tmp_path, monkeypatch):
    monkeypatch.setattr(execute, "ROOT", tmp_path)
    monkeypatch.setattr(execute, "EXECUTED", tmp_path / "_build" / ".executed")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "trade_annual.csv").write_text("year\n", encoding="utf-8")
    schemas = tmp_path / "_build" / ".schemas"
    schemas.mkdir(parents=True)
    (schemas / "trade_annual.json").write_text("{}", encoding="utf-8")
    notebook = tmp_path / "book" / "trade.ipynb"
    execute.write_dependencies(notebook, [("trade_annual", "trade_annual.csv")])
    return tmp_path, notebook


def age(path, seconds):
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_notebook_without_a_stamp_is_out_of_date(executed):
    _, notebook = executed
    assert execute.out_of_date(notebook)


def test_a_notebook_is_out_of_date_when_a_table_or_schema_it_read_is_newer_than_its_stamp(executed):
    root, notebook = executed
    stamp = execute.stamp(notebook)
    stamp.touch()
    for name in ("data/trade_annual.csv", "_build/.schemas/trade_annual.json"):
        age(root / name, 60)
    age(stamp, 30)
    assert not execute.out_of_date(notebook)
    age(root / "_build/.schemas/trade_annual.json", 10)  # validation rewrote the table's schema after the run
    assert execute.out_of_date(notebook)
    age(root / "_build/.schemas/trade_annual.json", 60)
    (root / "data" / "trade_annual.csv").unlink()
    assert execute.out_of_date(notebook)


def test_kernels_talk_over_unix_sockets_so_two_starting_at_once_cannot_share_a_port(tmp_path):
    notebooks = []
    for name in ("one", "two"):
        path = tmp_path / f"{name}.ipynb"
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
            "from ipykernel.kernelapp import IPKernelApp\nprint(IPKernelApp.instance().transport)")]), path)
        notebooks.append(path)
    result = run_tool(*notebooks)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [outputs(path)[0][1][0]["text"] for path in notebooks] == ["ipc\n", "ipc\n"]
    assert "running over TCP" not in result.stdout
