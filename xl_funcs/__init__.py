"""mittelverteilung: euro-exact allocation of the Integrationsmanagement funds of Baden-Württemberg.

This package is also xlwings' UDF module (``UDF Modules: xl_funcs``): the Excel
functions and scripts are attributes of the package. They are loaded on first
access, so that the command line and the engine start without importing
xlwings (which pulls in pandas).
"""

from __future__ import annotations

import importlib
import os

__version__ = "0.1.0"

# openpyxl switches to lxml (no defusedxml, other writer) as soon as lxml is importable, and pikepdf
# (the PDF's metadata) brings lxml along. Our guarantees rest on openpyxl's standard path: XML read
# through defusedxml, the same xlsx bytes as in xlwings Lite (no lxml in Pyodide). Read when openpyxl
# is first imported, so it is set here, before any module of this package imports openpyxl.
os.environ["OPENPYXL_LXML"] = "False"

# Names xlwings finds in this module, and the submodule that defines each.
# A test keeps these tuples equal to the submodules' __all__.
EXCEL_FUNCTIONS: tuple[str, ...] = (  # defined in xl_funcs.excel.functions
    "allocate",
    "allocate_base",
    "per_head",
    "reference_weights",
    "shares",
    "explain",
    "allocate_transition",
)
EXCEL_SCRIPTS: tuple[str, ...] = (  # defined in xl_funcs.excel.scripts
    "publish_official_table",
    "prepare_district_workbooks",
    "compare_scenarios",
    "plan_payments",
)


def __getattr__(name: str):
    if name in EXCEL_FUNCTIONS:
        return getattr(importlib.import_module(".excel.functions", __name__), name)
    if name in EXCEL_SCRIPTS:
        return getattr(importlib.import_module(".excel.scripts", __name__), name)
    raise AttributeError(f"module 'xl_funcs' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(EXCEL_FUNCTIONS) | set(EXCEL_SCRIPTS))
