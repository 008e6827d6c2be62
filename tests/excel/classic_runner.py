"""xl_funcs under the classic add-in's UDF machinery (xlwings.udfs), on Linux, in a process of its own.

xlwings.udfs imports pywin32 (pythoncom, pywintypes, win32com) at the top;
small stand-ins for those let it import here. On Windows, ``import xlwings``
binds ``xlwings.func/arg/ret/script`` to ``xlwings.udfs``' decorators; this
script does the same binding, then loads the UDF module the way "Import
Functions" does (``get_udf_module``), writes the VBA it would write
(``generate_vba_wrapper``) and calls the functions the way ``call_udf`` does:
COM values in (every number a float, a range as a tuple of row tuples, a
missing argument as the COM "missing" code), each argument through the
converter pipeline xlwings builds from the function's options.

Prints one JSON object: the registered metadata, the VBA text, and the calls' results.
"""

from __future__ import annotations

import io
import json
import sys
import types
from decimal import Decimal
from types import SimpleNamespace

MISSING = -2147352572  # what COM passes for an omitted optional argument


def _install_pywin32_stand_ins() -> None:
    pythoncom = types.ModuleType("pythoncom")
    pythoncom.CoInitialize = lambda: None
    pywintypes = types.ModuleType("pywintypes")
    pywintypes.com_error = type("com_error", (Exception,), {})
    win32com = types.ModuleType("win32com")
    client = types.ModuleType("win32com.client")
    client.Dispatch = lambda *args, **kwargs: None
    win32com.client = client
    sys.modules.update({"pythoncom": pythoncom, "pywintypes": pywintypes, "win32com": win32com, "win32com.client": client})


def _bind_classic_decorators():
    import xlwings
    import xlwings.udfs as udfs

    # What xlwings/__init__.py binds when it runs on Windows with pywin32.
    xlwings.func, xlwings.arg, xlwings.ret = udfs.xlfunc, udfs.xlarg, udfs.xlret
    xlwings.script = xlwings.sub = udfs.xlsub
    return udfs


def _read(value, options):
    """An argument through the reader pipeline xlwings builds for these options (call_udf, no Range)."""
    from xlwings import conversion

    context = SimpleNamespace(range=None, value=value, meta={})
    for stage in conversion.accessors[options.get("convert")].reader(options):
        stage(context)
    return context.value


def classic_call(function, *com_args):
    """call_udf's argument handling, then the function, then what CallUDF hands back to VBA."""
    info = function.__xlfunc__
    args = []
    for position, value in enumerate(com_args):
        arg_info = info["args"][position]
        args.append(arg_info.get("optional") if value == MISSING else _read(value, arg_info["options"]))
    while len(args) < len(info["args"]):  # VBA passes every parameter; omitted ones arrive as MISSING
        args.append(info["args"][len(args)].get("optional"))
    result = function(*args)
    # CallUDF (com_server.py) unwraps a 1x1 result and a single row before handing it to VBA.
    if len(result) == 1 and len(result[0]) == 1:
        return result[0][0]
    if len(result) == 1:
        return list(result[0])
    return [list(line) for line in result]


def main() -> None:
    _install_pywin32_stand_ins()
    udfs = _bind_classic_decorators()
    module = udfs.get_udf_module("xl_funcs", None)

    vba = io.StringIO()
    udfs.generate_vba_wrapper("xl_funcs", module, vba, SimpleNamespace(Name="Mittelverteilung.xlsx"))

    import xl_funcs

    metadata = {}
    for name in xl_funcs.EXCEL_FUNCTIONS:
        info = getattr(module, name).__xlfunc__
        metadata[name] = {
            "name": info["name"],
            "args": [
                {"name": a["name"], "optional": "optional" in a, "doc": a["doc"], "options": a["options"]} for a in info["args"]
            ],
            "ret": info["ret"]["options"],
            "doc": info["ret"]["doc"],
            "category": info["category"],
            "call_in_wizard": info["call_in_wizard"],
            "volatile": info["volatile"],
            "sub": info["sub"],
        }

    weights = ((1234.0,), (567.0,), (8901.0,))
    calls = {
        "allocate_column": classic_call(module.allocate, 58000000.0, weights, MISSING, MISSING, MISSING, MISSING),
        "allocate_row_dhondt": classic_call(module.allocate, 18.0, ((1305954.0, 903151.0, 650114.0, 532193.0, 319024.0),), "D'Hondt"),
        "allocate_currency_cells": classic_call(module.allocate, Decimal("100"), ((Decimal("1"),), (Decimal("3"),))),
        "allocate_text_weight": classic_call(module.allocate, 100.0, ((1.0,), ("viel",))),
        "allocate_error_cell": classic_call(module.allocate, 100.0, ((1.0,), (-2146826281,))),
        "allocate_empty_cell": classic_call(module.allocate, 100.0, ((1.0,), (None,))),
        "explain_first_row": classic_call(module.explain, 1.0, 58000000.0, weights),
        "per_head": classic_call(module.per_head, 796.08, ((85.0,), (30.0,), (352.0,))),
        "allocate_transition_gainers": classic_call(
            module.allocate_transition, 1000.0, ((10.0,), (30.0,), (60.0,)), ((500.0,), (300.0,), (200.0,)), 0.1, "Gewinner"
        ),
        "allocate_transition_no_previous": classic_call(module.allocate_transition, 100.0, ((1.0,), (2.0,)), MISSING),
    }
    json.dump({"metadata": metadata, "vba": vba.getvalue(), "calls": calls, "dir": dir(module)}, sys.stdout)


if __name__ == "__main__":
    main()
