"""Inside Pyodide: load main.py as xlwings Lite does, run the script and the function calls; the last expression is the answer.

Run by run_lite.mjs with /lite/request.json in Pyodide's file system. Like
tests/excel/lite_script_runner.py, but in the interpreter Lite really uses
(sys.platform "emscripten") and with xlwings from the pure-Python wheel.
"""

import contextlib
import importlib.util
import io
import json
import os
import sys

request = json.load(open("/lite/request.json", encoding="utf-8"))
os.environ["XLWINGS_ON_SERVER"] = "true"  # Lite's decorator flavour
os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"
sys.path[:0] = request["wheels"]

spec = importlib.util.spec_from_loader("main", loader=None)
main = importlib.util.module_from_spec(spec)
exec(open(request["main"], encoding="utf-8").read(), main.__dict__)
sys.modules["main"] = main

import xlwings as xw  # noqa: E402
import xlwings.server  # noqa: E402

answer = {
    "platform": sys.platform,
    "python": list(sys.version_info[:2]),
    "xlwings": xlwings.__file__,
    "scripts_meta": xlwings.server.custom_scripts_meta(main),
    "functions_meta": xlwings.server.custom_functions_meta(main),
}

book = xw.Book(json=request["book"])
printed = io.StringIO()
try:
    with contextlib.redirect_stdout(printed):
        book = await xlwings.server.custom_scripts_call(  # noqa: F704 - Pyodide runs this file with top-level await
            main, request.get("script") or "publish_official_table", typehint_to_value={xw.Book: book}
        )
    answer["actions"] = book.json()["actions"]
except xw.XlwingsError as error:
    answer["error"] = str(error)
answer["printed"] = printed.getvalue()

results = []
for body in request["calls"]:
    try:
        results.append({"result": await xlwings.server.custom_functions_call(body, main)})  # noqa: F704
    except Exception as error:  # noqa: BLE001 - reported to the test, which decides
        results.append({"error": str(error), "type": type(error).__name__})
answer["results"] = results
answer["compiled"] = sorted(
    name for name, module in sys.modules.items() if (getattr(module, "__file__", None) or "").endswith(".so")
)
json.dumps(answer, default=str)
