"""Every bad input of the corpus through every command that reads the ministry workbook (check, publish,
share): a German message at the right sheet and cell (or naming the file), exit status 1, nothing written,
the input untouched. The bad files also go, all at once, into a folder of answers for ``collect``
(``test_collect_corpus.py``).

The whole corpus runs in-process through ``xl_funcs.cli.main`` (the entry point of the installed
command: same argument parsing, same messages, same exit status); a sample of each kind runs as a
real process, the file of several hundred megabytes with a bound on the process's memory.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .cli_runs import COMMAND, folder_state, problem_lines, run_in_process, run_process
from .corpus import CORPUS, HUGE_BYTES, BadInput, huge_file

OFFICIAL = "Mittelverteilung_Integrationsmanagement_2025"


def input_fingerprint(path: Path):
    """What must not change about the input: bytes and modification time (size and time for the huge file)."""
    if not path.exists() or not path.is_file():
        return path.exists()
    status = path.stat()
    if status.st_size > 50 * 1024 * 1024:
        return status.st_size, status.st_mtime_ns
    return path.read_bytes(), status.st_mtime_ns


def previous_run(folder: Path) -> Path:
    """An output folder holding last run's files and something of the user's."""
    folder.mkdir()
    (folder / f"{OFFICIAL}.xlsx").write_bytes(b"Fassung vom letzten Lauf")
    (folder / f"{OFFICIAL}.csv").write_text("letzter Lauf;1\r\n", encoding="utf-8-sig")
    (folder / "Notizen.txt").write_text("gehört dem Nutzer", encoding="utf-8")
    return folder


def assert_reports(case: BadInput, path: Path, stderr: str) -> None:
    lines = problem_lines(stderr)
    assert lines, stderr
    for place, message in lines:  # every line names a cell or the file, in German
        assert "!" in place or place == str(path), (place, message)
        assert message[:1].isupper() or message[:1] in "„", message
    if case.place is not None:
        hits = [message for place, message in lines if place == case.place and case.fragment in message]
    else:
        hits = [message for place, message in lines if place == str(path) and case.fragment in message]
    assert hits, f"expected {case.place or path}: …{case.fragment}… in\n{stderr}"
    assert "Traceback" not in stderr


@pytest.mark.parametrize("case", CORPUS, ids=[case.id for case in CORPUS])
def test_bad_input_is_refused_by_every_command(case: BadInput, tmp_path, monkeypatch):
    source = tmp_path / "eingabe"
    source.mkdir()
    path = case.make(source)
    before = input_fingerprint(path)
    work = tmp_path / "arbeitsordner"
    work.mkdir()
    monkeypatch.chdir(work)  # the current folder: publish's default --out, must stay empty everywhere

    checked = run_in_process("check", str(path))
    assert checked.returncode == 1, checked.stderr
    assert checked.stdout == ""
    assert checked.stderr.startswith(f"Die Arbeitsmappe {path} ist nicht in Ordnung.\n")
    assert_reports(case, path, checked.stderr)

    out = previous_run(tmp_path / "ausgabe")
    state = folder_state(out)
    published = run_in_process("publish", str(path), "--out", str(out))
    assert published.returncode == 1, published.stderr
    assert published.stdout == ""
    assert "Nichts geschrieben." in published.stderr
    assert_reports(case, path, published.stderr)
    assert folder_state(out) == state

    fresh = tmp_path / "neu" / "ausgabe"
    assert run_in_process("publish", str(path), "--out", str(fresh), "--no-pdf").returncode == 1
    assert not fresh.parent.exists()

    shared = run_in_process("share", str(path), "--out", str(out))
    assert shared.returncode == 1, shared.stderr
    assert shared.stdout == ""
    assert "Nichts geschrieben." in shared.stderr
    assert_reports(case, path, shared.stderr)
    assert folder_state(out) == state
    assert run_in_process("share", str(path)).returncode == 1  # default folder Kreis-Arbeitsmappen_<Jahr> here

    assert folder_state(work) == {"": work.stat().st_mtime_ns}
    assert not any(work.iterdir())
    assert input_fingerprint(path) == before


def test_the_corpus_has_every_kind_the_issue_names():
    ids = {case.id for case in CORPUS}
    assert len(CORPUS) >= 40
    named = {
        "anzahl ca",
        "anzahl 1.234",
        "anzahl 1,234",
        "anzahl negativ",
        "anzahl leer",
        "anzahl div0",
        "anzahl name",
        "anzahl formel ohne ergebnis",
        "anzahl datum",
        "anzahl zu groß",
        "schlüssel als zahl",
        "schlüssel mit leerzeichen",
        "schlüssel doppelt",
        "kreis fehlt",
        "schlüssel unbekannt",
        "namen vertauscht",
        "tabelle fehlt ganz",
        "tabelle umbenannt",
        "zellen verbunden",
        "zeile ausgeblendet",
        "werte unter der tabelle",
        "budget 0",
        "budget negativ",
        "budget text",
        "budget cent",
        "alle null",
        "leere arbeitsmappe",
        "csv umbenannt",
        "alte xls",
        "kennwortgeschützt",
        "abgeschnitten halb",
        "zip-bombe echt",
        "xml-entitäten-bombe",
        "riesige datei",
    }
    assert named <= ids, named - ids


REAL_PROCESS_SAMPLE = [
    "anzahl ca",
    "schlüssel als zahl",
    "tabelle umbenannt",
    "budget cent",
    "csv umbenannt",
    "kennwortgeschützt",
    "zip-bombe echt",
    "xml-entitäten-bombe",
]


@pytest.mark.parametrize("case_id", REAL_PROCESS_SAMPLE)
def test_sample_as_real_processes(case_id, tmp_path):
    case = next(case for case in CORPUS if case.id == case_id)
    path = case.make(tmp_path)
    before = input_fingerprint(path)
    checked = run_process("check", str(path), cwd=tmp_path)
    assert checked.returncode == 1
    assert_reports(case, path, checked.stderr)
    out = previous_run(tmp_path / "ausgabe")
    state = folder_state(out)
    published = run_process("publish", str(path), "--out", str(out), cwd=tmp_path)
    assert published.returncode == 1
    assert_reports(case, path, published.stderr)
    assert folder_state(out) == state
    shared = run_process("share", str(path), "--out", str(out), cwd=tmp_path)
    assert shared.returncode == 1
    assert_reports(case, path, shared.stderr)
    assert folder_state(out) == state
    assert input_fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, "ausgabe"])


# Started from a small fresh Python, so that the measured process does not inherit pytest's memory in its
# peak (a forked child's peak includes the pages it shared with its parent before exec).
_MEASURE = """
import os, subprocess, sys
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


@pytest.mark.parametrize("command", ["check", "publish"])
def test_huge_file_is_refused_without_reading_it(command, tmp_path):
    """400 MB (sparse) are refused from the file's size: the process never holds more than a fraction of it."""
    path = huge_file(tmp_path)
    assert path.stat().st_size == HUGE_BYTES
    out = tmp_path / "aus"
    args = [command, str(path)] + (["--out", str(out)] if command == "publish" else [])
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, COMMAND, *args],
        capture_output=True,
        check=False,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    code, peak_kb = (int(word) for word in done.stdout.split())
    assert code == 1
    assert "Die Datei ist zu groß (400 MB; höchstens 50,0 MB werden gelesen)" in done.stderr
    peak_mb = peak_kb / 1024  # Linux reports kilobytes
    assert peak_mb < 150, f"peak memory {peak_mb:.0f} MB while refusing a {HUGE_BYTES // 2**20} MB file"
    assert not out.exists()
