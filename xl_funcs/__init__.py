"""mittelverteilung: euro-exact allocation of the Integrationsmanagement funds of Baden-Württemberg.

This package is also xlwings' UDF module (``UDF Modules: xl_funcs``): the Excel
functions are attributes of the package. They are loaded on first access, so
that the command line and the engine start without importing xlwings.
"""

from __future__ import annotations

__version__ = "0.1.0"

# The Excel functions defined in xl_funcs.excel_functions (a test keeps the two lists equal).
EXCEL_FUNCTIONS: tuple[str, ...] = ()


def __getattr__(name: str):
    if name in EXCEL_FUNCTIONS:
        from . import excel_functions

        return getattr(excel_functions, name)
    raise AttributeError(f"module 'xl_funcs' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(EXCEL_FUNCTIONS))
