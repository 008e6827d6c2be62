"""Two runs into one folder at the same time: one complete, consistent result, a German message for the
other, never a mix; a lock left by a dead process blocks nothing. Every run here is a real process."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from xl_funcs.output_files import LOCK_NAME
from xl_funcs.publication.files import document_of, render
from xl_funcs.readers import bundled_workbook_path, read_workbook_file

from ..readers.workbooks import changed, parameter_cell
from ..render.libreoffice import pdf_text
from .cli_runs import COMMAND

BUSY = "schreibt gerade ein anderer Lauf von mittelverteilung"

# The installed command, paused while it holds the folder's lock (as a long PDF conversion would hold it),
# until a line arrives on its standard input.
_PAUSED = """
import sys
from xl_funcs import cli, output_files

def pause(step, detail):
    if step == "staging":
        print("GESPERRT", file=sys.stderr, flush=True)
        sys.stdin.readline()

output_files.step_hook = pause
sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mappen")
    second = changed(
        folder, lambda wb: wb["Parameter"].__setitem__(parameter_cell("Budget"), 57_000_000), "zweite.xlsx"
    )
    first = bundled_workbook_path()
    expected = {}
    for workbook in (first, second):
        publication = render(document_of(read_workbook_file(workbook)))
        expected[workbook] = publication.files()
    return first, second, expected


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix in (".xlsx", ".csv", ".html")}


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [COMMAND, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8"
    )


def test_a_second_publish_is_refused_while_the_first_holds_the_folder(tmp_path, workbooks):
    first, second, expected = workbooks
    out = tmp_path / "ausgabe"
    holder = subprocess.Popen(
        [sys.executable, "-c", _PAUSED, "publish", str(first), "--out", str(out), "--no-pdf"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    line = ""
    while "GESPERRT" not in line:
        line = holder.stderr.readline()
        assert line or holder.poll() is None, "the first run ended before taking the lock"

    refused = subprocess.run(
        [COMMAND, "publish", str(second), "--out", str(out), "--no-pdf"],
        capture_output=True,
        check=False,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert f"Fehler: In {out} {BUSY} (Prozess {holder.pid} auf " in refused.stderr
    assert "Bitte warten, bis er fertig ist, und dann erneut starten. Nichts geschrieben." in refused.stderr
    assert outputs(out) == {}  # the first run has not installed anything yet, the second wrote nothing

    holder.communicate("weiter\n", timeout=60)
    assert holder.returncode == 0
    assert outputs(out) == expected[first]
    assert sorted(p.name for p in out.iterdir()) == sorted(expected[first])  # no lock file, no staging left


def test_a_lock_of_a_killed_process_does_not_block(tmp_path, workbooks):
    first, _, expected = workbooks
    out = tmp_path / "ausgabe"
    holder = subprocess.Popen(
        [sys.executable, "-c", _PAUSED, "publish", str(first), "--out", str(out), "--no-pdf"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    while "GESPERRT" not in holder.stderr.readline():
        assert holder.poll() is None
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert f"Prozess {holder.pid}" in (out / LOCK_NAME).read_text(encoding="utf-8")  # the dead run's lock file
    done = subprocess.run(
        [COMMAND, "publish", str(first), "--out", str(out), "--no-pdf"], capture_output=True, check=False, text=True
    )
    assert done.returncode == 0, done.stderr
    assert outputs(out) == expected[first]
    assert sorted(p.name for p in out.iterdir()) == sorted(expected[first])


@pytest.mark.parametrize("round_", range(4))
def test_two_publishes_started_together_never_mix(tmp_path, workbooks, round_):
    first, second, expected = workbooks
    out = tmp_path / "ausgabe"
    runs = [
        start("publish", str(w), "--out", str(out), "--no-pdf")
        for w in ((first, second) if round_ % 2 else (second, first))
    ]
    results = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
    for code, stderr in results:
        assert code == 0 or (code == 1 and BUSY in stderr and "Nichts geschrieben." in stderr), stderr
    assert any(code == 0 for code, _ in results)
    assert outputs(out) in (expected[first], expected[second])
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


def test_two_publishes_with_pdf_one_result_and_one_message(tmp_path, workbooks):
    first, second, expected = workbooks
    out = tmp_path / "ausgabe"
    a = start("publish", str(first), "--out", str(out))
    b = start("publish", str(second), "--out", str(out))
    results = {w: (run.wait(timeout=300), run.stderr.read()) for w, run in ((first, a), (second, b))}
    winners = [w for w, (code, _) in results.items() if code == 0]
    losers = [w for w, (code, _) in results.items() if code != 0]
    assert len(winners) == 1 and len(losers) == 1  # Chromium holds the lock while it prints: they overlap
    for w in losers:
        code, stderr = results[w]
        assert code == 1 and BUSY in stderr and "Nichts geschrieben." in stderr, stderr
    files = outputs(out)
    assert files in (expected[first], expected[second])
    winner = first if files == expected[first] else second
    budget = "58.000.000" if winner == first else "57.000.000"
    pdf = next(out.glob("*.pdf"))
    assert budget in pdf_text(pdf)  # the PDF belongs to the same run as the xlsx and CSV
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


def test_share_and_publish_into_one_folder_share_the_lock(tmp_path, workbooks):
    first, _, expected = workbooks
    out = tmp_path / "ausgabe"
    holder = subprocess.Popen(
        [sys.executable, "-c", _PAUSED, "publish", str(first), "--out", str(out), "--no-pdf"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    while "GESPERRT" not in holder.stderr.readline():
        assert holder.poll() is None
    shared = subprocess.run(
        [COMMAND, "share", str(first), "--out", str(out)], capture_output=True, check=False, text=True, timeout=120
    )
    assert shared.returncode == 1
    assert BUSY in shared.stderr and "Nichts geschrieben." in shared.stderr
    holder.communicate("weiter\n", timeout=60)
    assert holder.returncode == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(expected[first])
