"""SIGKILL at random points of ``publish`` and ``share``: every file present is a complete version, last run's
files stay intact, and after the next run's recovery the folder holds one whole run, old or new, never a mix.

Each trial is a real process killed with SIGKILL: forked from this test process (the code is imported
once, so that dozens of trials fit in a few seconds) or started as the installed command. Some trials die
at a chosen step of ``output_files`` (each step boundary once), the others at a random moment; the
random seed is printed in every failure message. Between trials the two versions take turns as "old".
"""

from __future__ import annotations

import dataclasses
import io
import os
import random
import signal
import subprocess
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from xl_funcs import output_files
from xl_funcs.calculation import calculate
from xl_funcs.districts.sharing import install_files as install_share
from xl_funcs.districts.sharing import render_share
from xl_funcs.output_files import STAGING_PREFIX, recover
from xl_funcs.publication.files import document_of, publish, render
from xl_funcs.readers import bundled_workbook_path, read_workbook_file

from ..readers.workbooks import changed, parameter_cell
from .cli_runs import COMMAND

SEED = random.randrange(2**32)
USER_FILE = "Notizen.txt"
KILLS = {"publish": 0, "share": 0, "publish_process": 0, "publish_pdf": 0}


@pytest.fixture(scope="module", autouse=True)
def report_kills():
    """After the module: how many kills the trials survived (the README quotes these numbers)."""
    yield
    print(f"\nSIGKILL überstanden: {KILLS}, zusammen {sum(KILLS.values())} (Seed {SEED})")


def two_versions():
    first = read_workbook_file(bundled_workbook_path())
    second = dataclasses.replace(first, parameters=dataclasses.replace(first.parameters, budget=Decimal(57_000_000)))
    return first, second


def kill_child(work, *, at_step: tuple[str, str] | None = None, after: float | None = None) -> bool:
    """Run ``work()`` in a forked process that dies by SIGKILL at ``at_step`` or ``after`` seconds.

    Returns whether it was killed (a late random kill may find it finished).
    """
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            if at_step is not None:
                output_files.step_hook = lambda step, detail: (
                    os.kill(os.getpid(), signal.SIGKILL) if (step, detail) == at_step else None
                )
            work()
        finally:
            os._exit(0)
    if after is not None:
        time.sleep(after)
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


class Versions:
    """The complete bytes of each output file in two versions, checked readable once."""

    def __init__(self, a: dict[str, bytes], b: dict[str, bytes]):
        assert a.keys() == b.keys() and all(a[name] != b[name] for name in a)
        self.a, self.b = a, b
        for files in (a, b):
            for name, data in files.items():
                assert_readable(name, data)

    def other(self, current: dict[str, bytes]) -> dict[str, bytes]:
        return self.b if current is self.a else self.a


def assert_readable(name: str, data: bytes) -> None:
    if name.endswith(".xlsx"):
        openpyxl.load_workbook(io.BytesIO(data), read_only=True).close()
    elif name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.testzip() is None
    elif name.endswith(".csv"):
        text = data.decode("utf-8-sig")
        assert text.endswith("\r\n") and text.count("\r\n") > 10
    elif name.endswith(".json"):
        import json

        json.loads(data)
    elif name.endswith(".pdf"):
        assert data.startswith(b"%PDF") and b"%%EOF" in data[-1024:]
    elif name.endswith(".html"):
        text = data.decode("utf-8")
        assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")


def visible(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".") and p.name != USER_FILE}


def check_after_kill(folder: Path, old: dict[str, bytes], new: dict[str, bytes], context: str) -> dict[str, bytes]:
    """The folder after a kill and after recovery; returns the version it holds in the end."""
    user_file = (folder / USER_FILE).read_text(encoding="utf-8")
    assert user_file == "gehört dem Nutzer", context
    present = visible(folder)
    assert set(present) <= set(old), (context, set(present) - set(old))
    for name, data in present.items():
        assert data in (old[name], new[name]), f"{context}: {name} is neither complete version"
    journal = any((staging / "journal.json").exists() for staging in folder.glob(STAGING_PREFIX + "*"))
    whole_old = present == old
    whole_new = present == new
    assert whole_old or whole_new or journal, f"{context}: a mix without a journal to finish it"

    recover(folder)
    after = visible(folder)
    assert after in (old, new), context
    if journal or whole_new:
        assert after == new, context
    hidden = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    assert hidden == [], f"{context}: left behind {hidden}"
    assert (folder / USER_FILE).read_text(encoding="utf-8") == user_file
    return new if after == new else old


def fresh_folder(tmp_path: Path, name: str, files: dict[str, bytes]) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for file_name, data in files.items():
        (folder / file_name).write_bytes(data)
    (folder / USER_FILE).write_text("gehört dem Nutzer", encoding="utf-8")
    return folder


def steps_of(work, folder: Path) -> list[tuple[str, str]]:
    """The steps a run passes, recorded in a child so that this process's folder is not changed."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(reader)
            seen = []
            output_files.step_hook = lambda step, detail: seen.append(f"{step}\t{detail}")
            work()
            os.write(writer, "\n".join(seen).encode("utf-8"))
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        lines = pipe.read().decode("utf-8").splitlines()
    os.waitpid(pid, 0)
    return [tuple(line.split("\t")) for line in lines]


def test_publish_killed_at_every_step_and_at_random_moments(tmp_path):
    rng = random.Random(SEED)
    first, second = two_versions()
    versions = Versions(
        *(p.files() for p in (render(document_of(x)) for x in (first, second)))
    )
    inputs_of = {id(versions.a): first, id(versions.b): second}
    current = versions.a
    folder = fresh_folder(tmp_path, "ausgabe", current)

    def run(target):
        return lambda: publish(inputs_of[id(target)], folder, pdf=False)

    # every step boundary once
    steps = steps_of(run(versions.b), folder)
    check_after_kill(folder, current, versions.b, "step recording")  # the recording child installed b
    current = versions.b
    assert len(steps) >= 12, steps
    for step in steps:
        target = versions.other(current)
        killed = kill_child(run(target), at_step=step)
        assert killed, step
        current = check_after_kill(folder, current, target, f"seed {SEED}, step {step}")
        KILLS["publish"] += 1
    # random moments across the whole run (reading the inputs is done; rendering and writing are not)
    started = time.perf_counter()
    run(versions.other(current))()
    duration = time.perf_counter() - started
    current = versions.other(current)
    random_kills = 0
    for trial in range(30):
        target = versions.other(current)
        after = rng.uniform(0, duration)
        killed = kill_child(run(target), after=after)
        current = check_after_kill(folder, current, target, f"seed {SEED}, trial {trial}, {after * 1000:.1f} ms")
        random_kills += killed
    assert random_kills >= 15, f"only {random_kills} of 30 random kills hit a running publish"
    KILLS["publish"] += random_kills


@pytest.fixture(scope="module")
def share_versions(issued):
    """The sample's files as ``share`` wrote them (the session's ``issued`` folder), and those for 57 M €."""
    first = {path.name: path.read_bytes() for path in sorted(issued.iterdir())}
    second = render_share(calculate(two_versions()[1]))[0]
    return Versions(first, second)


def test_share_killed_at_steps_and_at_random_moments(tmp_path, share_versions):
    rng = random.Random(SEED + 1)
    versions = share_versions
    assert len(versions.a) == 44 + 2 + 4
    current = versions.a
    folder = fresh_folder(tmp_path, "kreise", current)

    def run(target):
        return lambda: install_share(target, folder)

    steps = steps_of(run(versions.b), folder)
    check_after_kill(folder, current, versions.b, "step recording")
    current = versions.b
    kinds = {}
    for step in steps:
        kinds.setdefault(step[0], []).append(step)
    # the first and last of each kind of step, and a random sample of the rest
    chosen = {group[0] for group in kinds.values()} | {group[-1] for group in kinds.values()}
    chosen |= set(rng.sample(steps, 8))
    for step in sorted(chosen, key=steps.index):
        target = versions.other(current)
        assert kill_child(run(target), at_step=step), step
        current = check_after_kill(folder, current, target, f"seed {SEED}, step {step}")
        KILLS["share"] += 1
    started = time.perf_counter()
    run(versions.other(current))()
    duration = time.perf_counter() - started
    current = versions.other(current)
    random_kills = 0
    for trial in range(12):
        target = versions.other(current)
        after = rng.uniform(0, duration)
        killed = kill_child(run(target), after=after)
        current = check_after_kill(folder, current, target, f"seed {SEED}, trial {trial}, {after * 1000:.1f} ms")
        random_kills += killed
    assert random_kills >= 4, f"only {random_kills} of 12 random kills hit a running share"
    KILLS["share"] += random_kills


def _workbooks(tmp_path: Path) -> tuple[Path, Path]:
    second = changed(
        tmp_path, lambda wb: wb["Parameter"].__setitem__(parameter_cell("Budget"), 57_000_000), "zweite.xlsx"
    )
    return bundled_workbook_path(), second


def _kill_process_group(process: subprocess.Popen, after: float) -> bool:
    """SIGKILL to the command after ``after`` seconds; then end what it started (Chromium) as well."""
    try:
        process.wait(timeout=after)
        finished = True
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        finished = False
    try:
        os.killpg(process.pid, signal.SIGKILL)  # the orphans of the killed command, started by this test
    except ProcessLookupError:
        pass
    return not finished


def test_the_installed_command_killed_at_random_moments(tmp_path):
    rng = random.Random(SEED + 2)
    workbooks = _workbooks(tmp_path)
    versions = Versions(
        *(
            p.files()
            for p in (render(document_of(read_workbook_file(w))) for w in workbooks)
        )
    )
    source = {id(versions.a): workbooks[0], id(versions.b): workbooks[1]}
    current = versions.a
    folder = fresh_folder(tmp_path, "ausgabe", current)
    started = time.perf_counter()
    assert (
        subprocess.run(
            [COMMAND, "publish", str(workbooks[1]), "--out", str(folder), "--no-pdf"],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    duration = time.perf_counter() - started
    current = versions.b
    for trial in range(5):
        target = versions.other(current)
        process = subprocess.Popen(
            [COMMAND, "publish", str(source[id(target)]), "--out", str(folder), "--no-pdf"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        after = rng.uniform(duration * 0.5, duration * 1.1)
        killed = _kill_process_group(process, after)
        current = check_after_kill(folder, current, target, f"seed {SEED}, process trial {trial}")
        KILLS["publish_process"] += killed
    assert KILLS["publish_process"] >= 1, "no kill hit a running command"


def test_publish_with_pdf_killed_while_chromium_works(tmp_path):
    rng = random.Random(SEED + 3)
    workbooks = _workbooks(tmp_path)
    old_folder = tmp_path / "vorher"
    started = time.perf_counter()
    done = subprocess.run(
        [COMMAND, "publish", str(workbooks[0]), "--out", str(old_folder)], capture_output=True, check=False
    )
    duration = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    old = {p.name: p.read_bytes() for p in old_folder.iterdir()}
    assert len(old) == 4  # xlsx, CSV, HTML, PDF
    for name, data in old.items():
        assert_readable(name, data)
    folder = fresh_folder(tmp_path, "ausgabe", old)
    for trial in range(2):
        process = subprocess.Popen(
            [COMMAND, "publish", str(workbooks[1]), "--out", str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        after = rng.uniform(0.4, duration * 0.8)  # after reading, mostly while Chromium makes the PDF
        assert _kill_process_group(process, after)
        present = visible(folder)
        assert present == old, f"seed {SEED}, {after:.2f} s: the old files changed before the new PDF existed"
        recover(folder)
        assert visible(folder) == old and [p.name for p in folder.iterdir() if p.name.startswith(".")] == []
        KILLS["publish_pdf"] += 1
