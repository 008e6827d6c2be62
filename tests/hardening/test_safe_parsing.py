"""Safe parsing: openpyxl parses XML through defusedxml, and no xlsx from outside reaches a parser before
``readers.file_guard`` has checked its format, size, unpacked size and number of parts.

Proved three ways: the installed packages (defusedxml present, openpyxl's flag on, the dependency
declared), the running commands (every parser call of check, publish, share and collect receives bytes
the guard approved just before, never a path), and the source (every place that parses a workbook or
an archive is one of the reviewed ones below, so a new one cannot slip in unnoticed).
"""

from __future__ import annotations

import hashlib
import io
import re
import tomllib
from pathlib import Path

import openpyxl
import pytest

import xl_funcs
from xl_funcs.readers import bundled_workbook_path

from ..districts.returns import answers, fill_with_openpyxl
from .cli_runs import run_in_process
from .corpus import zip_bomb

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(xl_funcs.__file__).resolve().parent


def test_defusedxml_is_a_declared_dependency_and_openpyxl_uses_it():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(re.match(r"defusedxml\b", requirement) for requirement in project["dependencies"])
    import defusedxml  # noqa: F401  installed, not only declared

    assert openpyxl.DEFUSEDXML is True


@pytest.fixture
def watch(monkeypatch):
    """``watch()`` starts recording what the guard approved and what the parsers were given, and fails on
    a parse of unapproved data; returns (approved digests, parser names in call order)."""
    return lambda: _watch(monkeypatch)


def _watch(monkeypatch):
    import sys

    import python_calamine

    from xl_funcs.readers import file_guard

    approved: set[str] = set()
    parsed: list[str] = []
    original_check = file_guard.check_workbook_bytes

    def check(data, label, *args, **kwargs):
        original_check(data, label, *args, **kwargs)
        approved.add(hashlib.sha256(data).hexdigest())

    # wherever the guard was imported by name
    for module in list(sys.modules.values()):
        if (
            getattr(module, "__name__", "").startswith("xl_funcs")
            and getattr(module, "check_workbook_bytes", None) is original_check
        ):
            monkeypatch.setattr(module, "check_workbook_bytes", check)

    def approved_bytes(source, parser: str) -> None:
        assert isinstance(source, io.BytesIO), f"{parser} was given {type(source).__name__}, not checked bytes"
        digest = hashlib.sha256(source.getvalue()).hexdigest()
        assert digest in approved, f"{parser} parsed bytes file_guard has not approved"
        parsed.append(parser)

    original_load = openpyxl.load_workbook

    def load(filename, *args, **kwargs):
        approved_bytes(filename, "openpyxl")
        return original_load(filename, *args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", load)
    monkeypatch.setattr(openpyxl.reader.excel, "load_workbook", load)

    real = python_calamine.CalamineWorkbook

    class WatchedCalamine:
        @staticmethod
        def from_filelike(source, *args, **kwargs):
            approved_bytes(source, "calamine")
            return real.from_filelike(source, *args, **kwargs)

        @staticmethod
        def from_path(*args, **kwargs):
            raise AssertionError("calamine opened a path, bypassing the guard")

        from_object = from_filelike

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", WatchedCalamine)

    from xl_funcs.readers import file_reader

    original_snapshot = file_reader.snapshot_of_bytes

    def snapshot(data, label):  # the workbook reader's own parts parser (defusedxml), its one entry
        approved_bytes(io.BytesIO(data), "defusedxml")
        return original_snapshot(data, label)

    monkeypatch.setattr(file_reader, "snapshot_of_bytes", snapshot)
    return approved, parsed


def workbook_with_a_formula(tmp_path: Path) -> Path:
    """The sample with one count as a formula with a saved result, read from the saved result."""
    from xl_funcs.sample.workbook import sample_inputs

    from ..readers.test_bad_workbooks import STUTTGART, _with_saved_result

    count = dict(sample_inputs().districts[0].counts)[2023]
    return _with_saved_result(tmp_path, f"G{STUTTGART}", "2000+326", f"><f>2000+326</f><v>{count}</v></c>")


def test_every_parse_of_check_and_publish_gets_guarded_bytes(watch, tmp_path):
    workbook = workbook_with_a_formula(tmp_path)
    approved, parsed = watch()
    assert run_in_process("check", str(workbook)).returncode == 0
    assert run_in_process("publish", str(workbook), "--out", str(tmp_path / "aus"), "--no-pdf").returncode == 0
    assert parsed.count("defusedxml") >= 2  # the workbook, read by check and by publish
    assert len(approved) == 1  # one workbook, approved by each run
    parsed.clear()
    bomb = tmp_path / "bombe.xlsx"
    bomb.write_bytes(zip_bomb())
    assert run_in_process("check", str(bomb)).returncode == 1
    assert parsed == []  # refused by the guard: no parser ever saw it


def test_share_reads_the_workbook_through_the_guard(watch, tmp_path):
    approved, parsed = watch()
    assert run_in_process("share", str(bundled_workbook_path()), "--out", str(tmp_path / "kreise")).returncode == 0
    assert parsed and set(parsed) <= {"defusedxml", "openpyxl", "calamine"}
    assert len(approved) == 1


def test_collect_parses_only_guarded_answers(watch, tmp_path, issued, issued_entries):
    box = tmp_path / "Eingang"
    box.mkdir()
    entry = issued_entries["08115"]
    fill_with_openpyxl(issued / entry["datei"], box / "antwort.xlsx", answers(entry, bestaetigung="ja"))
    (box / "bombe.xlsx").write_bytes(zip_bomb())
    approved, parsed = watch()
    done = run_in_process(
        "collect", str(box), "--issued", str(issued / "Versandliste.json"), "--out", str(tmp_path / "r.xlsx")
    )
    assert done.returncode == 0, done.stderr
    assert parsed == ["openpyxl"]  # the answer; the bomb never reached a parser
    assert len(approved) == 1
    assert "ZIP-Bombe" in done.stdout


# Every module that parses a workbook, an archive or XML, and why that is safe.
REVIEWED = {
    "readers/file_guard.py": "opens the archive's directory to check it: the guard itself",
    "readers/file_reader.py": "defusedxml on the parts of bytes from read_workbook_bytes (the guard)",
    "districts/returned.py": "answers: check_workbook_bytes first, then openpyxl and defusedxml",
    "payments/provisional.py": "the published provisional table: read_workbook_bytes first, then openpyxl and defusedxml",
    "sample/workbook.py": "writes the sample workbook; re-reads only its own bytes",
    "districts/sharing.py": "writes the ZIPs per Regierungsbezirk",
    "render/xlsx.py": "writes xlsx (a ZipFile subclass)",
    "__init__.py": "parses nothing: keeps openpyxl off lxml, on defusedxml (pikepdf installs lxml)",
    "commands/allocate.py": "numpy.fromstring on a text checked byte by byte to be digits and line breaks; no XML",
}
PARSERS = re.compile(
    r"load_workbook\(|CalamineWorkbook|read_excel\(|ZipFile\b|ElementTree|fromstring\(|iterparse\(|minidom|lxml|xml\.sax|expat"
)


def test_every_place_that_parses_files_is_a_reviewed_one():
    found = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if PARSERS.search(path.read_text(encoding="utf-8"))
    }
    assert found == set(REVIEWED), (
        "A module parses workbooks, archives or XML that this test has not reviewed: give it file_guard "
        f"(and defusedxml) and add it to REVIEWED. New: {sorted(found - set(REVIEWED))}, gone: {sorted(set(REVIEWED) - found)}"
    )
