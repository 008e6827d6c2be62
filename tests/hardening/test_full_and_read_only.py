"""A full or read-only output folder, for real: a tiny or read-only tmpfs mounted in a private mount namespace
(``unshare``, no root needed where user namespaces are allowed). The command stops with a German message,
exit status 1, and last run's files stay as they were, with nothing left behind.

The same failures at every single step of a run are injected in ``test_output_files.py``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .cli_runs import COMMAND
from .namespace_scenario import OLD_FILES

SCENARIO = Path(__file__).with_name("namespace_scenario.py")


def _namespaces_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "true"], capture_output=True, check=False
    )
    return probe.returncode == 0


if not _namespaces_work():
    if os.environ.get("CI") == "true":
        raise RuntimeError("unshare --user --mount does not work here; the full/read-only disk tests need it")
    pytest.skip("no user and mount namespaces on this machine (unshare)", allow_module_level=True)


def in_namespace(scenario: str, folder: Path, *args: str) -> dict:
    done = subprocess.run(
        [
            "unshare",
            "--user",
            "--map-root-user",
            "--mount",
            sys.executable,
            str(SCENARIO),
            scenario,
            str(folder),
            COMMAND,
            *args,
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_publish_into_a_full_disk(tmp_path):
    folder = tmp_path / "voll"
    report = in_namespace("voll", folder, "publish", "--out", str(folder), "--no-pdf")
    assert report["returncode"] == 1
    assert f"Fehler: Auf dem Datenträger von {folder} ist nicht genug Platz" in report["stderr"]
    assert "Nichts geschrieben." in report["stderr"]
    assert report["after"] == report["before"]
    assert sorted(report["before"]) == sorted(OLD_FILES)


def test_share_runs_out_of_space_after_some_files(tmp_path):
    folder = tmp_path / "fast voll"
    report = in_namespace("fast voll", folder, "share", "--out", str(folder))
    assert report["returncode"] == 1
    assert "nicht genug Platz" in report["stderr"] and "Nichts geschrieben." in report["stderr"]
    assert "Arbeitsmappe 44/44" in report["stderr"]  # it failed while writing, after rendering everything
    assert report["after"] == report["before"]


def test_publish_into_a_read_only_disk(tmp_path):
    folder = tmp_path / "nur lesen"
    report = in_namespace("schreibgeschützt", folder, "publish", "--out", str(folder), "--no-pdf")
    assert report["returncode"] == 1
    assert f"Fehler: {folder} liegt auf einem schreibgeschützten Datenträger" in report["stderr"]
    assert report["after"] == report["before"]


def test_a_new_folder_on_a_read_only_disk(tmp_path):
    folder = tmp_path / "nur lesen"
    report = in_namespace("schreibgeschützt", folder, "publish", "--out", str(folder / "neu" / "tiefer"), "--no-pdf")
    assert report["returncode"] == 1
    assert "schreibgeschützten Datenträger" in report["stderr"] and "Nichts geschrieben." in report["stderr"]
    assert report["after"] == report["before"]


def test_collect_overview_onto_a_read_only_disk(tmp_path, issued):
    folder = tmp_path / "nur lesen"
    inbox = tmp_path / "Eingang"
    inbox.mkdir()
    report = in_namespace(
        "schreibgeschützt",
        folder,
        "collect",
        str(inbox),
        "--issued",
        str(issued / "Versandliste.json"),
        "--out",
        str(folder / "Rückmeldungen.xlsx"),
    )
    assert report["returncode"] == 1
    assert "schreibgeschützten Datenträger" in report["stderr"] and "Nichts geschrieben." in report["stderr"]
    assert report["after"] == report["before"]
