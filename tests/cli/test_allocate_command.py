"""``mittelverteilung allocate`` run as a real process, as a script or a person would."""

from __future__ import annotations

import subprocess
import sys

import pytest


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "xl_funcs.cli", "allocate", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_amounts_one_per_line_in_input_order():
    done = run("--budget", "58000000", stdin="1234\n567\n8901\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["6687722", "3072884", "48239394"]
    assert done.stderr == ""


def test_weights_from_a_file_with_divisor_method(tmp_path):
    path = tmp_path / "stimmen.txt"
    path.write_text("1305954\n903151\n650114\n532193\n319024\n", encoding="utf-8")
    done = run(str(path), "--budget", "18", "--method", "dhondt")
    assert done.stdout.split() == ["7", "5", "3", "2", "1"]


def test_cents_as_decimals_without_thousands_separators():
    done = run("--budget", "1000000.01", "--unit", "0.01", stdin="1\n2\n")
    assert done.stdout.splitlines() == ["333333.34", "666666.67"]


def test_bounds_base_and_ties_report():
    done = run("--budget", "2", "--ties", stdin="1\n1\n1\n2\n")
    assert done.stdout.split() == ["1", "0", "0", "1"]
    assert "Gleichstand zwischen Zeilen 1, 2, 3" in done.stderr
    done = run("--budget", "100", "--upper", "20", stdin="1\n1\n1\n1\n1\n")
    assert done.stdout.split() == ["20"] * 5
    done = run("--budget", "100", "--base", "10", stdin="1\n0\n")
    assert done.stdout.split() == ["90", "10"]


@pytest.mark.parametrize(
    "args, stdin, message",
    [
        (("--budget", "100"), "1\n-2\n", "Zeile 2 ist negativ"),
        (("--budget", "100"), "1\nviele\n", "Zeile 2 ist ungültig"),
        (("--budget", "100"), "1\n\n3\n", "Zeile 2 ist leer"),
        (("--budget", "100"), "0\n0\n", "Alle Gewichte sind null"),
        (("--budget", "100.5"), "1\n", "kein ganzzahliges Vielfaches der Einheit 1"),
        (("--budget", "1.234"), "1\n", "mehrdeutig"),
        (("--budget", "100", "--method", "zufall"), "1\n", "Unbekannte Methode"),
        (("--budget", "100", "--lower", "60"), "1\n1\n", "Untergrenzen ergeben zusammen mehr"),
        (("--budget", "100", "nicht-da.txt"), "", "kann nicht gelesen werden"),
    ],
)
def test_bad_input_prints_german_error_and_nothing_on_stdout(args, stdin, message):
    done = run(*args, stdin=stdin)
    assert done.returncode == 1
    assert done.stdout == ""
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_budget_is_a_usage_error_in_german():
    done = run(stdin="1\n")
    assert done.returncode == 2
    assert "diese Angaben fehlen: --budget" in done.stderr


def test_allocate_loads_neither_xlwings_nor_pandas():
    code = (
        "import sys, io; sys.stdin = io.StringIO('1\\n2\\n'); from xl_funcs.cli import main; "
        "main(['allocate', '--budget', '3']); "
        "print(sorted(m for m in ('xlwings', 'pandas', 'openpyxl') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.splitlines()[-1] == "[]"


def test_bound_rule_quota_reproduces_the_us_house_of_1882(tmp_path):
    from ..engine.test_published_results import US_1880_POPULATION, US_1882_SEATS

    weights = tmp_path / "1880.txt"
    weights.write_text("".join(f"{value}\n" for value in US_1880_POPULATION.values()), encoding="utf-8")
    done = run(str(weights), "--budget", "325", "--lower", "1", "--bound-rule", "quota")
    assert done.returncode == 0, done.stderr
    assert dict(zip(US_1880_POPULATION, map(int, done.stdout.split()))) == US_1882_SEATS
    default = run(str(weights), "--budget", "325", "--lower", "1")
    assert dict(zip(US_1880_POPULATION, map(int, default.stdout.split()))) != US_1882_SEATS


def test_transition_options(tmp_path):
    weights = tmp_path / "gewichte.txt"
    weights.write_text("10\n30\n60\n", encoding="utf-8")
    previous = tmp_path / "vorjahr.txt"
    previous.write_text("500\n300\n200\n", encoding="utf-8")
    expected = {"all": [450, 270, 280], "gainers": [450, 300, 250], "fund": [450, 300, 600]}
    for financing, amounts in expected.items():
        done = run(str(weights), "--budget", "1000", "--previous", str(previous), "--max-loss", "0.1",
                   "--financing", financing)
        assert done.returncode == 0, done.stderr
        assert [int(v) for v in done.stdout.split()] == amounts
        assert "bewegt: 350" in done.stderr
    assert "Härtefonds außerhalb des Budgets: 350" in done.stderr
    done = run(str(weights), "--budget", "1000", "--previous", str(previous), "--phase-in", "1")
    assert done.stdout.split() == ["500", "300", "200"]
    done = run(str(weights), "--budget", "1000", "--max-gain", "0.1")
    assert done.returncode == 1 and "fehlen die Beträge des Vorjahres" in done.stderr


def test_lot_with_the_same_seed_is_the_same_draw():
    outputs = {}
    for seed in ("15.01.2025 Nr. 1", "15.01.2025 Nr. 2", "15.01.2025 Nr. 3", "15.01.2025 Nr. 4"):
        done = run("--budget", "2", "--tie-rule", "lot", "--seed", seed, "--ties", stdin="1\n1\n1\n1\n1\n")
        assert done.returncode == 0, done.stderr
        assert f"Losnummer „{seed}“" in done.stderr
        again = run("--budget", "2", "--tie-rule", "lot", "--seed", seed, stdin="1\n1\n1\n1\n1\n")
        assert again.stdout == done.stdout  # same seed, same amounts
        outputs[seed] = done.stdout
    assert len(set(outputs.values())) > 1  # another seed, possibly other amounts
