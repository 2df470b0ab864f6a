"""The locked environment has what README promises: JupyterLab to re-run a chapter, in the lock like the rest."""

import subprocess

from tests.conftest import ROOT


def locked(name: str) -> str:
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line.lower().startswith(name.lower() + "=="):
            return line.split("==", 1)[1]
    raise AssertionError(f"{name} is not in requirements.lock")


def test_jupyterlab_is_locked_and_installed():
    import jupyterlab

    assert jupyterlab.__version__ == locked("jupyterlab")


def test_make_lab_opens_jupyterlab_at_the_chapters():
    plan = subprocess.run(["make", "-n", "--no-print-directory", "lab"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout
    assert ".venv/bin/jupyter-lab --notebook-dir=book" in plan
