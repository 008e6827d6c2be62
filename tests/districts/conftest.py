"""The 44 Kreis workbooks of the bundled sample workbook, written once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xl_funcs.calculation import calculate
from xl_funcs.districts.sharing import share
from xl_funcs.readers import bundled_workbook_path, read_workbook_file


@pytest.fixture(scope="session")
def inputs():
    return read_workbook_file(bundled_workbook_path())


@pytest.fixture(scope="session")
def calculation(inputs):
    return calculate(inputs)


@pytest.fixture(scope="session")
def shared(inputs, tmp_path_factory):
    """``share`` into a fresh folder: (Shared, folder)."""
    out = tmp_path_factory.mktemp("share") / "Kreis-Arbeitsmappen_2025"
    messages: list[str] = []
    result = share(inputs, out, progress=messages.append)
    assert any("44/44" in message for message in messages)
    return result, out


@pytest.fixture(scope="session")
def share_dir(shared) -> Path:
    return shared[1]


@pytest.fixture(scope="session")
def manifest_data(share_dir) -> dict:
    return json.loads((share_dir / "Versandliste.json").read_text(encoding="utf-8"))
