"""Bad workbooks, built from the sample by changing one thing: each gives the right German message at the right cell."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from openpyxl.workbook.defined_name import DefinedName

from xl_funcs.inputs import CellRef

from .workbooks import COUNT, KEYS, changed, parameter_cell, patch_member, problems_of, row_of, sheet_part

P = "Parameter"
Z = "Zuweisungen"
STUTTGART = row_of("08111")
BOEBLINGEN = row_of("08115")


def set_parameter(name, value):
    def change(workbook):
        workbook[P][parameter_cell(name)] = value

    return change


def set_cell(ref, value, sheet=Z):
    def change(workbook):
        workbook[sheet][ref] = value

    return change


def rename_name(old, new):
    def change(workbook):
        definition = workbook.defined_names.pop(old)
        workbook.defined_names[new] = DefinedName(new, attr_text=definition.attr_text)

    return change


def delete_name(name):
    def change(workbook):
        del workbook.defined_names[name]

    return change


def both(*changes):
    def change(workbook):
        for one in changes:
            one(workbook)

    return change


def rename_table(workbook):
    table = workbook[Z].tables["Kreise"]
    del workbook[Z].tables["Kreise"]
    table.displayName = table.name = "Kreise2"
    workbook[Z].add_table(table)


def drop_last_row(workbook):
    table = workbook[Z].tables["Kreise"]
    table.ref = table.ref.replace("48", "47")
    for cell in workbook[Z][48]:
        cell.value = None


def all_zero(workbook):
    for key in KEYS:
        for year in (2022, 2023, 2024):
            workbook[Z][f"{COUNT[year]}{row_of(key)}"] = 0


def empty_row(workbook):
    for cell in workbook[Z][BOEBLINGEN]:
        cell.value = None


# (id, change, expected place or None for file-level, fragment of the message)
CASES = [
    # parameters
    ("name fehlt", delete_name("Budget"), None, "Der Name „Budget“ (das zu verteilende Budget in Euro) fehlt"),
    ("name umbenannt", rename_name("Budget", "Budget_2025"), None, "ähnliche Namen: „Budget_2025“"),
    ("name kaputt", lambda wb: setattr(wb.defined_names["Methode"], "attr_text", "#REF!"), None, "verweist auf keine Zelle (=#REF!)"),
    ("name mehrere zellen", lambda wb: setattr(wb.defined_names["Einheit"], "attr_text", "Parameter!$B$7:$B$8"), f"{P}!B7:B8", "verweist auf mehrere Zellen"),
    ("budget 0", set_parameter("Budget", 0), f"{P}!B5", "Das Budget muss größer als 0 sein"),
    ("budget negativ", set_parameter("Budget", -5), f"{P}!B5", "Das Budget muss größer als 0 sein (eingetragen: -5)"),
    ("budget text", set_parameter("Budget", "58 Mio."), f"{P}!B5", "„58 Mio.“ ist keine Zahl"),
    ("budget cent", set_parameter("Budget", 58_000_000.5), f"{P}!B5", "kein ganzzahliges Vielfaches der Einheit 1 (bei der Einheit 1 € sind keine Cent möglich)"),
    ("budget leer", set_parameter("Budget", None), f"{P}!B5", "Die Zelle ist leer"),
    ("budget fehlerwert", set_parameter("Budget", "#DIV/0!"), f"{P}!B5", "Fehlerwert #DIV/0!"),
    ("methode unbekannt", set_parameter("Methode", "Zufall"), f"{P}!B6", "Unbekannte Methode 'Zufall'"),
    ("methode leer", set_parameter("Methode", None), f"{P}!B6", "Die Zelle ist leer"),
    ("einheit 0", set_parameter("Einheit", 0), f"{P}!B7", "Die Einheit muss größer als 0 sein"),
    ("haushaltsjahr unplausibel", set_parameter("Haushaltsjahr", 25), f"{P}!B4", "Die Jahreszahl 25 ist nicht plausibel"),
    ("bezugsjahre vertauscht", both(set_parameter("Bezugsjahr_von", 2024), set_parameter("Bezugsjahr_bis", 2022)), f"{P}!B9", "liegt vor dem ersten"),
    ("bezugsjahr ohne spalte", set_parameter("Bezugsjahr_bis", 2026), f"{Z}!A4:K4", "fehlt die Spalte „Zuweisungen 2026“"),
    ("stand kein datum", set_parameter("Stand", "gestern"), f"{P}!B10", "erwartet wird ein Datum (z. B. 31.03.2025)"),
    ("stand unmögliches datum", set_parameter("Stand", "31.02.2025"), f"{P}!B10", "kein gültiges Datum"),
    ("verlustbegrenzung 10 statt 10 %", set_parameter("Verlustbegrenzung", 10), f"{P}!B12", "größer als 1 (100 %)"),
    ("zwischensummen vielleicht", set_parameter("Zwischensummen", "vielleicht"), f"{P}!B13", "erwartet wird „ja“ oder „nein“"),
    ("sockelbetrag cent", set_parameter("Sockelbetrag", 0.5), f"{P}!B11", "kein ganzzahliges Vielfaches der Einheit 1"),
    # the table and its columns
    ("tabelle umbenannt", rename_table, None, "Die Tabelle „Kreise“ fehlt. Die Kreise müssen in einer Excel-Tabelle"),
    ("spalte umbenannt", set_cell("A4", "Schlüssel"), f"{Z}!A4:K4", "fehlt die Spalte „Kreisschlüssel“"),
    ("spalte doppelt", set_cell("I4", "Zuweisungen 2024"), f"{Z}!I4", "kommt in der Tabelle „Kreise“ doppelt vor"),
    ("zellen verbunden", lambda wb: wb[Z].merge_cells(f"B{STUTTGART}:C{STUTTGART}"), f"{Z}!B5:C5", "Verbundene Zellen B5:C5"),
    ("zeile ausgeblendet", lambda wb: setattr(wb[Z].row_dimensions[10], "hidden", True), f"{Z}!A10", "Zeile 10 der Tabelle „Kreise“ ist ausgeblendet"),
    ("werte unter der tabelle", set_cell("E49", 123), f"{Z}!E49", "Direkt unter der Tabelle „Kreise“ stehen Werte (Zeile 49)"),
    ("leere zeile", empty_row, f"{Z}!A{BOEBLINGEN}", f"Zeile {BOEBLINGEN} der Tabelle „Kreise“ ist leer"),
    # keys and names
    ("schlüssel als zahl", set_cell(f"A{STUTTGART}", 8111), f"{Z}!A5", "als Zahl 8111 eingetragen, die führende Null fehlt. Bitte als Text „08111“"),
    ("schlüssel mit leerzeichen", set_cell(f"A{STUTTGART}", " 08111"), f"{Z}!A5", "enthält Leerzeichen; richtig wäre „08111“"),
    ("schlüssel doppelt", set_cell(f"A{BOEBLINGEN}", "08111"), f"{Z}!A6", "08111 kommt in der Tabelle „Kreise“ doppelt vor (zuerst in Zeile 5)"),
    ("schlüssel unbekannt", set_cell(f"A{STUTTGART}", "08999"), f"{Z}!A5", "„08999“ ist kein Stadt- oder Landkreis in Baden-Württemberg"),
    ("schlüssel achtstellig", set_cell(f"A{STUTTGART}", "08111000"), f"{Z}!A5", "er hat fünf Ziffern"),
    ("schlüssel leer", set_cell(f"A{STUTTGART}", None), f"{Z}!A5", "jede Zeile braucht den fünfstelligen Kreisschlüssel"),
    ("kreis fehlt", drop_last_row, f"{Z}!A4:K47", "fehlt der Kreis 08437 Sigmaringen (Landkreis)"),
    ("namen vertauscht", both(set_cell(f"B{STUTTGART}", "Böblingen"), set_cell(f"B{BOEBLINGEN}", "Stuttgart")), f"{Z}!B5", "Zum Kreisschlüssel 08111 gehört „Stuttgart“ (Stadtkreis), in der Zeile steht „Böblingen“"),
    ("art falsch", set_cell(f"C{row_of('08121')}", "Landkreis"), f"{Z}!C{row_of('08121')}", "Zu 08121 Heilbronn gehört „Stadtkreis“, eingetragen ist „Landkreis“"),
    ("regierungsbezirk falsch", set_cell(f"D{STUTTGART}", "Karlsruhe"), f"{Z}!D5", "gehört „Stuttgart“, eingetragen ist „Karlsruhe“"),
    # counts
    ("anzahl ca", set_cell(f"G{STUTTGART}", "ca. 500"), f"{Z}!G5", "Zuweisungen 2023 für Stuttgart (Stadtkreis): „ca. 500“ ist keine Zahl"),
    ("anzahl 1.234", set_cell(f"G{STUTTGART}", "1.234"), f"{Z}!G5", "„1.234“ ist als Zahl mehrdeutig"),
    ("anzahl 1,234", set_cell(f"G{STUTTGART}", "1,234"), f"{Z}!G5", "„1,234“ ist als Zahl mehrdeutig"),
    ("anzahl negativ", set_cell(f"G{STUTTGART}", -3), f"{Z}!G5", "Die Anzahl ist negativ (-3)"),
    ("anzahl leer", set_cell(f"G{STUTTGART}", None), f"{Z}!G5", "Die Zelle ist leer; erwartet wird eine Anzahl"),
    ("anzahl gebrochen", set_cell(f"G{STUTTGART}", 500.5), f"{Z}!G5", "500,5 ist keine ganze Zahl"),
    ("anzahl div0", set_cell(f"G{STUTTGART}", "#DIV/0!"), f"{Z}!G5", "Fehlerwert #DIV/0!"),
    ("anzahl name", set_cell(f"G{STUTTGART}", "#NAME?"), f"{Z}!G5", "Fehlerwert #NAME?"),
    ("anzahl formel ohne ergebnis", set_cell(f"G{STUTTGART}", "=F5+1"), f"{Z}!G5", "Formel ohne gespeichertes Ergebnis (=F5+1)"),
    ("anzahl datum", set_cell(f"G{STUTTGART}", date(2023, 5, 1)), f"{Z}!G5", "ein Datum oder eine Uhrzeit (01.05.2023)"),
    ("anzahl datum mit zeit", set_cell(f"G{STUTTGART}", datetime(2023, 5, 1, 12, 30)), f"{Z}!G5", "(01.05.2023 12:30)"),
    ("anzahl zu groß", set_cell(f"G{STUTTGART}", 10**16), f"{Z}!G5", "mehr als 15 Stellen"),
    ("anzahl wahrheitswert", set_cell(f"G{STUTTGART}", True), f"{Z}!G5", "Wahrheitswert WAHR"),
    ("anzahl außerhalb bezugszeitraum", set_cell(f"E{STUTTGART}", "k. A."), f"{Z}!E5", "Zuweisungen 2021 für Stuttgart"),
    ("alle null", all_zero, f"{Z}!F5:H48", "Alle Zuweisungen im Bezugszeitraum 2022–2024 sind 0"),
    # amounts
    ("vorjahr text", set_cell(f"J{STUTTGART}", "offen"), f"{Z}!J5", "Mittel 2024 für Stuttgart (Stadtkreis): „offen“ ist keine Zahl"),
    ("vorjahr negativ", set_cell(f"J{STUTTGART}", -1), f"{Z}!J5", "Der Betrag ist negativ"),
    ("vorjahr leer", set_cell(f"J{STUTTGART}", None), f"{Z}!J5", "Die Zelle ist leer"),
    ("vorjahr bruchteil cent", set_cell(f"J{STUTTGART}", 12.345), f"{Z}!J5", "mehr als zwei Nachkommastellen"),
]


@pytest.mark.parametrize("change, place, fragment", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_bad_workbook_reports_the_problem_at_its_cell(tmp_path, change, place, fragment):
    problems = problems_of(changed(tmp_path, change))
    matching = [p for p in problems if fragment in p.message]
    assert matching, "\n".join(str(p) for p in problems)
    problem = matching[0]
    if place is None:
        assert problem.where is None
    else:
        sheet, cell = place.split("!")
        assert problem.where == CellRef(sheet, cell), str(problem)
        assert str(problem).startswith(place + ": ")
    assert problem.file is not None and problem.file.endswith("geaendert.xlsx")


def test_every_problem_is_listed_not_only_the_first(tmp_path):
    change = both(
        set_parameter("Budget", "viel"),
        set_parameter("Methode", "Zufall"),
        set_cell(f"A{STUTTGART}", 8111),
        set_cell(f"G{BOEBLINGEN}", "ca. 500"),
        set_cell(f"H{BOEBLINGEN}", -2),
        set_cell("E49", "Summe"),
    )
    problems = problems_of(changed(tmp_path, change))
    places = [str(p.where) for p in problems]
    assert places[:2] == ["Parameter!B5", "Parameter!B6"]
    for place in ("Zuweisungen!A5", "Zuweisungen!G6", "Zuweisungen!H6", "Zuweisungen!E49"):
        assert place in places
    # the key typed as a number is reported once, at its cell; the Kreis is there, so not also "missing"
    assert sum("08111" in p.message for p in problems) == 1
    assert not any("fehlt der Kreis" in p.message for p in problems)
    assert len(problems) == 6


def test_german_report_lists_each_problem_with_its_cell(tmp_path):
    from xl_funcs.inputs import InputProblems
    from xl_funcs.readers import read_workbook_file

    path = changed(tmp_path, both(set_cell(f"G{STUTTGART}", "ca. 500"), set_cell(f"G{BOEBLINGEN}", None)))
    with pytest.raises(InputProblems) as caught:
        read_workbook_file(path)
    report = caught.value.german_report()
    assert report.splitlines()[0] == "2 Probleme gefunden:"
    assert "- Zuweisungen!G5: Zuweisungen 2023 für Stuttgart (Stadtkreis): „ca. 500“ ist keine Zahl" in report
    assert "- Zuweisungen!G6: Zuweisungen 2023 für Böblingen (Landkreis): Die Zelle ist leer" in report


def _with_saved_result(tmp_path, cell: str, formula: str, result_xml: str):
    """A formula cell with a result saved next to it, as Excel saves it (openpyxl cannot write this)."""
    path = changed(tmp_path, set_cell(cell, "=" + formula))
    member = sheet_part(path, Z)
    pattern = re.compile(rf'<c r="{cell}"([^>]*)><f>{re.escape(formula)}</f><v\s*/>\s*</c>|<c r="{cell}"([^>]*)><f>{re.escape(formula)}</f><v></v></c>')

    def edit(text: str) -> str:
        new, count = pattern.subn(f'<c r="{cell}"{result_xml}', text)
        assert count == 1, text[text.find(f'r="{cell}"') - 50 : text.find(f'r="{cell}"') + 200]
        return new

    return patch_member(path, member, edit)


def test_formula_with_saved_result_is_read_like_a_value(tmp_path):
    from xl_funcs.readers import read_workbook_file
    from xl_funcs.sample.workbook import sample_inputs

    stuttgart_2023 = dict(sample_inputs().districts[0].counts)[2023]
    path = _with_saved_result(tmp_path, f"G{STUTTGART}", "2000+326", f"><f>2000+326</f><v>{stuttgart_2023}</v></c>")
    assert read_workbook_file(path) == sample_inputs()


def test_formula_with_saved_error_result_names_the_error(tmp_path):
    path = _with_saved_result(tmp_path, f"G{STUTTGART}", "F5/0", ' t="e"><f>F5/0</f><v>#DIV/0!</v></c>')
    problems = problems_of(path)
    assert [str(p.where) for p in problems] == ["Zuweisungen!G5"]
    assert "Fehlerwert #DIV/0!" in problems[0].message
