"""The corpus's bad files as answers from the Kreise: ``collect`` refuses each with a German message naming
the file, is not stopped by any of them (one honest answer among them still arrives), reads the folder
without changing it; a bad Versandliste stops it before anything is written.

``collect`` by design does not fail as a whole for a bad file (issue 5): it writes the overview, exit 0,
and lists each refused file. Only what makes the whole run meaningless (the folder, the Versandliste)
gives exit status 1.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import openpyxl
import pytest

from ..districts.returns import answers, fill_with_openpyxl
from ..readers.test_bad_workbooks import STUTTGART, set_cell
from ..readers.workbooks import changed
from .cli_runs import folder_state, run_in_process, run_process
from .corpus import FILE_CASES, BadInput

# Where collect's message differs from the reader's for the same file (its lower limits, its own wording).
COLLECT_FRAGMENT = {
    "leere arbeitsmappe": "Keine Vorgangsnummer gefunden",
    "zip-bombe mit großer angabe": "(höchstens 50,0 MB)",
    "zip-bombe echt": "wäre entpackt 300 MB groß (höchstens 50,0 MB)",
    "zu viele teile": "(höchstens 500)",
    "xml-entitäten-bombe": "aus Sicherheitsgründen nicht gelesen",
    "externe xml-entität": "aus Sicherheitsgründen nicht gelesen",
    "xml kaputt": "lässt sich nicht lesen",
    "riesige datei": "angenommen werden höchstens 10,0 MB",
    "ordner": "Unterordner werden nicht gelesen",
    "named pipe": "keine gewöhnliche Datei",
}
IN_A_FOLDER = [case for case in FILE_CASES if case.id != "gibt es nicht"]


def file_name(number: int, case: BadInput) -> str:
    return f"{number:02d}_{case.id.replace(' ', '_')}.xlsx"


@pytest.fixture(scope="module")
def inbox(tmp_path_factory, issued, issued_entries) -> tuple[Path, dict[str, BadInput]]:
    """Every bad file of the corpus, a ministry workbook with a bad cell, and one honest answer."""
    work = tmp_path_factory.mktemp("eingang")
    box = work / "Eingang Rückmeldungen"
    box.mkdir()
    placed: dict[str, BadInput] = {}
    for number, case in enumerate(IN_A_FOLDER):
        folder = work / f"{number:02d}"
        folder.mkdir()
        target = box / file_name(number, case)
        os.rename(case.make(folder), target)  # a file, a folder or a pipe
        placed[target.name] = case
    ministry = changed(work, set_cell(f"G{STUTTGART}", "ca. 500"), "ministerium.xlsx")
    shutil.move(ministry, box / "Mittelverteilung_mit_Fehler.xlsx")
    stuttgart = issued_entries["08111"]
    fill_with_openpyxl(
        issued / stuttgart["datei"],
        box / "Antwort Stuttgart.xlsx",
        answers(stuttgart, bestaetigung="ja", ansprechperson="Erika Mustermann"),
    )
    return box, placed


def assert_collected(box: Path, placed: dict[str, BadInput], stdout: str) -> None:
    assert stdout.startswith("1 von 44 Kreisen haben geantwortet, 1 bestätigt; 43 fehlen; ")
    blocks: dict[str, list[str]] = {}
    current = None
    for line in stdout.splitlines():
        if line.startswith("  - ") and current is not None:
            blocks[current].append(line[4:])
        elif line.endswith(":") and not line.startswith(" "):
            current = line[:-1].split(" (")[0]
            blocks[current] = []
    for name, case in placed.items():
        fragment = COLLECT_FRAGMENT.get(case.id, case.fragment)
        assert any(fragment in message for message in blocks.get(name, [])), (name, blocks.get(name))
    assert any("keine der vom Ministerium ausgegebenen" in m for m in blocks["Mittelverteilung_mit_Fehler.xlsx"])
    assert "Antwort Stuttgart.xlsx" not in blocks
    assert "Traceback" not in stdout


def overview_rows(path: Path) -> dict[str, list]:
    workbook = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
    rows = {sheet.title: [row for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets}
    workbook.close()
    return rows


def test_collect_refuses_every_bad_file_in_german_and_keeps_the_honest_answer(inbox, issued, tmp_path, monkeypatch):
    box, placed = inbox
    before = folder_state(box)
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "Rückmeldungen.xlsx"
    done = run_in_process("collect", str(box), "--issued", str(issued / "Versandliste.json"), "--out", str(target))
    assert done.returncode == 0, done.stderr
    assert_collected(box, placed, done.stdout)
    assert folder_state(box) == before
    rows = overview_rows(target)
    problems = "\n".join(str(cell) for row in rows["Probleme"] for cell in row if cell)
    for name in placed:
        assert name in problems
    answered = [row for row in rows["Rückmeldungen"] if "Erika Mustermann" in row]
    assert len(answered) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Rückmeldungen.xlsx"]


def test_collect_as_a_real_process(inbox, issued, tmp_path):
    box, placed = inbox
    before = folder_state(box)
    target = tmp_path / "Übersicht mit Leerzeichen.xlsx"
    done = run_process("collect", str(box), "--issued", str(issued / "Versandliste.json"), "--out", str(target))
    assert done.returncode == 0, done.stderr
    assert_collected(box, placed, done.stdout)
    assert folder_state(box) == before
    assert target.stat().st_size > 0


def _deep(path: Path) -> Path:
    path.write_text("[" * 100_000, encoding="utf-8")
    return path


def _truncated_manifest(issued: Path, path: Path) -> Path:
    data = (issued / "Versandliste.json").read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _huge(path: Path) -> Path:
    with open(path, "wb") as handle:
        handle.truncate(400 * 1024 * 1024)
    return path


MANIFESTS = {
    "verschachtelt": (lambda issued, path: _deep(path), "keine Versandliste im JSON-Format"),
    "abgeschnitten": (_truncated_manifest, "keine Versandliste im JSON-Format"),
    "csv statt json": (
        lambda issued, path: Path(shutil.copyfile(issued / "Versandliste.csv", path)),
        "keine Versandliste im JSON-Format",
    ),
    "fremdes json": (
        lambda issued, path: (path.write_text(json.dumps({"format": "anders"}), encoding="utf-8"), path)[1],
        "keine Versandliste von „mittelverteilung share“",
    ),
    "riesig": (lambda issued, path: _huge(path), "Die Versandliste ist zu groß"),
    "fehlt": (lambda issued, path: path, "Die Versandliste gibt es nicht."),
}


@pytest.mark.parametrize("kind", list(MANIFESTS))
def test_a_bad_versandliste_stops_collect_before_anything_is_written(kind, inbox, issued, tmp_path):
    box, _ = inbox
    make, fragment = MANIFESTS[kind]
    manifest = make(issued, tmp_path / "Versandliste.json")
    target = tmp_path / "aus" / "Rückmeldungen.xlsx"
    done = run_in_process("collect", str(box), "--issued", str(manifest), "--out", str(target))
    assert done.returncode == 1
    assert fragment in done.stderr and "Nichts geschrieben." in done.stderr
    assert str(manifest) in done.stderr
    assert not target.parent.exists()


def test_the_overview_never_replaces_an_answer_or_the_versandliste(inbox, issued, tmp_path):
    box, _ = inbox
    before = folder_state(box)
    manifest = tmp_path / "Versandliste.json"
    shutil.copyfile(issued / "Versandliste.json", manifest)
    # An answer lies in the inbox: refused before anything is read. The Versandliste lies elsewhere:
    # refused as an input of this run when the overview would be installed.
    for target, refusal in (
        (box / "Antwort Stuttgart.xlsx", f"läge im Ordner der Rückmeldungen {box}"),
        (manifest, f"{manifest} ist eine Eingabe dieses Laufs"),
    ):
        saved = target.read_bytes()
        done = run_in_process("collect", str(box), "--issued", str(manifest), "--out", str(target))
        assert done.returncode == 1
        assert refusal in done.stderr and "nichts geschrieben." in done.stderr.lower()
        assert target.read_bytes() == saved
    assert folder_state(box) == before
