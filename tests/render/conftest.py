from __future__ import annotations

import pytest

from xl_funcs.calculation import calculate
from xl_funcs.render.xlsx import xlsx_bytes
from xl_funcs.table import official_document

from ..table.inputs_factory import make_inputs


@pytest.fixture(scope="session")
def calculation():
    return calculate(make_inputs(subtotals=True))


@pytest.fixture(scope="session")
def document(calculation):
    return official_document(calculation)


@pytest.fixture(scope="session")
def xlsx_path(document, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / (document.file_stem + ".xlsx")
    path.write_bytes(xlsx_bytes(document))
    return path
