"""The README's table "what each financing rule does to one invented Kreis", recomputed by the engine."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

from xl_funcs.engine import apportion
from xl_funcs.engine.notation import german_number
from xl_funcs.engine.transition import apportion_transition

DOC = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "## Was jede Finanzierung aus dem Betrag eines Kreises macht"
BUDGET = 10_000_000
PREVIOUS = [2_000_000, 3_000_000, 1_500_000, 2_500_000, 1_000_000]  # Kreis A to E
WEIGHTS = [860, 2900, 1800, 3100, 1340]
LOSS = Fraction(1, 10)


def _euro(value) -> str:
    return f"{german_number(value)} €"


def _table_rows() -> dict[str, list[str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split(SECTION)[1].split("\n## ")[0]
    rows = {}
    for line in section.splitlines():
        if line.startswith("| ") and not line.startswith("| Finanzierung") and not line.startswith("|---"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            rows[cells[0]] = cells[1:]
    return rows


def test_the_readme_table_is_what_the_engine_computes():
    rows = _table_rows()
    plain = apportion(BUDGET, WEIGHTS).units
    assert rows["ohne Verlustbegrenzung"][:3] == [_euro(plain[0]), _euro(plain[0]), "0 €"]
    assert plain[0] * 100 // PREVIOUS[0] == 43  # "−57 %"

    everyone = apportion_transition(BUDGET, WEIGHTS, PREVIOUS, max_loss=LOSS, financing="all")
    assert rows["alle (`alle`)"][:3] == [_euro(everyone.units[0]), _euro(everyone.units[0]), "0 €"]
    others = dict(zip("BCDE", everyone.units[1:]))
    for name, amount in others.items():
        assert f"{name} {_euro(amount)}" in rows["alle (`alle`)"][3]

    gainers = apportion_transition(BUDGET, WEIGHTS, PREVIOUS, max_loss=LOSS, financing="gainers")
    assert rows["nur die Gewinner (`Gewinner`)"][:3] == [_euro(gainers.units[0]), _euro(gainers.units[0]), "0 €"]
    assert gainers.gain_rate == Fraction(6, 100) and "einheitlich auf 6 %" in rows["nur die Gewinner (`Gewinner`)"][3]
    assert gainers.units[1] == plain[1] and f"bleibt bei {_euro(plain[1])}" in rows["nur die Gewinner (`Gewinner`)"][3]
    payers = [name for name, row in zip("ABCDE", gainers.rows) if row.units < row.without]
    assert payers == ["C", "D", "E"] and "C, D und E" in rows["nur die Gewinner (`Gewinner`)"][3]

    fund = apportion_transition(BUDGET, WEIGHTS, PREVIOUS, max_loss=LOSS, financing="fund")
    first = fund.rows[0]
    assert rows["Härtefonds (`Fonds`)"][:3] == [_euro(first.total), _euro(first.units), _euro(first.top_up)]
    assert f"({_euro(fund.fund_units)})" in rows["Härtefonds (`Fonds`)"][3]

    text = DOC.read_text(encoding="utf-8")
    assert re.search(r"bekäme er nur 860\.000 € \(−57 %\)", text)
