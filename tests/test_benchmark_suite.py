"""The benchmark suite (tests/benchmarks, not collected) still imports and runs: its cheapest case, quickly."""

from __future__ import annotations

import importlib

from tests.benchmarks import run


def test_every_case_module_imports_and_has_run():
    for name in run.CASES:
        module = importlib.import_module(f"tests.benchmarks.{name}_cases")
        assert callable(module.run), name


def test_cli_case_runs_quickly_and_finds_no_heavy_imports(capsys):
    assert run.main(["--quick", "cli"]) == 0
    output = capsys.readouterr().out
    rows = [line for line in output.splitlines() if line.startswith("| mittelverteilung allocate")]
    assert len(rows) == 2
    # The CLI's answer equals the engine's, and the import log of the real process shows no xlwings or pandas.
    assert rows[0].endswith("| ja (lädt keines von xlwings, pandas, numpy, openpyxl) |"), rows[0]
    assert "Rechner:" in output and "Kerne" in output


def test_unknown_case_is_a_usage_error(capsys):
    assert run.main(["--quick", "gibtsnicht"]) == 2
    assert "Unbekannter Fall: gibtsnicht" in capsys.readouterr().err

