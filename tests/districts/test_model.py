"""The Kreis workbook model: the Berechnungsnachweis retraced independently, names, Vorgangsnummer, Prüfwert rules."""

from __future__ import annotations

import re

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from xl_funcs.calculation import calculate
from xl_funcs.districts.dispatch import dispatch_table
from xl_funcs.districts.fingerprint import canonical, changes, sheet_digest
from xl_funcs.districts.identity import ascii_name, issue_number, parse_issue_number, workbook_file_name
from xl_funcs.districts.model import district_workbook, district_workbooks, proof_lines
from xl_funcs.engine import Method
from xl_funcs.engine.exact import decimal_of
from xl_funcs.engine.notation import german_number
from xl_funcs.table.model import RowRole

from ..table.inputs_factory import make_inputs


def euro(value: Fraction) -> str:
    return german_number(decimal_of(Fraction(value))) + " €"


def number(value: Fraction) -> str:
    return german_number(decimal_of(Fraction(value)))


def lines_of(calculation, index: int) -> dict[str, str]:
    return dict(proof_lines(calculation, index))


def test_the_proof_retraces_every_amount_of_the_sample(calculation, inputs):
    """Quota = budget × own reference ÷ sum of references, floor, rank: recomputed here from the counts."""
    years = inputs.parameters.reference_years
    references = [Fraction(sum(d.count(y) for y in years), len(years)) for d in inputs.districts]
    total = sum(references)
    budget = Fraction(58_000_000)
    quotas = [budget * r / total for r in references]
    floors = [q.numerator // q.denominator for q in quotas]
    left = 58_000_000 - sum(floors)
    ranked = sorted(range(44), key=lambda i: (-(quotas[i] - floors[i]), i))
    for index, result in enumerate(calculation.rows):
        lines = lines_of(calculation, index)
        formula = f"Quote = 58.000.000 € × {number(references[index])} ÷ {number(total)} (exakt)"
        assert lines[formula] == euro(quotas[index]), result.district.key
        assert lines["Quote abgerundet auf volle Euro"] == euro(floors[index])
        assert lines["Rest nach dem Komma"] == euro(quotas[index] - floors[index])
        rank = ranked.index(index) + 1
        assert lines["Rang Ihres Restes (1 = größter Rest)"] == f"{rank} von 44"
        assert lines["Nach dem Abrunden aller Quoten noch zu verteilen"].startswith(
            f"{left} €: je 1 € an die {left} Kreise"
        )
        extra = rank <= left
        assert lines["Zusätzlich 1 € für Ihren Kreis"] == ("ja" if extra else "nein")
        assert result.amount == floors[index] + extra
        assert lines["Ergebnis: Mittel 2025"] == euro(result.amount)
        assert lines["In Worten"].startswith(
            f"{result.district.label}: {german_number(result.amount)} € (Hare-Niemeyer)."
        )


def test_the_kreis_sheet_shows_own_counts_reference_and_change(calculation):
    workbook = district_workbook(calculation, 6)  # Heilbronn (Stadtkreis)
    table = workbook.document.sheets[0]
    values = {row.cells[0]: row.cells[1] for row in table.rows if row.role is RowRole.DATA}
    plain = {label: getattr(value, "value", value) for label, value in values.items()}
    district = workbook.result.district
    assert table.sheet_name == "Kreis 08121" and plain["Kreisschlüssel"] == "08121"
    assert plain["Zuweisungen 2021"] == district.count(2021)
    assert plain["Zuweisungen 2023 (Bezugsjahr)"] == district.count(2023)
    counts = [district.count(y) for y in (2022, 2023, 2024)]
    assert plain["Bezugsgröße (Mittelwert 2022–2024)"] == Fraction(sum(counts), 3)
    assert plain["Bezugsgröße gerechnet"].startswith(f"({counts[0]} + {counts[1]} + {counts[2]}) ÷ 3 = ")
    assert plain["Mittel 2025"] == workbook.result.amount
    assert plain["Mittel 2024"] == int(district.previous_amount)
    assert plain["Veränderung gegenüber 2024 in €"] == workbook.result.amount - int(district.previous_amount)
    assert table.warnings and "BEISPIELDATEN" in table.warnings[0]
    assert [s.sheet_name for s in workbook.document.sheets] == ["Kreis 08121", "Rückmeldung", "Mittelverteilung 2025"]
    assert [f.name for f in workbook.fields] == [
        "bestaetigung", "ansprechperson", "email", "telefon", "bemerkungen",
        "zuweisungen_2021", "zuweisungen_2022", "zuweisungen_2023", "zuweisungen_2024", "zuweisungen_2025",
    ]  # fmt: skip


def test_a_bound_is_named_and_the_others_quota_is_on_what_is_left():
    calculation = calculate(make_inputs(loss_cap=Decimal("0.4")))
    bounded = [i for i, r in enumerate(calculation.rows) if r.explanation.bound == "lower"]
    assert bounded, "the test needs a Kreis at its lower bound"
    for index in bounded:
        lines = lines_of(calculation, index)
        assert lines["Grenze"].startswith("Untergrenze")
        previous = calculation.rows[index].district.previous_amount
        assert lines["Ihre Untergrenze"] == euro(Fraction(previous) * Fraction(60, 100))
        assert lines["Ergebnis: Mittel 2025"] == euro(calculation.rows[index].amount)
    free = next(i for i, r in enumerate(calculation.rows) if r.explanation.bound is None)
    lines = lines_of(calculation, free)
    pool = lines["Nach dem Verfahren verteilter Betrag (ohne Kreise an einer Grenze)"]
    assert any(label.startswith(f"Quote = {pool} × ") for label in lines)  # the formula matched the engine's quota


def test_a_divisor_method_shows_divisor_and_rounding():
    calculation = calculate(make_inputs(method=Method.SAINTE_LAGUE))
    for index in (0, 20, 43):
        lines = lines_of(calculation, index)
        assert "Divisor" in lines
        rounded = lines["Anzahl dieser Beträge nach Rundung (kaufmännisch gerundet)"]
        assert rounded == german_number(calculation.rows[index].amount)


def test_a_tie_that_decided_is_told_with_the_names():
    base = make_inputs()
    twins = list(base.districts)
    twins[5] = type(twins[5])(**{**twins[5].__dict__, "counts": twins[4].counts})  # Rems-Murr like Ludwigsburg
    inputs = type(base)(parameters=base.parameters, districts=tuple(twins))
    for extra in range(200):
        candidate = type(base)(
            parameters=type(base.parameters)(**{**base.parameters.__dict__, "budget": Decimal(58_000_000 + extra)}),
            districts=inputs.districts,
        )
        calculation = calculate(candidate)
        if calculation.allocation.ties:
            break
    else:
        pytest.fail("no budget gave a tie")
    tie = calculation.allocation.ties[0]
    for index in tie.rows:
        lines = lines_of(calculation, index)
        assert (
            "Ludwigsburg (Landkreis)" in lines["Gleichstand"] and "Rems-Murr-Kreis (Landkreis)" in lines["Gleichstand"]
        )
        assert "Gleichstand mit" in lines["In Worten"] and not re.search(r"Zeilen? \d", lines["In Worten"])
        # the rule is the one the parameters chose (Kreisschlüssel), not "the earlier row"
        assert "der kleinere Kreisschlüssel vorgeht" in lines["In Worten"]


def test_file_names_are_ascii_and_keep_the_two_heilbronn_apart():
    assert ascii_name("Schwäbisch Hall") == "Schwaebisch_Hall"
    assert ascii_name("Lörrach") == "Loerrach" and ascii_name("Tübingen") == "Tuebingen"
    assert ascii_name("Freiburg im Breisgau") == "Freiburg_im_Breisgau"
    assert workbook_file_name("08121", "Heilbronn", "Stadtkreis") == "08121_Heilbronn_Stadtkreis.xlsx"
    assert workbook_file_name("08125", "Heilbronn", "Landkreis") == "08125_Heilbronn_Landkreis.xlsx"


def test_vorgangsnummer_is_stable_per_inputs_and_kreis():
    first = issue_number("a" * 64, 2025, "08121")
    assert first == issue_number("a" * 64, 2025, "08121")
    assert first != issue_number("b" * 64, 2025, "08121") != issue_number("a" * 64, 2025, "08125")
    parsed = parse_issue_number(first)
    assert (parsed.year, parsed.key, parsed.text) == (2025, "08121", first)
    assert parse_issue_number("MV2025-8121-ABCDEF12") is None and parse_issue_number(12345) is None


def test_the_sheet_and_the_files_of_share_agree(calculation):
    workbooks = district_workbooks(calculation)
    table = dispatch_table(calculation)
    assert table.values("file") == tuple(w.file_name for w in workbooks)
    assert table.values("issue") == tuple(w.issue_number for w in workbooks)
    assert table.values("amount", RowRole.TOTAL) == (58_000_000,)


def test_canonical_values_survive_libreoffice_and_catch_real_changes():
    # LibreOffice writes 15 significant digits, rounding the shortest form half up (observed):
    assert canonical(0.04677282646780285) == canonical(0.0467728264678029)
    assert canonical(0.2304949321739655) == canonical(0.230494932173966)
    assert canonical(0.0467728264678) != canonical(0.0467728264679)
    assert canonical(692012) == canonical(692012.0) != canonical(692013)
    assert canonical(date(2025, 3, 31)) == canonical(datetime(2025, 3, 31))
    assert canonical("a\r\nb") == canonical("a\nb") != canonical("a b")
    assert canonical("") is None and canonical(None) is None
    assert canonical("08121") != canonical(8121)
    issued = {"A1": canonical("x"), "B2": canonical(1)}
    assert sheet_digest(issued) == sheet_digest(dict(reversed(issued.items())))
    found = changes(issued, {"A1": canonical("x"), "B2": canonical(2), "C3": canonical("neu")})
    assert [(c.coordinate, c.issued, c.now) for c in found] == [("B2", "n:1", "n:2"), ("C3", None, "s:neu")]
