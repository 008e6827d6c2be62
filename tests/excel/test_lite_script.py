"""xlwings Lite gets the one-click script too: workbook/lite/main.py runs "Amtliche Tabelle erzeugen" like the package.

Lite calls ``xlwings.server.custom_scripts_call(main, name, typehint_to_value={xw.Book: book})``
inside Pyodide with the Book built from its Office.js client's workbook JSON. Here the
same call runs in a fresh CPython process, once for the installed package and once for
main.py loaded as Lite loads it (no files behind the modules, data only from main.py),
and then in Pyodide itself (Node.js, tests/excel/pyodide) with xlwings from the
pure-Python wheel that requirements.txt names.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest
import xlwings

from xl_funcs.excel import lite_bundle
from xl_funcs.readers import bundled_workbook_path
from xl_funcs.table import templates

from ..readers.officejs_payload import book_json
from ..readers.workbooks import COUNT, changed, parameter_cell, row_of
from .cases import CALLS, body
from .conftest import HERE, LITE_MAIN, ROOT, licensed_environment

RUNNER = HERE / "lite_script_runner.py"
PYODIDE = HERE / "pyodide"  # package.json pins Pyodide; .ci/setup installs it and downloads the wheels
REQUIREMENTS = LITE_MAIN.parent / "requirements.txt"


def run_script(payload: dict, *target: str) -> dict:
    done = subprocess.run(
        [sys.executable, str(RUNNER), *target],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        env=licensed_environment(),
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def run_in_lite(code: str) -> subprocess.CompletedProcess:
    """Python code run after main.py was loaded as Lite loads it (decorators as in Lite)."""
    program = f"import sys\nsys.path.insert(0, {str(HERE)!r})\nfrom officejs_runner import load_lite\n"
    program += f"load_lite({str(LITE_MAIN)!r})\n" + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=licensed_environment(), cwd=ROOT, timeout=300
    )


@pytest.fixture(scope="module")
def payload():
    return book_json(bundled_workbook_path())


@pytest.fixture(scope="module")
def lite(payload):
    return run_script(payload, "lite", str(LITE_MAIN))


@pytest.fixture(scope="module")
def package(payload):
    return run_script(payload, "package")


@pytest.fixture(scope="module")
def bad_payload(tmp_path_factory):
    def change(workbook):
        workbook["Parameter"][parameter_cell("Budget")] = "viel Geld"
        workbook["Zuweisungen"][f"{COUNT[2023]}{row_of('08437')}"] = -5

    return book_json(changed(tmp_path_factory.mktemp("lite"), change))


def test_lite_registers_the_publish_script_like_the_package(lite, package):
    assert lite["meta"] == package["meta"]
    (meta,) = [script for script in lite["meta"] if script["function_name"] == "publish_official_table"]
    assert meta["name"] == "Amtliche Tabelle erzeugen"
    # A plain xw.Book, not BookAsync: Lite hands over the whole workbook with its values,
    # so the script needs no `await book.load()`.
    assert meta["lazy"] is False and meta["include"] is None and meta["exclude"] is None


def test_lite_draws_the_same_official_table_as_the_package(lite, package):
    assert "error" not in lite, lite.get("error")
    assert lite["actions"] == package["actions"]
    added = [action["args"][1] for action in lite["actions"] if action["func"] == "addSheet"]
    assert added == ["Mittelverteilung 2025", "Berechnungsgrundlagen", "Grafiken", "Kreiskarte"]
    written = {value for action in lite["actions"] if action["func"] == "setValues" for row in action["values"] for value in row}
    assert "Vorläufige Mittelverteilung Integrationsmanagement 2025" in written  # title from templates/
    assert {"Tübingen", "08416", 58_000_000} <= written  # a Kreis from data/kreise.csv, the budget in total


def test_lite_runs_only_bundled_code(lite):
    origins = lite["origins"]
    assert {"xl_funcs.excel.scripts", "xl_funcs.readers.xlwings_reader", "xl_funcs.render.book", "xl_funcs.kreise"} <= set(origins)
    assert all(origin.startswith("main.py:") for origin in origins.values()), origins
    assert "xl_funcs.readers.file_reader" not in origins and "xl_funcs.render.xlsx" not in origins


def test_lite_refuses_bad_input_with_the_same_german_report(bad_payload):
    lite = run_script(bad_payload, "lite", str(LITE_MAIN))
    package = run_script(bad_payload, "package")
    assert "actions" not in lite  # nothing reaches Excel
    assert lite["error"] == package["error"]
    assert lite["error"].startswith("Die Tabelle wurde nicht erzeugt. 2 Probleme gefunden:")
    assert "Parameter!B5" in lite["error"] and f"Zuweisungen!{COUNT[2023]}{row_of('08437')}" in lite["error"]
    assert lite["printed"].strip() == lite["error"]  # Lite's output pane


def test_requirements_name_only_pure_python_packages(lite):
    lines = (LITE_MAIN.parent / "requirements.txt").read_text(encoding="utf-8").splitlines()
    # xlwings publishes xlwings-<version>-py3-none-any.whl on PyPI, which Pyodide installs; the file
    # reader's openpyxl, defusedxml and python-calamine (compiled) stay out.
    assert lines == [f"xlwings=={xlwings.__version__}"]
    # The compiled part of the xlwings build installed here (xlwingslib, for reading files) is not
    # in that wheel: the Lite run must not have needed it, nor any other compiled module.
    assert lite["extensions"] == {}


def test_package_data_reaches_lite_through_importlib_resources():
    done = run_in_lite(
        """
        import json
        from importlib import resources
        root = resources.files("xl_funcs")
        print(json.dumps({
            "top": sorted(item.name for item in root.iterdir()),
            "data": sorted(item.name for item in (root / "data").iterdir()),
            "kreise": root.joinpath("data/kreise.csv").read_bytes().decode("utf-8"),
            "templates": {item.name: item.read_text(encoding="utf-8") for item in root.joinpath("templates").iterdir()},
            "is_dir": [(root / "data").is_dir(), (root / "data" / "kreise.csv").is_file(), (root / "fehlt").is_file()],
        }))
        """
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["top"] == ["data", "templates"] and seen["data"] == ["kreis_kacheln.csv", "kreise.csv"]
    assert seen["kreise"] == (ROOT / "xl_funcs" / "data" / "kreise.csv").read_text(encoding="utf-8")
    assert seen["templates"] == {name: (ROOT / "templates" / name).read_text(encoding="utf-8") for name in templates.TEMPLATE_FILES}
    assert seen["is_dir"] == [True, True, False]


def test_a_left_out_module_fails_with_its_reason_instead_of_a_stray_copy():
    done = run_in_lite(
        """
        from xl_funcs.readers import read_workbook_file
        read_workbook_file("Mittelverteilung.xlsx")
        """
    )
    assert done.returncode == 1
    assert "ModuleNotFoundError: xl_funcs.readers.file_reader ist nicht in main.py enthalten" in done.stderr
    assert lite_bundle.LEFT_OUT["xl_funcs.readers.file_reader"] in done.stderr


def test_a_left_out_module_imported_at_load_is_refused(tmp_path, monkeypatch):
    source = tmp_path / "uses_files.py"
    source.write_text("from .file_reader import snapshot_of_file\n", encoding="utf-8")
    fake = lite_bundle.BundledModule("xl_funcs.readers.uses_files", source, False)
    real_module = lite_bundle._module
    monkeypatch.setattr(lite_bundle, "_module", lambda name: fake if name == fake.name else real_module(name))
    with pytest.raises(LookupError, match="importiert xl_funcs.readers.file_reader beim Laden"):
        lite_bundle.bundled_modules((fake.name,))
    source.write_text("def read(path):\n    from .file_reader import snapshot_of_file\n", encoding="utf-8")
    names = {module.name for module in lite_bundle.bundled_modules((fake.name,))}
    assert fake.name in names and "xl_funcs.readers.file_reader" not in names


def requirement_lines() -> list[str]:
    return REQUIREMENTS.read_text(encoding="utf-8").splitlines()


def pure_wheel(requirement: str):
    """The py3-none-any wheel .ci/setup downloaded from PyPI for one line of requirements.txt, or None."""
    name, _, version = requirement.partition("==")
    found = sorted((PYODIDE / "wheels").glob(f"{name.replace('-', '_')}-{version or '*'}-py3-none-any.whl"))
    return found[-1] if found else None


@pytest.fixture(scope="module")
def node():
    """Node.js with Pyodide, and the wheels of requirements.txt, as .ci/setup installs them."""
    node = shutil.which("node")
    if node is None or not (PYODIDE / "node_modules" / "pyodide").is_dir() or not (PYODIDE / "wheels").is_dir():
        message = "Node.js, Pyodide (npm) or the wheels of workbook/lite/requirements.txt are missing: run bash .ci/setup"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return node


@pytest.fixture(scope="module")
def pyodide(node, payload):
    request = {"main": str(LITE_MAIN), "wheels": [str(pure_wheel(line)) for line in requirement_lines()]}
    request.update(book=payload, calls=[body(call) for call in CALLS])
    done = subprocess.run(
        [node, str(PYODIDE / "run_lite.mjs")], input=json.dumps(request), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_requirement_has_a_pure_python_wheel_on_pypi(node):
    # .ci/setup asks PyPI for exactly these lines, and for py3-none-any wheels only
    # (pip download --platform any --abi none), which is what Pyodide installs from PyPI.
    for line in requirement_lines():
        assert pure_wheel(line) is not None, f"{line}: no pure-Python wheel downloaded (run bash .ci/setup again?)"


def test_pyodide_runs_the_script_like_the_package(pyodide, package):
    assert pyodide["platform"] == "emscripten"
    assert pyodide["xlwings"].startswith("/lite/wheels/xlwings-")  # imported from the pure-Python wheel
    assert pyodide["scripts_meta"] == package["meta"]
    assert "error" not in pyodide, pyodide.get("error")
    assert pyodide["actions"] == package["actions"]


def test_pyodide_answers_the_function_calls_like_the_package(pyodide, package_run):
    assert pyodide["functions_meta"] == package_run["meta"]
    assert pyodide["results"] == package_run["results"]
