"""The sample workbook's Kreis workbooks, shared once per session by the hardening tests that need issued files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xl_funcs.districts.sharing import share
from xl_funcs.readers import bundled_workbook_path, read_workbook_file


@pytest.fixture(scope="session")
def issued(tmp_path_factory) -> Path:
    """The folder ``share`` wrote for the sample workbook (44 workbooks, Versandliste, ZIPs)."""
    out = tmp_path_factory.mktemp("ausgegeben") / "Kreis-Arbeitsmappen_2025"
    share(read_workbook_file(bundled_workbook_path()), out)
    return out


@pytest.fixture(scope="session")
def issued_entries(issued) -> dict[str, dict]:
    manifest = json.loads((issued / "Versandliste.json").read_text(encoding="utf-8"))
    return {entry["kreisschluessel"]: entry for entry in manifest["dateien"]}
