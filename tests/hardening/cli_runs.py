"""Running ``mittelverteilung`` for the hardening tests: in-process (fast, for the whole corpus) or as a real process."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from xl_funcs import cli

COMMAND = shutil.which("mittelverteilung", path=str(Path(sys.executable).parent)) or "mittelverteilung"


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


def run_in_process(*args: str) -> Run:
    """``mittelverteilung ARGS`` through the same entry point as the installed command, in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:  # argparse's usage errors
            code = exit_.code
    return Run(code, out.getvalue(), err.getvalue())


def run_process(*args: str, env: dict | None = None, cwd: Path | None = None, timeout: float = 300) -> Run:
    """The installed ``mittelverteilung`` command as a separate process."""
    done = subprocess.run(
        [COMMAND, *args],
        capture_output=True,
        check=False,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})} if env is not None else None,
        cwd=cwd,
        timeout=timeout,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def folder_state(folder: Path) -> dict[str, object] | None:
    """Every entry below ``folder`` (hidden ones too): files with bytes and modification time, folders with
    theirs (a file created and removed again changes its folder's time). None if the folder is missing."""
    if not folder.exists():
        return None
    state: dict[str, object] = {"": folder.stat().st_mtime_ns}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_dir():
            state[key + "/"] = path.stat().st_mtime_ns
        elif path.is_file():
            state[key] = (path.read_bytes(), path.stat().st_mtime_ns)
        else:
            state[key] = "besondere Datei"
    return state


_PLACE = re.compile(r"^- (?P<place>[^:]+?![A-Z]{1,3}[0-9]+(?::[A-Z]{1,3}[0-9]+)?|.+?): (?P<message>.+)$")


def problem_lines(stderr: str) -> list[tuple[str, str]]:
    """The ``- place: message`` lines of a German problem report."""
    lines = []
    for line in stderr.splitlines():
        if line.startswith("- "):
            match = _PLACE.match(line)
            assert match, f"problem line without a place: {line!r}"
            lines.append((match["place"], match["message"]))
    return lines
