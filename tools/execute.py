"""Execute notebooks in place, deterministically, for `make book`: all that are out of date, one per core.

Usage: python tools/execute.py [--validate] [--stale] book/trade.ipynb [...]

Each notebook runs every cell in a fresh kernel with the notebook's folder as working directory and the project
root on the kernel's path (so the book's module is imported from this folder, wherever it was copied). Its
outputs are stored without timing metadata (so that a re-run gives the same file), and the first failing cell
stops it with its error; nothing of that notebook is written.

Fast start. Starting a kernel the usual way (`python -m ipykernel_launcher`) and importing what every chapter
imports (IPython's kernel, pandas, altair, vl-convert, the book's module) takes about 2.5 s of the 3 to 8 s a
chapter needs, and this tool would pay it again for every chapter. Instead this process imports them once, then
forks, per notebook, a worker that drives the notebook (nbclient) and a kernel forked from the worker: the kernel
is a new process, with a new IPython shell and an empty namespace, that finds those modules already imported.
Nothing a chapter computes is shared. nbval (`make test`) runs every chapter in a kernel started the usual way
and checks that the stored outputs equal its own, so a difference between the two ways would fail the tests.

It also records which data files each notebook read (the loader notes each table it loads) in
_build/.executed/<name>.d, a make rule: make re-executes a notebook when a table it reads, or that table's
schema, changes. With --stale, only the notebooks that are out of date run: those without a stamp
(_build/.executed/<name>.stamp; make removes it when the notebook, the module or the environment changed, or a
table it read) or with a stamp older than a file it read. This tool writes the stamp once the notebook ran.

With --validate, the data package is validated first (as tools/validate_data.py does, writing the schemas to
_build/.schemas), in a child process while this one imports: nothing is executed from an invalid package.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import re
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent
TOOLS = Path(__file__).resolve().parent
EXECUTED = ROOT / "_build" / ".executed"
SCHEMAS = "_build/.schemas"

#: Imported once, before any kernel is forked: what a kernel and every chapter import. Importing them runs nothing
#: of a chapter (no data read, no chart drawn). The one thread they start, numpy's OpenBLAS pool, is stopped by
#: OpenBLAS itself before a fork and started again when a process next needs it; vl-convert starts its engine
#: only when a chart is first drawn, in the kernel.
PRELOAD = ("nbformat", "nbclient", "jupyter_client.provisioning.local_provisioner", "ipykernel_launcher",
           "ipykernel.kernelapp", "ipykernel.ipkernel", "IPython.display", "myst_nb.ext.glue", "pandas", "altair",
           "vl_convert")


def kernel_environment() -> None:
    """The project root first on the kernel's path: `rk35` and `data/` are this folder's, never another's."""
    paths = [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != str(ROOT)]
    os.environ["PYTHONPATH"] = os.pathsep.join(paths)


def preload() -> None:
    """Import what kernels and chapters import, the book's module from this folder (its Sphinx extension aside):
    rk35.glue imports the book, and with it every chapter, topic and layer below."""
    for name in PRELOAD:
        importlib.import_module(name)
    importlib.import_module("rk35.glue")


def fork(run, log=None) -> int:
    """Run `run()` in a forked child and return its pid. The child's output goes to `log` (a binary file) if given;
    it leaves with os._exit, 0 if `run` returned, else 1 (or the code it exited with) after printing the error:
    it must not return into, or clean up after, the process it was forked from."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        if log is not None:
            os.dup2(log.fileno(), 1)
            os.dup2(log.fileno(), 2)
        run()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 -- whatever it is, the child prints it and exits 1, its parent reports it
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


class ForkedKernel:
    """What jupyter_client asks of a kernel's Popen, for a kernel forked from this process."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self) -> int:
        if self.returncode is None:
            _, status = os.waitpid(self.pid, 0)
            self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def run_kernel(args: list[str], env: dict[str, str], cwd: str, parent: int) -> None:
    """In the forked child: become the kernel `python -m ipykernel_launcher <args>` would have started."""
    os.setsid()  # its own process group, as jupyter_client gives a kernel (an interrupt reaches only it)
    stdin = os.open(os.devnull, os.O_RDONLY)
    os.dup2(stdin, 0)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    os.environ["JPY_PARENT_PID"] = str(parent)
    # The path a kernel started the usual way has: the launcher removes its working directory from the front,
    # and IPython puts '' back; PYTHONPATH (the project root) is already first.
    sys.path[:] = [p for p in sys.path if p != str(TOOLS)]
    import ipykernel_launcher

    sys.argv = [ipykernel_launcher.__file__, *args]
    # A new event loop: the worker's (inherited, and running) must not be touched from here.
    asyncio.set_event_loop(asyncio.new_event_loop())
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(argv=[*args, f"--IPKernelApp.parent_handle={parent}"])


async def launch_forked_kernel(self, cmd: list[str], **kwargs):
    """LocalProvisioner.launch_kernel, forking the kernel instead of starting `python -m ipykernel_launcher`."""
    if cmd[1:3] != ["-m", "ipykernel_launcher"]:
        raise RuntimeError(f"tools/execute.py forks only ipykernel kernels, not {cmd}")
    env = dict(kwargs.get("env") or os.environ)
    cwd = str(kwargs.get("cwd") or os.getcwd())
    parent = os.getpid()
    pid = fork(lambda: run_kernel(cmd[3:], env, cwd, parent))
    self.process = ForkedKernel(pid)
    self.pid = self.pgid = pid
    self.cwd = cwd
    return self.connection_info


def execute(path: Path, fork_kernel: bool = False) -> list[tuple[str, str]]:
    """Execute one notebook in place; return the (resource, file) pairs it read.

    With fork_kernel, the kernel is forked from this process (see the module's docstring); otherwise it is
    started the usual way."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    if fork_kernel:
        from jupyter_client.provisioning.local_provisioner import LocalProvisioner

        LocalProvisioner.launch_kernel = launch_forked_kernel  # this process runs one notebook, then exits
    kernel_environment()
    nb = nbformat.read(path, as_version=4)
    with (tempfile.NamedTemporaryFile("r", suffix=".reads", encoding="utf-8") as reads,
          tempfile.TemporaryDirectory(prefix="rk35-kernel-") as sockets):
        os.environ["RK35_READS"] = reads.name
        # The kernel talks over Unix sockets in a folder of its own, not over TCP ports: two kernels starting at
        # once cannot be handed the same port (over TCP a port is picked by binding and releasing it, and another
        # kernel starting meanwhile could get it: "Address already in use").
        config = Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(sockets, "kernel")}})
        client = NotebookClient(
            nb,
            timeout=600,
            kernel_name="python3",
            record_timing=False,
            resources={"metadata": {"path": str(path.parent)}},
            config=config,
        )
        try:
            client.execute()
        except CellExecutionError as exc:
            # The error's last line, not its traceback (which may quote data); the whole of it goes to a log.
            plain = re.sub(r"\x1b\[[0-9;]*m", "", str(exc))
            log = ROOT / "_build" / "logs" / f"{path.stem}.log"
            log.parent.mkdir(parents=True, exist_ok=True)
            log.write_text(plain, encoding="utf-8")
            last = next((line for line in reversed(plain.splitlines()) if line.strip()), "")
            print(f"\n{path}: a cell failed; nothing was written.\n  {last[:400]}\n  (the whole error: {log.relative_to(ROOT)})",
                  file=sys.stderr)
            raise SystemExit(1) from None
        finally:
            del os.environ["RK35_READS"]
        read = sorted({tuple(line.rstrip("\n").split("\t")) for line in reads if line.strip()})
    # Keep only what does not depend on the machine's exact Python build.
    nb.metadata["language_info"] = {"name": "python", "mimetype": "text/x-python", "file_extension": ".py"}
    nbformat.write(nb, path)
    return read


def stamp(notebook: Path) -> Path:
    return EXECUTED / f"{notebook.stem}.stamp"


def write_dependencies(notebook: Path, read: list[tuple[str, str]]) -> None:
    """_build/.executed/<name>.d: the stamp of this notebook depends on the files and schemas it read."""
    files = " ".join(f"data/{file} {SCHEMAS}/{name}.json" for name, file in read)
    EXECUTED.mkdir(parents=True, exist_ok=True)
    (EXECUTED / f"{notebook.stem}.d").write_text(f"_build/.executed/{notebook.stem}.stamp: {files}\n", encoding="utf-8")


def run_one(path: Path) -> None:
    """In a worker: execute one notebook with a forked kernel, record what it read, write its stamp."""
    start = time.perf_counter()
    read = execute(path, fork_kernel=True)
    print(f"executed {path} in {time.perf_counter() - start:.1f} s", flush=True)
    if path.resolve().parent == ROOT / "book":
        write_dependencies(path, read)
        stamp(path).touch()


def out_of_date(notebook: Path) -> bool:
    """No stamp, or a file it read last time (a table or that table's schema) is newer than the stamp."""
    if not stamp(notebook).exists():
        return True
    made = stamp(notebook).stat().st_mtime
    rule = EXECUTED / f"{notebook.stem}.d"
    read = rule.read_text(encoding="utf-8").split(":", 1)[1].split() if rule.exists() else []
    return any(not (ROOT / name).exists() or (ROOT / name).stat().st_mtime > made for name in read)


def validate_package() -> None:
    """In a child: validate the data package, as tools/validate_data.py does, writing the schemas to compare."""
    from rk35.data.validate import main

    main(["--schemas", str(ROOT / SCHEMAS)])


def finish(pid: int, log, status: int | None = None) -> int:
    """Print a child's output whole; return its exit code."""
    if status is None:
        _, status = os.waitpid(pid, 0)
    log.seek(0)
    sys.stdout.flush()
    sys.stdout.buffer.write(log.read())
    sys.stdout.flush()
    log.close()
    return os.waitstatus_to_exitcode(status)


def execute_all(notebooks: list[Path], jobs: int, validate: bool = False, stale: bool = False) -> None:
    """Execute the notebooks, `jobs` at a time, in the order given; stop starting new ones after a failure.

    With validate, the data package is validated first, in a child, while this process imports what the kernels
    import; with stale, only the notebooks that are out of date run (after validation: it may write a schema)."""
    kernel_environment()
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    if validate:
        log = tempfile.TemporaryFile("w+b")  # noqa: SIM115 -- closed by finish(), when the child has ended
        validation = fork(validate_package, log)
        preload()
        if finish(validation, log) != 0:
            raise SystemExit("tools/execute.py: the data package is invalid (above); no notebook was executed")
        (ROOT / "_build" / ".validated").touch()
    if stale:
        notebooks = [nb for nb in notebooks if out_of_date(nb)]
    if notebooks:
        preload()  # already done if it validated: the modules are imported once
    pending, running, failed = list(notebooks), {}, []
    while pending or running:
        while pending and not failed and len(running) < jobs:
            path = pending.pop(0)
            print(f"executing {path}", flush=True)
            log = tempfile.TemporaryFile("w+b")  # noqa: SIM115 -- closed by finish(), when the worker has ended
            running[fork(lambda path=path: run_one(path), log)] = (path, log)
        if not running:
            break
        pid, status = os.wait()
        path, log = running.pop(pid)
        if finish(pid, log, status) != 0:
            failed.append(path)
    if failed:
        raise SystemExit(f"tools/execute.py: {', '.join(map(str, failed))} failed (above); "
                         + (f"not run: {', '.join(map(str, pending))}" if pending else "every other notebook ran"))


def main(argv: list[str]) -> None:
    options = {"--stale", "--validate"}
    notebooks = [Path(arg) for arg in argv if arg not in options]
    if not notebooks or any(arg.startswith("--") and arg not in options for arg in argv):
        raise SystemExit(__doc__)
    execute_all(notebooks, jobs=os.cpu_count() or 1, validate="--validate" in argv, stale="--stale" in argv)


if __name__ == "__main__":
    main(sys.argv[1:])
