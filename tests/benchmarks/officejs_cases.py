"""=ALLOCATE through xlwings' Office.js protocol, against the same function with xlwings' default converters.

In-process (``xlwings.server.custom_functions_call``, what xlwings Lite runs) in
a worker process of its own, then over HTTP against a live xlwings Server on
127.0.0.1, started with ``mittelverteilung serve`` like the Excel tests start
it, on a copy of ``workbook/server`` that also offers the DataFrame version.
"""

from __future__ import annotations

import http.client
import json
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from .harness import Comparison, Finding, format_seconds, median_seconds
from .officejs_calls import BUDGET, SIZES, call_body, weights

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
OURS = "allocate"
ORDINARY = "allocate_dataframe"
ORDINARY_LABEL = "gewöhnliche xlwings-Funktion (DataFrame-Konverter)"
CALL_PATH = "/xlwings/custom-functions-call"
JSON_HEADERS = {"Content-Type": "application/json"}


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def run(quick: bool = False) -> list[Comparison | Finding]:
    from xl_funcs.engine import apportion

    in_process = _in_process(quick)
    timings, same = in_process["timings"], in_process["same"]
    rows: list[Comparison | Finding] = []
    for n in SIZES:
        rows.append(
            Comparison(
                f"=ALLOCATE im Prozess (Office.js-Protokoll, wie xlwings Lite), {_count(n)} Gewichte",
                timings[OURS][str(n)],
                ORDINARY_LABEL,
                timings[ORDINARY][str(n)],
                same[f"{OURS}/{n}"] and same[f"{ORDINARY}/{n}"],
            )
        )

    with _live_server() as (host, port):
        # http.client with one kept-alive connection, as Excel keeps its connection:
        # the lightest Python client, so that the time is the server's, not the client library's.
        connection = http.client.HTTPConnection(host, port, timeout=120)
        try:
            for n in SIZES:
                counts = weights(n)
                expected = [[amount] for amount in apportion(BUDGET, counts).amounts]
                measured = {}
                answers = {}
                for name in (OURS, ORDINARY):
                    payload = json.dumps(call_body(name, counts)).encode()

                    def post(payload=payload):
                        connection.request("POST", CALL_PATH, body=payload, headers=JSON_HEADERS)
                        response = connection.getresponse()
                        content = response.read()
                        if response.status != 200:
                            raise RuntimeError(f"xlwings Server antwortet {response.status}: {content[:500]!r}")
                        return content

                    answers[name] = json.loads(post())["result"]
                    slow = name == ORDINARY and n > 1000
                    repeat = (3 if quick else 7) if slow else (21 if quick else 101)
                    measured[name] = median_seconds(post, repeat=repeat)
                extra = measured[OURS] - timings[OURS][str(n)]
                if n == SIZES[-1]:
                    rows.append(_server_encoding_finding(n, answers[OURS], extra))
                rows.append(
                    Comparison(
                        f"=ALLOCATE über HTTP (xlwings Server, 127.0.0.1), {_count(n)} Gewichte",
                        measured[OURS],
                        ORDINARY_LABEL + " über HTTP",
                        measured[ORDINARY],
                        answers[OURS] == expected and answers[ORDINARY] == expected,
                        f"HTTP kostet {format_seconds(extra)} mehr als im Prozess",
                    )
                )
        finally:
            connection.close()
    rows.extend(_profile_findings(in_process["profile"]))
    return rows


def _server_encoding_finding(n: int, result: list, extra: float) -> Finding:
    """How much of the HTTP surcharge is xlwings-server's FastAPI answer encoding, which checks every cell."""
    import json as json_module

    from fastapi.encoders import jsonable_encoder

    answer = {"result": result}
    encoder = median_seconds(lambda: jsonable_encoder(answer), repeat=11)
    plain = median_seconds(lambda: json_module.dumps(answer), repeat=11)
    return Finding(
        f"=ALLOCATE über HTTP, {_count(n)} Gewichte",
        f"von den {format_seconds(extra)} Aufschlag gegenüber dem Aufruf im Prozess braucht allein "
        f"FastAPIs jsonable_encoder {format_seconds(encoder)}, mit dem xlwings-server die Antwort "
        f"Zelle für Zelle prüft, bevor sie als JSON geschrieben wird (json.dumps allein: {format_seconds(plain)}); "
        "das liegt im Server-Paket, nicht in xl_funcs.",
    )


def _in_process(quick: bool) -> dict:
    from tests.live_server import licensed_environment

    done = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.officejs_worker", *(["--quick"] if quick else [])],
        capture_output=True,
        text=True,
        env=licensed_environment(),
        cwd=ROOT,
        timeout=900,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"Office.js-Messung fehlgeschlagen:\n{done.stderr}")
    return json.loads(done.stdout)


def _profile_findings(profile: dict) -> list[Finding]:
    share = profile["is_jsnull"] / profile["profiled_total"]
    case = f"gewöhnliche xlwings-Funktion, {_count(profile['size'])} Gewichte"
    return [
        Finding(
            case,
            f"cProfile: {format_seconds(profile['profiled_total'])} je Aufruf, davon "
            f"{format_seconds(profile['arguments'])} im Umwandeln der Argumente, "
            f"{format_seconds(profile['function'])} in der Funktion (DataFrame → Engine → DataFrame), "
            f"{format_seconds(profile['result'])} im Umwandeln des Ergebnisses. "
            f"{share * 100:.0f} % der Zeit stecken in xlwings.utils.is_jsnull, {_count(profile['is_jsnull_calls'])}-mal "
            "aufgerufen (einmal je Zelle), das jedes Mal `from pyodide.ffi import JsNull` versucht; "
            "außerhalb von Pyodide schlägt dieser Import jedes Mal fehl und durchsucht dabei sys.path.",
        ),
        Finding(
            case,
            f"ohne Profiler: {format_seconds(profile['with_import'])}; wenn der Import von pyodide sofort "
            f"scheitert (None in sys.modules), {format_seconds(profile['without_import'])} "
            f"(gleiches Ergebnis: {'ja' if profile['without_import_same'] else 'nein'}). "
            "=ALLOCATE nimmt alle Argumente mit dem Konverter „raw“ und liest sie in einer Schleife "
            "(xl_funcs.excel.arguments), so dass xlwings keine Zelle einzeln anfasst.",
        ),
        Finding(
            f"=ALLOCATE im Prozess, {_count(profile['ours_size'])} Gewichte",
            f"{format_seconds(profile['ours_with_import'])}, davon rund "
            f"{format_seconds(profile['ours_with_import'] - profile['ours_without_import'])} für denselben "
            "fehlschlagenden pyodide-Import, den xlwings (js_to_none) auch bei „raw“ einmal je Argument "
            "versucht, sechsmal je Aufruf; behebbar nur in xlwings (Ergebnis des Imports merken).",
        ),
    ]


@contextmanager
def _live_server():
    """``mittelverteilung serve`` on a free port (yields host, port), on a copy of workbook/server that also offers the DataFrame way."""
    import httpx

    from tests.live_server import free_port, licensed_environment

    with (
        tempfile.TemporaryDirectory(prefix="mittelverteilung-bench-") as scratch,
        open(Path(scratch) / "server.log", "w+", encoding="utf-8") as log,  # a file: a full pipe would stall the server
    ):
        project = Path(scratch) / "server"
        shutil.copytree(ROOT / "workbook" / "server", project)
        functions = project / "custom_functions" / "__init__.py"
        functions.write_text(
            functions.read_text(encoding="utf-8")
            + "from tests.benchmarks.ordinary_xlwings import allocate_dataframe  # noqa: E402,F401\n",
            encoding="utf-8",
        )
        port = free_port()
        command = [
            sys.executable, "-m", "xl_funcs.cli", "serve", "--host", HOST, "--port", str(port), "--project", str(project)
        ]
        process = subprocess.Popen(command, cwd=ROOT, env=licensed_environment(), stdout=log, stderr=subprocess.STDOUT)
        url = f"http://{HOST}:{port}"
        deadline = time.monotonic() + 60
        try:
            while True:
                if process.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"xlwings Server ist beim Start beendet worden:\n{log.read()}")
                try:
                    if httpx.get(f"{url}/xlwings/custom-functions-meta", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("xlwings Server hat nicht innerhalb von 60 s geantwortet")
                time.sleep(0.2)
            yield HOST, port
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
