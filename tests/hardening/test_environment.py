"""The same inputs give the same bytes everywhere: other time zones, locales, hash seeds, and paths with
spaces and umlauts; and the input workbook is never written by any command (watched through Python's audit
hooks inside the real process, not only compared afterwards)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from xl_funcs.publication.files import document_of, render
from xl_funcs.readers import bundled_workbook_path, read_workbook_file

from .cli_runs import COMMAND

ODD_PLACE = "Ausgabe mit Leerzeichen/Übergröße – äöüß ÄÖÜ"
ENVIRONMENTS = {
    "Kiritimati, deutsch": {
        "TZ": "Pacific/Kiritimati",
        "LANG": "de_DE.UTF-8",
        "LC_ALL": "de_DE.UTF-8",
        "PYTHONHASHSEED": "1",
    },
    "Los Angeles, türkisch": {
        "TZ": "America/Los_Angeles",
        "LANG": "tr_TR.UTF-8",
        "LC_ALL": "tr_TR.UTF-8",
        "PYTHONHASHSEED": "2",
    },
    "UTC, POSIX": {"TZ": "UTC", "LANG": "C", "LC_ALL": "POSIX", "PYTHONHASHSEED": "3"},
    "Kolkata, Latin-1": {
        "TZ": "Asia/Kolkata",
        "LANG": "de_DE.ISO-8859-1",
        "LC_ALL": "de_DE.ISO-8859-1",
        "PYTHONHASHSEED": "4",
    },
}


def env(**changes: str) -> dict[str, str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TZ", "LANG", "LC_ALL", "LC_CTYPE", "LANGUAGE", "PYTHONHASHSEED")
    }
    return {**base, **changes}


@pytest.fixture(scope="module")
def odd_workbook(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("mappe") / "Ordner mit Leerzeichen und Umlauten äöü"
    folder.mkdir()
    target = folder / "Mittelverteilung Übersicht (Kopie).xlsx"
    shutil.copyfile(bundled_workbook_path(), target)
    return target


@pytest.fixture(scope="module")
def expected_publication():
    publication = render(document_of(read_workbook_file(bundled_workbook_path())))
    return publication.files()


@pytest.mark.parametrize("name", list(ENVIRONMENTS))
def test_publish_gives_the_same_bytes_in_every_environment(name, tmp_path, odd_workbook, expected_publication):
    out = tmp_path / ODD_PLACE
    done = subprocess.run(
        [COMMAND, "publish", str(odd_workbook), "--out", str(out), "--no-pdf"],
        capture_output=True,
        env=env(**ENVIRONMENTS[name]),
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == expected_publication
    checked = subprocess.run(
        [COMMAND, "check", str(odd_workbook)], capture_output=True, env=env(**ENVIRONMENTS[name]), check=False
    )
    assert checked.returncode == 0
    assert "Budget 58.000.000 €" in checked.stdout.decode("utf-8") and "Stand 31.03.2025" in checked.stdout.decode(
        "utf-8"
    )


@pytest.mark.parametrize("name", ["Kiritimati, deutsch", "Los Angeles, türkisch"])
def test_share_gives_the_same_bytes_in_other_environments(name, tmp_path, odd_workbook, issued):
    out = tmp_path / ODD_PLACE
    done = subprocess.run(
        [COMMAND, "share", str(odd_workbook), "--out", str(out)],
        capture_output=True,
        env=env(**ENVIRONMENTS[name]),
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    expected = {p.name: p.read_bytes() for p in issued.iterdir()}
    produced = {p.name: p.read_bytes() for p in out.iterdir()}
    assert produced.keys() == expected.keys()
    differing = [name for name in expected if produced[name] != expected[name]]
    assert differing == []


# -- the input workbook is only ever read ---------------------------------------------------------------

# Runs the command with an audit hook that records every path opened for writing and every path renamed,
# removed, truncated, linked, re-dated or re-permitted, then writes them as JSON to the file in $AUDIT_LOG.
_AUDITED = """
import json, os, sys
events = []
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
CHANGES = {"os.rename", "os.remove", "os.rmdir", "os.truncate", "os.utime", "os.chmod", "os.chown", "os.link",
           "os.symlink", "os.mkdir", "shutil.rmtree", "shutil.copyfile", "shutil.move", "os.ftruncate"}

def audit(event, args):
    if event == "open":
        path, mode, flags = args
        if isinstance(path, int) or path is None:
            return
        writing = any(c in mode for c in "wax+") if isinstance(mode, str) else bool((flags or 0) & WRITE_FLAGS)
        if writing:
            events.append([event, os.path.abspath(os.fsdecode(path))])
    elif event in CHANGES:
        if event in ("os.remove", "os.rmdir") and isinstance(args[-1], int) and args[-1] >= 0:
            return  # inside shutil.rmtree, relative to a folder descriptor; the shutil.rmtree event names it
        events.append([event] + [os.path.abspath(os.fsdecode(a)) for a in args if isinstance(a, (str, bytes, os.PathLike))])

sys.addaudithook(audit)
from xl_funcs import cli
try:
    code = cli.main(sys.argv[1:])
finally:
    recorded = list(events)
    with open(os.environ["AUDIT_LOG"], "w", encoding="utf-8") as log:
        json.dump(recorded, log)
sys.exit(code)
"""


def audited(args: list[str], tmp_path: Path, cwd: Path) -> tuple[int, str, list[list[str]]]:
    log = tmp_path / "audit.json"
    done = subprocess.run(
        [sys.executable, "-c", _AUDITED, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        check=False,
        env={**os.environ, "AUDIT_LOG": str(log), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    return done.returncode, done.stderr, json.loads(log.read_text(encoding="utf-8"))


def inside(path: str, folder: Path) -> bool:
    return Path(path).is_relative_to(folder.resolve()) or Path(path).is_relative_to(folder)


COMMANDS = {
    "check": lambda wb, out: ["check", str(wb)],
    "publish": lambda wb, out: ["publish", str(wb), "--out", str(out), "--no-pdf"],
    "publish mit PDF": lambda wb, out: ["publish", str(wb), "--out", str(out)],
    "publish neben die Mappe": lambda wb, out: ["publish", str(wb), "--out", str(wb.parent), "--no-pdf"],
    "share": lambda wb, out: ["share", str(wb), "--out", str(out)],
    "share neben die Mappe": lambda wb, out: ["share", str(wb)],  # default folder in the current folder
    "collect im Ordner der Mappe": lambda wb, out: [
        "collect",
        str(wb.parent),
        "--out",
        str(out / "Rückmeldungen.xlsx"),
    ],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_command_writes_to_the_input_workbook(command, tmp_path):
    folder = tmp_path / "Mappen Ordner"
    folder.mkdir()
    workbook = folder / "Mittelverteilung.xlsx"
    shutil.copyfile(bundled_workbook_path(), workbook)
    os.utime(workbook, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    before = workbook.read_bytes(), workbook.stat().st_mtime_ns, workbook.stat().st_mode
    out = tmp_path / "ausgabe"
    code, stderr, events = audited(COMMANDS[command](workbook, out), tmp_path, cwd=folder)
    assert code == 0, stderr
    assert (workbook.read_bytes(), workbook.stat().st_mtime_ns, workbook.stat().st_mode) == before
    touching = [event for event in events if any(p == str(workbook) for p in event[1:])]
    assert touching == [], touching
    # Everything written went to the output (or the workbook's folder where the command was told to write
    # there), or to the temporary folder (openpyxl's scratch files, Chromium's profile and page).
    allowed = [out, Path(tempfile.gettempdir())]
    if command in ("publish neben die Mappe", "share neben die Mappe"):
        allowed.append(folder)
    stray = [event for event in events if not all(any(inside(p, a) for a in allowed) for p in event[1:])]
    assert stray == [], stray
    if command.startswith("publish"):  # the hook does see writes: the output's final rename is recorded
        written_to = folder if "neben" in command else out
        target = str(written_to / "Mittelverteilung_Integrationsmanagement_2025.xlsx")
        assert any(event[0] == "os.rename" and event[-1] == target for event in events), events[-5:]
    if command == "check":
        assert [e for e in events if not inside(e[1], Path(tempfile.gettempdir()))] == []
