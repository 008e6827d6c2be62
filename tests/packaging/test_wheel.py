"""An installed, non-editable copy works too: the wheel carries the data and the templates."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(target), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = target.glob("mittelverteilung-*.whl")
    return built


def test_wheel_carries_templates_and_kreise(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in sorted((ROOT / "templates").glob("*.toml")):
        assert f"xl_funcs/templates/{template.name}" in names
    assert "xl_funcs/data/kreise.csv" in names


def test_unpacked_wheel_publishes_without_the_checkout(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    out = tmp_path / "ausgabe"
    program = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import xl_funcs.table.templates as t; assert str(t.TEMPLATE_DIR).startswith(sys.argv[1]), t.TEMPLATE_DIR;"
        "from xl_funcs.cli import main; sys.exit(main(['publish', sys.argv[2], '--out', sys.argv[3], '--no-pdf']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, str(site), str(ROOT / "workbook" / "Mittelverteilung.xlsx"), str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "Mittelverteilung_Integrationsmanagement_2025.csv",
        "Mittelverteilung_Integrationsmanagement_2025.html",
        "Mittelverteilung_Integrationsmanagement_2025.xlsx",
    ]


def test_lite_outside_a_checkout_refuses_in_german_and_writes_nothing(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "anderswo"
    elsewhere.mkdir()
    program = "import sys; sys.path.insert(0, sys.argv[1]); from xl_funcs.cli import main; sys.exit(main(sys.argv[2:]))"
    for argv in (["lite"], ["lite", "--check"]):
        done = subprocess.run(
            [sys.executable, "-c", program, str(site), *argv], capture_output=True, text=True, cwd=elsewhere
        )
        assert done.returncode == 1
        assert "nicht aus einem Quellverzeichnis (git-Checkout) installiert" in done.stderr
        assert "Nicht aktuell" not in done.stderr
    assert list(elsewhere.iterdir()) == []


def test_lite_in_a_checkout_uses_the_checkout_from_any_folder(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "xl_funcs.cli", "lite", "--check"], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{ROOT / 'workbook' / 'lite'}: main.py und requirements.txt sind aktuell."
    assert list(tmp_path.iterdir()) == []


def test_the_wheel_names_its_licence_by_spdx_and_carries_the_text(wheel):
    archive = zipfile.ZipFile(wheel)
    (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    text = archive.read(metadata).decode("utf-8")
    assert "License-Expression: BSD-3-Clause" in text and "License-File: LICENSE" in text
    licence = [n for n in archive.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
    assert licence and archive.read(licence[0]) == (ROOT / "LICENSE").read_bytes()


def test_building_prints_no_warning_of_setuptools(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    output = done.stdout + done.stderr
    for warning in ("BuildBackendWarning", "SetuptoolsDeprecationWarning", "deprecated", "!!"):
        assert warning not in output, output
