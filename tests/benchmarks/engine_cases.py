"""The engine against `apportionment`, `votelib` and the plain-Python textbook loop."""

from __future__ import annotations

import random
import statistics
import subprocess
import tempfile
import time
from fractions import Fraction
from pathlib import Path

from xl_funcs.engine import apportion

from .harness import Comparison, german, median_seconds

BUDGET = 58_000_000


def weights(n: int, seed: int = 2025) -> list[int]:
    generator = random.Random(seed)
    return [generator.randint(50, 60_000) for _ in range(n)]


def textbook_largest_remainder(budget: int, counts: list[int]) -> list[int]:
    """What a careful colleague would write: exact quotas, sort all remainders, hand out the rest."""
    total = sum(counts)
    quotas = [Fraction(budget * c, total) for c in counts]
    floors = [q.numerator // q.denominator for q in quotas]
    order = sorted(range(len(counts)), key=lambda i: (-(quotas[i] - floors[i]), i))
    for i in order[: budget - sum(floors)]:
        floors[i] += 1
    return floors


def _apportionment(method: str, counts: list[int], seats: int) -> list[int]:
    import apportionment.methods as package

    # parties= must be as long as the input, or the package fails beyond 52 rows.
    return list(package.compute(method, counts, seats, parties=[str(i) for i in range(len(counts))]))


def _votelib_largest_remainder(counts: list[int], seats: int) -> list[int]:
    from votelib.evaluate.proportional import LargestRemainder

    result = LargestRemainder("hare").evaluate({i: c for i, c in enumerate(counts)}, seats)
    return [result.get(i, 0) for i in range(len(counts))]


def command_line_against_engine(counts: list[int], amounts: list[int], rounds: int = 5) -> Comparison:
    """``mittelverteilung allocate`` on the same weights as a file, the whole process, against the engine alone.

    The command reads, converts, calls the same engine and writes one amount a line; the factor says
    which share of its time the engine is (0,5× and more: at most twice the engine's time). The two
    are timed in turns, round by round, so that a change of load on a shared machine hits both alike.
    """
    from .cli_cases import cli_command

    with tempfile.TemporaryDirectory(prefix="mittelverteilung-bench-") as scratch:
        weights_file = Path(scratch) / "gewichte.txt"
        weights_file.write_text("".join(f"{count}\n" for count in counts), encoding="utf-8")
        command = cli_command(weights_file)
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        apportion(BUDGET, counts)  # warm-up
        process, engine = [], []
        for _ in range(rounds):
            started = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
            process.append(time.perf_counter() - started)
            started = time.perf_counter()
            apportion(BUDGET, counts)
            engine.append(time.perf_counter() - started)
    multiple = statistics.median(process) / statistics.median(engine)
    return Comparison(
        f"mittelverteilung allocate, {_count(len(counts))} Gewichte (ganzer Prozess: Datei lesen, rechnen, ausgeben)",
        statistics.median(process),
        "die Engine allein auf denselben Gewichten (apportion im Prozess, im Wechsel gemessen)",
        statistics.median(engine),
        [int(line) for line in output.split()] == amounts,
        f"der Befehl braucht das {german(multiple, 2)}-Fache der Engine; Ziel: höchstens das 2-Fache",
    )


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def run(quick: bool = False) -> list[Comparison]:
    rows: list[Comparison] = []
    sizes = (44, 10_000) if quick else (44, 10_000, 1_000_000)
    for n in sizes:
        counts = weights(n)
        ours = list(apportion(BUDGET, counts).units)
        time_ours = median_seconds(lambda counts=counts: apportion(BUDGET, counts), repeat=51 if n < 1000 else 11)
        label = f"Hare-Niemeyer, {_count(n)} Gewichte"

        textbook = textbook_largest_remainder(BUDGET, counts)
        rows.append(
            Comparison(
                label,
                time_ours,
                "Lehrbuch-Schleife (Python, Fraction)",
                median_seconds(lambda counts=counts: textbook_largest_remainder(BUDGET, counts), repeat=5),
                textbook == ours,
            )
        )
        if n <= 10_000:
            theirs = _apportionment("largest_remainder", counts, BUDGET)
            rows.append(
                Comparison(
                    label,
                    time_ours,
                    "apportionment 1.0",
                    median_seconds(lambda counts=counts: _apportionment("largest_remainder", counts, BUDGET), repeat=5),
                    theirs == ours,
                )
            )
            theirs = _votelib_largest_remainder(counts, BUDGET)
            rows.append(
                Comparison(
                    label,
                    time_ours,
                    "votelib 0.4",
                    median_seconds(lambda counts=counts: _votelib_largest_remainder(counts, BUDGET), repeat=5),
                    theirs == ours,
                )
            )
        else:
            rows.append(Comparison(label, time_ours, "apportionment 1.0", None, None, "O(n²), nicht lauffähig"))
        if n == sizes[-1]:
            rows.append(command_line_against_engine(counts, ours, rounds=3 if quick else 7))

    tie_case = [1, 1, 1, 2]
    ours = list(apportion(2, tie_case).units)
    theirs = _apportionment("largest_remainder", tie_case, 2)
    rows.append(
        Comparison(
            "Gleichstand [1, 1, 1, 2], 2 Einheiten",
            median_seconds(lambda: apportion(2, tie_case), repeat=101),
            "apportionment 1.0",
            median_seconds(lambda: _apportionment("largest_remainder", tie_case, 2), repeat=101),
            theirs == ours,
            f"wir {ours}, apportionment {theirs}",
            known_difference=True,
        )
    )

    for method, label in (("sainte-lague", "Sainte-Laguë"), ("dhondt", "D'Hondt")):
        for n in (44, 10_000):
            counts = weights(n, seed=7)
            time_ours = median_seconds(
                lambda counts=counts, method=method: apportion(BUDGET, counts, method=method), repeat=11
            )
            rows.append(
                Comparison(
                    f"{label}, {_count(n)} Gewichte, 58 Mio. € als Sitze",
                    time_ours,
                    "apportionment 1.0 / votelib 0.4",
                    None,
                    None,
                    "Matrix Gewichte × Sitze bzw. Sitz für Sitz: nicht lauffähig",
                )
            )
    return rows
