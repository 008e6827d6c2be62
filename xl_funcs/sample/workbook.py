"""Builds the sample ministry workbook ``workbook/Mittelverteilung.xlsx``, the same bytes every time.

The counts are FICTITIOUS: the real Zuweisungen per Kreis are not public. They
are invented, roughly proportional to each Kreis's population (rounded public
figures), with visibly fewer for Kreise hosting a state first-reception centre
(those Kreise get fewer refugees assigned), and a small fixed variation per
year. ``Mittel 2024`` is invented in the style of the old scheme (a flat rate
per person, rounded per Kreis, so the total is not a round sum);
``Mittel 2025`` is what the engine computes for 2025 from these inputs, so
that a 2026 calculation shows the change against last year.

Run ``python -m xl_funcs.sample.workbook`` to rebuild the file, or with
``--check`` to check that the committed file is up to date.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import zipfile
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from .. import engine
from ..calculation import calculate
from ..engine import Method
from ..inputs import CellRef, District, Inputs, Instalment, Parameters
from ..kreise import all_kreise
from ..readers import contract as c
from ..readers.snapshot import cell_name, column_letters

OUTPUT = Path(__file__).resolve().parents[2] / "workbook" / "Mittelverteilung.xlsx"

YEAR = 2025
BUDGET = 58_000_000
REFERENCE_YEARS = (2022, 2023, 2024)
STAND = date(2025, 3, 31)
# By when the Kreise answer (the sender is ISSUER, DEPARTMENT and CONTACT below): invented, as all here.
REPLY_DEADLINE = date(2025, 4, 30)
COUNT_YEARS = (2021, 2022, 2023, 2024, 2025)
# The notice on the Hinweise sheet. The outputs say it themselves once (Beispieldaten = ja); the Datenquelle,
# printed as a footnote beside that notice, names where the numbers come from without repeating it.
SAMPLE_NOTICE = (
    "Fiktive Beispieldaten: Die Zuweisungszahlen sind frei erfunden (grob bevölkerungsproportional) "
    "und keine amtlichen Zahlen."
)
SOURCE_NOTE = "Beispielmappe, Zahlen erzeugt vom Programm mittelverteilung (xl_funcs/sample/workbook.py)"
# Invented on purpose, and recognisably so: no real office, no person, an address that cannot exist (.invalid).
ISSUER = "Beispielministerium für Integration (erfundener Herausgeber)"
DEPARTMENT = "Referat 00 – Beispielreferat (erfunden)"
CONTACT = "mittelverteilung@beispiel.invalid"

# Rounded population in thousands (public figures, about 2023); only the proportions matter.
POPULATION = {
    "08111": 633, "08115": 397, "08116": 538, "08117": 260, "08118": 548, "08119": 430,
    "08121": 128, "08125": 350, "08126": 114, "08127": 198, "08128": 133, "08135": 133,
    "08136": 316, "08211": 56, "08212": 308, "08215": 447, "08216": 233, "08221": 162,
    "08222": 316, "08225": 145, "08226": 552, "08231": 128, "08235": 161, "08236": 202,
    "08237": 120, "08311": 237, "08315": 267, "08316": 169, "08317": 436, "08325": 142,
    "08326": 214, "08327": 143, "08335": 291, "08336": 231, "08337": 173, "08415": 290,
    "08416": 230, "08417": 191, "08421": 128, "08425": 200, "08426": 204, "08435": 219,
    "08436": 289, "08437": 131,
}  # fmt: skip

# Kreise hosting a state first-reception centre (Karlsruhe, Heidelberg, Mannheim, Freiburg,
# Ellwangen in the Ostalbkreis, Sigmaringen) are assigned fewer refugees: here 35 %.
FIRST_RECEPTION_HOSTS = frozenset({"08212", "08221", "08222", "08311", "08136", "08437"})
FIRST_RECEPTION_FACTOR = Fraction(35, 100)

# Invented totals of refugees assigned from first reception to the Kreise, per year.
YEAR_TOTALS = {2021: 12_480, 2022: 27_950, 2023: 39_600, 2024: 24_300, 2025: 14_900}

# The old scheme (until 2024): a flat rate per person in follow-up accommodation.
OLD_RATE = Decimal("796.08")
OLD_PERSONS_TOTAL = 72_800


def _variation(key: str, label: str) -> Fraction:
    """A fixed pseudo-random factor between 0.94 and 1.06, the same on every build."""
    digest = hashlib.sha256(f"{key}/{label}".encode()).digest()
    return 1 + Fraction(digest[0] % 13 - 6, 100)


def _shares_by(weight) -> dict[str, Fraction]:
    weights = {k.key: weight(k) for k in all_kreise()}
    total = sum(weights.values())
    return {key: Fraction(value) / total for key, value in weights.items()}


def invented_counts() -> dict[str, dict[int, int]]:
    """Zuweisungen per Kreis and year (fictitious)."""
    shares = _shares_by(
        lambda k: POPULATION[k.key] * (FIRST_RECEPTION_FACTOR if k.key in FIRST_RECEPTION_HOSTS else 1)
    )
    counts: dict[str, dict[int, int]] = {}
    for kreis in all_kreise():
        counts[kreis.key] = {}
        for year in COUNT_YEARS:
            value = YEAR_TOTALS[year] * shares[kreis.key] * _variation(kreis.key, str(year))
            counts[kreis.key][year] = value.numerator // value.denominator
    return counts


def invented_old_amounts() -> dict[str, int]:
    """Mittel 2024 under the old per-person scheme (fictitious persons, rate × persons rounded per Kreis)."""
    shares = _shares_by(lambda k: POPULATION[k.key])
    kreise = all_kreise()
    persons = []
    for kreis in kreise:
        value = OLD_PERSONS_TOTAL * shares[kreis.key] * _variation(kreis.key, "Anschlussunterbringung")
        persons.append(value.numerator // value.denominator)
    amounts = engine.per_head(OLD_RATE, persons, unit=1)
    return {kreis.key: amount for kreis, amount in zip(kreise, amounts)}


def _parameters(year: int, reference_years: tuple[int, ...]) -> Parameters:
    return Parameters(
        year=year,
        budget=Decimal(BUDGET),
        method=Method.HARE_NIEMEYER,
        unit=Decimal(1),
        reference_years=reference_years,
        stand=STAND,
        base=Decimal(0),
        loss_cap=None,
        subtotals=False,
        source_note=SOURCE_NOTE,
        sample_data=True,
        issuer=ISSUER,
        department=DEPARTMENT,
        contact=CONTACT,
        reply_deadline=REPLY_DEADLINE,
    )


def _districts(previous: dict[str, int]) -> tuple[District, ...]:
    counts = invented_counts()
    return tuple(
        District(
            key=kreis.key,
            name=kreis.name,
            kind=kreis.kind,
            region=kreis.region,
            counts=tuple((year, counts[kreis.key][year]) for year in COUNT_YEARS),
            previous_amount=Decimal(previous[kreis.key]),
            row=CellRef(ZUWEISUNGEN, cell_name(FIRST_DATA_ROW + index, 1)),
        )
        for index, kreis in enumerate(all_kreise())
    )


def amounts_2025() -> dict[str, int]:
    """What the engine allocates for 2025 from the sample inputs: the column ``Mittel 2025``."""
    inputs = Inputs(_parameters(YEAR, REFERENCE_YEARS), _districts(invented_old_amounts()))
    result = calculate(inputs)
    return {row.district.key: row.amount for row in result.rows}


def sample_inputs() -> Inputs:
    """The Inputs the workbook holds: what ``read_workbook_file`` must return for it."""
    instalments = tuple(Instalment(due, Decimal(share)) for due, share in INSTALMENTS)
    return Inputs(_parameters(YEAR, REFERENCE_YEARS), _districts(invented_old_amounts()), instalments)


# The table Abschläge: 60 % on 15 April, 40 % on 15 October, as in the programme's first years.
INSTALMENTS = ((date(YEAR, 4, 15), "0.6"), (date(YEAR, 10, 15), "0.4"))


# --- layout ---------------------------------------------------------------------------------------

HINWEISE = "Hinweise"
PARAMETER = "Parameter"
ZUWEISUNGEN = "Zuweisungen"
BERECHNUNG = "Berechnung"
XLWINGS_CONF = "xlwings.conf"
SZENARIEN = "Szenarien"

HEADER_ROW = 4
FIRST_DATA_ROW = HEADER_ROW + 1
EURO = '#,##0 "€"'
COUNT = "#,##0"

PARAMETER_ROWS = (
    # defined name, label, value, number format, explanation
    (c.YEAR, "Haushaltsjahr", YEAR, "0", "Jahr, für das verteilt wird. Vorjahresbeträge stehen in der Spalte „Mittel <Haushaltsjahr − 1>“."),
    (c.BUDGET, "Budget (Förderbetrag)", BUDGET, EURO, "Zu verteilender Betrag in Euro; die Beträge der Kreise ergeben genau diese Summe."),
    (c.METHOD, "Verfahren", "Hare-Niemeyer", None, "Hare-Niemeyer (größte Reste), Sainte-Laguë/Schepers oder D'Hondt."),
    (c.UNIT, "Einheit", 1, EURO, "Kleinste Auszahlungseinheit: 1 = volle Euro, 0,01 = Cent, 100 = volle Hundert Euro."),
    (c.REFERENCE_FROM, "Bezugsjahr von", REFERENCE_YEARS[0], "0", "Erstes Jahr, dessen Zuweisungen zählen."),
    (c.REFERENCE_TO, "Bezugsjahr bis", REFERENCE_YEARS[-1], "0", "Letztes Jahr; Bezugsgröße ist der Mittelwert der Zuweisungen dieser Jahre."),
    (c.STAND, "Stand", STAND, "DD.MM.YYYY", "Datum, das die Tabelle nennt; auch der Zeitstempel der erzeugten Dateien."),
    (c.BASE, "Sockelbetrag", 0, EURO, "Fester Betrag, den jeder Kreis vorab erhält (0 = keiner)."),
    (c.LOSS_CAP, "Verlustbegrenzung", None, "0 %", "Höchstens dieser Anteil geht gegenüber dem Vorjahr verloren, z. B. 10 %; leer = keine."),
    (c.SUBTOTALS, "Zwischensummen", "nein", None, "„ja“: Zwischensummen je Regierungsbezirk in der amtlichen Tabelle."),
    (c.SOURCE_NOTE, "Datenquelle", SOURCE_NOTE, None, "Fußnote der amtlichen Tabelle."),
    (c.SAMPLE_DATA, "Beispieldaten", "ja", None, "„ja“: jede Ausgabe trägt den Hinweis, dass die Zahlen erfunden sind."),
    (c.FINANCING, "Finanzierung", "alle", None, "Wer die Verlustbegrenzung bezahlt: „alle“ übrigen Kreise, nur die „Gewinner“ (einheitliche Zuwachsrate) oder ein „Fonds“ außerhalb des Budgets."),
    (c.MAX_GAIN, "Zuwachsbegrenzung", None, "0 %", "Höchstens dieser Anteil kommt gegenüber dem Vorjahr hinzu, z. B. 20 %; leer = keine. Den Rest erhalten die übrigen Kreise."),
    (c.PHASE_IN, "Übergangsanteil", None, "0 %", "Gewicht der Vorjahresverteilung beim Übergang, z. B. 50 % (2025) und 25 % (2026); leer = kein Übergang."),
    (c.TIE_RULE, "Gleichstandsregel", "Schlüssel", None, "Bei genau gleichem Anspruch geht vor: kleinerer „Schlüssel“, größeres „Gewicht“, das „Los“ (mit Losnummer) oder der kleinere „Rang“ (Spalte „Rang“)."),
    (c.SEED, "Losnummer", None, None, "Nur für die Regel „Los“: z. B. Datum und Nummer der Ziehung; wird veröffentlicht, damit jeder das Los wiederholen kann."),
    (c.BOUND_RULE, "Grenzregel", "neu verteilen", None, "Hare-Niemeyer mit Grenzen: „neu verteilen“ (Rest unter den übrigen Kreisen) oder „Quote“ (jeder behält die Quote auf das ganze Budget)."),
    (c.ISSUER, "Herausgeber", ISSUER, None, "Behörde, die die Tabelle und die Arbeitsmappen der Kreise herausgibt; steht im Kopf jeder Ausgabe und in den Dateieigenschaften."),
    (c.DEPARTMENT, "Referat", DEPARTMENT, None, "Zuständiges Referat (leer = keine Angabe)."),
    (c.CONTACT, "Kontakt", CONTACT, None, "E-Mail-Adresse oder Telefonnummer des Referats (kein Personenname, wenn er hier nicht steht); dorthin senden die Kreise ihre Rückmeldung."),
    (c.REPLY_DEADLINE, "Rückmeldefrist", REPLY_DEADLINE, "DD.MM.YYYY", "Bis zu diesem Tag senden die Kreise ihre Rückmeldung; leer = keine Frist."),
)

HINWEISE_TEXT = (
    ("title", "Mittelverteilung Integrationsmanagement – Arbeitsmappe des Ministeriums"),
    ("", ""),
    ("warn", "ACHTUNG: Alle Zuweisungszahlen in dieser Mappe sind FIKTIVE BEISPIELDATEN."),
    ("", "Sie sind frei erfunden (grob proportional zur Einwohnerzahl; Kreise mit einer Landeserstaufnahmeeinrichtung "
         "erhalten weniger Zuweisungen) und keine amtlichen Zahlen. Die Spalte „Mittel 2024“ ist ebenso erfunden, "
         "„Mittel 2025“ ist das Ergebnis der Verteilungsrechnung aus diesen Zahlen."),
    ("", ""),
    ("heading", "Was diese Mappe ist"),
    ("", "Das Land verteilt jährlich 58.000.000 € für das Integrationsmanagement auf die 44 Stadt- und Landkreise; "
         "der Anteil eines Kreises folgt seinem Anteil an den Zuweisungen aus der Erstaufnahme "
         "(„Geld folgt Geflüchteten“). Die Beträge sind euro-genau und ergeben zusammen exakt das Budget."),
    ("", "Blatt „Parameter“: Haushaltsjahr, Budget, Verfahren, Einheit, Bezugszeitraum, Stand und weitere Schalter. "
         "Blatt „Zuweisungen“: die Tabelle „Kreise“ mit den Zuweisungen je Jahr und den Mitteln der Vorjahre. "
         "Blatt „Berechnung“: die Verteilung mit den Excel-Funktionen =ALLOCATE(…) und ihren Begleitern."),
    ("", "Die Werte werden über Namen gefunden (Formeln > Namens-Manager: Haushaltsjahr, Budget, Methode, …) und über "
         "die Tabelle „Kreise“ mit ihren Spaltenüberschriften, nicht über feste Zelladressen. Eine eigene Mappe "
         "funktioniert, wenn sie dieselben Namen und Spalten hat (siehe README, „Die Arbeitsmappe des Ministeriums“)."),
    ("", "Für 2026: Haushaltsjahr 2026, Bezugsjahre 2023 bis 2025; die Spalte „Mittel 2025“ liefert dann die "
         "Vorjahresbeträge und die Veränderung."),
    ("", ""),
    ("heading", "Prüfen und veröffentlichen ohne Excel (Befehlszeile)"),
    ("", "mittelverteilung check Mittelverteilung.xlsx – prüft die Mappe und nennt jedes Problem mit Blatt und Zelle."),
    ("", "mittelverteilung publish Mittelverteilung.xlsx --out AUSGABE – schreibt die amtliche Tabelle als xlsx, PDF und CSV."),
    ("", "mittelverteilung compare Mittelverteilung.xlsx --out AUSGABE – vergleicht die Szenarien des Blatts "
         "„Szenarien“ (in Excel: Skript „Szenarien vergleichen“)."),
    ("", ""),
    ("heading", "Mit Excel und dem klassischen xlwings-Add-in (Windows, Python installiert)"),
    ("", "1. Python-Paket „mittelverteilung“ und das xlwings-Add-in installieren (xlwings addin install)."),
    ("", "2. Diese Mappe als „Excel-Arbeitsmappe mit Makros (*.xlsm)“ speichern; das Blatt „xlwings.conf“ nennt "
         "xl_funcs als UDF-Modul."),
    ("", "3. Im Menüband „xlwings“ auf „Import Functions“ klicken; danach rechnet das Blatt „Berechnung“."),
    ("", "4. „Run main“ schreibt die amtliche Tabelle in die Mappe (Python-Datei Mittelverteilung.py neben der Mappe)."),
    ("", ""),
    ("heading", "Mit xlwings Server (Excel im Browser, Mac, PCs ohne Python)"),
    ("", "Die IT startet den Server (mittelverteilung serve) und verteilt das Add-in über dessen manifest.xml. "
         "Die Funktionen heißen dort mit Namensraum, z. B. =XLWINGS.ALLOCATE(Budget; …)."),
    ("", ""),
    ("heading", "Mit xlwings Lite (Python in Excel, nichts zu installieren)"),
    ("", "Add-in „xlwings Lite“ aus dem Office-Store hinzufügen, die Dateien main.py und requirements.txt "
         "(erzeugt mit mittelverteilung lite, Ordner workbook/lite) in den Lite-Editor übernehmen."),
    ("", ""),
    ("", "Ohne eines dieser Add-ins zeigt das Blatt „Berechnung“ #NAME?; die Befehlszeile rechnet unabhängig davon."),
)


def build_workbook():
    """The sample workbook as an openpyxl Workbook (not yet saved)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    _hinweise(workbook.create_sheet(HINWEISE))
    _parameter(workbook, workbook.create_sheet(PARAMETER))
    _zuweisungen(workbook.create_sheet(ZUWEISUNGEN))
    _berechnung(workbook, workbook.create_sheet(BERECHNUNG))
    _szenarien(workbook.create_sheet(SZENARIEN))
    _xlwings_conf(workbook.create_sheet(XLWINGS_CONF))
    for sheet in workbook.worksheets:
        _print_across_one_page(sheet)
    workbook.active = 0
    stamp = datetime.combine(STAND, datetime.min.time())
    properties = workbook.properties
    properties.title = "Mittelverteilung Integrationsmanagement – Beispielarbeitsmappe (fiktive Daten)"
    properties.subject = "Mittelverteilung Integrationsmanagement Baden-Württemberg"
    properties.creator = "mittelverteilung"
    properties.lastModifiedBy = "mittelverteilung"
    properties.language = "de-DE"
    properties.created = stamp
    properties.modified = stamp
    return workbook


def workbook_bytes() -> bytes:
    """The xlsx file, identical on every build: timestamps come from the Stand date, not the clock."""
    from openpyxl.writer.excel import ExcelWriter

    workbook = build_workbook()
    buffer = io.BytesIO()
    # openpyxl's save_workbook() stamps the current time; its writer does not.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return _with_fixed_timestamps(buffer.getvalue(), STAND)


def _with_fixed_timestamps(data: bytes, day: date) -> bytes:
    """The same archive with every member dated ``day`` and stored with fixed attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(member.filename), compresslevel=6)
    return out.getvalue()


def write(path: Path = OUTPUT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(workbook_bytes())
    temporary.replace(path)
    return path


# --- sheets ---------------------------------------------------------------------------------------


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="8EA9C1")
    return {
        "title": Font(bold=True, size=14, color="1F3864"),
        "heading": Font(bold=True, size=12, color="1F3864"),
        "warn": Font(bold=True, size=12, color="C00000"),
        "header_font": Font(bold=True, color="FFFFFF"),
        "header_fill": PatternFill("solid", fgColor="1F4E78"),
        "label_fill": PatternFill("solid", fgColor="DDEBF7"),
        "input_fill": PatternFill("solid", fgColor="FFF2CC"),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "right": Alignment(horizontal="right", vertical="top"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "italic": Font(italic=True, color="595959"),
        "bold": Font(bold=True),
    }


def _print_across_one_page(sheet) -> None:
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0


def _wrapped_height(text: str, width: int) -> float:
    """Row height for wrapped text: neither Excel nor LibreOffice re-measures rows written by openpyxl."""
    lines = -(-len(text) // max(width - 8, 1)) if text else 1
    return 15.0 * max(lines, 1)


def _hinweise(sheet) -> None:
    styles = _styles()
    width = 95
    sheet.column_dimensions["A"].width = width
    for row, (kind, text) in enumerate(HINWEISE_TEXT, start=1):
        cell = sheet.cell(row, 1, text or None)
        cell.alignment = styles["wrap"]
        if kind in ("title", "heading", "warn"):
            cell.font = styles[kind]
            sheet.row_dimensions[row].height = 20
        elif text:
            sheet.row_dimensions[row].height = _wrapped_height(text, width)
    sheet.sheet_view.showGridLines = False


def _parameter(workbook, sheet) -> None:
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    styles = _styles()
    sheet["A1"] = "Parameter der Mittelverteilung"
    sheet["A1"].font = styles["title"]
    sheet["A2"] = "Die Werte werden über ihre Namen gefunden (Formeln > Namens-Manager), nicht über die Zelladresse."
    sheet["A2"].font = styles["italic"]
    for column, text in enumerate(("Angabe", "Wert", "Erläuterung"), start=1):
        cell = sheet.cell(3, column, text)
        cell.font, cell.fill, cell.border = styles["header_font"], styles["header_fill"], styles["border"]
    methods = DataValidation(type="list", formula1='"Hare-Niemeyer,Sainte-Laguë/Schepers,D\'Hondt"', allow_blank=False)
    yes_no = DataValidation(type="list", formula1='"ja,nein"', allow_blank=True)
    financing = DataValidation(type="list", formula1='"alle,Gewinner,Fonds"', allow_blank=True)
    tie_rules = DataValidation(type="list", formula1='"Schlüssel,Gewicht,Los,Rang"', allow_blank=True)
    for row, (name, label, value, number_format, explanation) in enumerate(PARAMETER_ROWS, start=4):
        sheet.cell(row, 1, label).fill = styles["label_fill"]
        cell = sheet.cell(row, 2, value)
        cell.fill = styles["input_fill"]
        cell.alignment = styles["wrap"] if name in (c.SOURCE_NOTE, c.ISSUER, c.DEPARTMENT, c.CONTACT) else styles["right"]
        if number_format:
            cell.number_format = number_format
        sheet.cell(row, 3, explanation).alignment = styles["wrap"]
        sheet.row_dimensions[row].height = max(_wrapped_height(explanation, 90), _wrapped_height(str(value or ""), 42))
        for column in (1, 2, 3):
            sheet.cell(row, column).border = styles["border"]
        reference = f"{PARAMETER}!${column_letters(2)}${row}"
        workbook.defined_names[name] = DefinedName(name, attr_text=reference)
        if name == c.METHOD:
            methods.add(cell.coordinate)
        if name in (c.SUBTOTALS, c.SAMPLE_DATA):
            yes_no.add(cell.coordinate)
        if name == c.FINANCING:
            financing.add(cell.coordinate)
        if name == c.TIE_RULE:
            tie_rules.add(cell.coordinate)
    sheet.add_data_validation(methods)
    sheet.add_data_validation(yes_no)
    sheet.add_data_validation(financing)
    sheet.add_data_validation(tie_rules)
    _abschlaege(sheet, 4 + len(PARAMETER_ROWS) + 1)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 42
    sheet.column_dimensions["C"].width = 90
    sheet.freeze_panes = "A4"


def _abschlaege(sheet, first_row: int) -> None:
    """The table Abschläge below the parameters: the payment dates and shares of the instalment plan."""
    from openpyxl.worksheet.table import Table, TableStyleInfo

    from ..readers import instalments as a

    styles = _styles()
    sheet.cell(first_row, 1, "Abschläge (Auszahlungsplan)").font = styles["heading"]
    sheet.cell(
        first_row, 3, "Optional: je Zeile ein Auszahlungstermin im Haushaltsjahr und sein Anteil am Budget; "
        "die Anteile ergeben zusammen 100 %. „mittelverteilung payments“ bzw. das Skript "
        "„Auszahlungsplan erstellen“ verteilt jeden Abschlag euro-genau auf die Kreise."
    ).alignment = styles["wrap"]
    sheet.row_dimensions[first_row].height = 32
    header = first_row + 1
    for column, text in enumerate((a.DUE, a.SHARE), start=1):
        cell = sheet.cell(header, column, text)
        cell.font, cell.fill = styles["header_font"], styles["header_fill"]
    for offset, (due, share) in enumerate(INSTALMENTS, start=1):
        sheet.cell(header + offset, 1, due).number_format = "DD.MM.YYYY"
        cell = sheet.cell(header + offset, 2, Decimal(share))
        cell.number_format = "0 %"
        cell.fill = styles["input_fill"]
    table = Table(displayName=a.TABLE_NAME, ref=f"A{header}:B{header + len(INSTALMENTS)}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    sheet.add_table(table)


def _table_headers() -> list[str]:
    return (
        [c.KEY, c.NAME, c.KIND, c.REGION]
        + [c.count_header(year) for year in COUNT_YEARS]
        + [c.amount_header(2024), c.amount_header(2025)]
    )


def _zuweisungen(sheet) -> None:
    from openpyxl.worksheet.table import Table, TableStyleInfo

    styles = _styles()
    headers = _table_headers()
    sheet["A1"] = "Zuweisungen aus der Erstaufnahme und Mittel je Stadt- und Landkreis"
    sheet["A1"].font = styles["title"]
    sheet["A2"] = "FIKTIVE BEISPIELDATEN – " + SAMPLE_NOTICE.removeprefix("Fiktive Beispieldaten: ")
    sheet["A2"].font = styles["warn"]
    for column, text in enumerate(headers, start=1):
        cell = sheet.cell(HEADER_ROW, column, text)
        cell.font, cell.fill, cell.alignment = styles["header_font"], styles["header_fill"], styles["center"]
    counts = invented_counts()
    old = invented_old_amounts()
    new = amounts_2025()
    for index, kreis in enumerate(all_kreise()):
        row = FIRST_DATA_ROW + index
        values = (
            [kreis.key, kreis.name, kreis.kind, kreis.region]
            + [counts[kreis.key][year] for year in COUNT_YEARS]
            + [old[kreis.key], new[kreis.key]]
        )
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row, column, value)
            if column == 1:
                cell.number_format = "@"  # keys stay text when someone types over them
            elif 5 <= column < 5 + len(COUNT_YEARS):
                cell.number_format = COUNT
            elif column >= 5 + len(COUNT_YEARS):
                cell.number_format = EURO
    last_row = FIRST_DATA_ROW + len(all_kreise()) - 1
    reference = f"A{HEADER_ROW}:{column_letters(len(headers))}{last_row}"
    table = Table(displayName=c.TABLE_NAME, ref=reference)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(table)
    widths = [15, 26, 12, 18] + [16] * len(COUNT_YEARS) + [15, 15]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[column_letters(column)].width = width
    sheet.row_dimensions[HEADER_ROW].height = 32
    sheet.freeze_panes = f"C{FIRST_DATA_ROW}"


# Cells of the Berechnung sheet: one legacy array formula per column over the 44 rows,
# because each classic UDF call costs a round trip to Python.
_CALC_COLUMNS = (
    # header, formula (None: per row), number format, width
    ("Kreisschlüssel", "=Kreise[Kreisschlüssel]", "@", 15),
    ("Stadt-/Landkreis", "=Kreise[[Stadt-/Landkreis]]", None, 26),
    ("Bezugsgröße (Mittelwert)", "=REFERENCE_WEIGHTS(Bezugszuweisungen)", "#,##0.00", 16),
    ("Anteil", "=SHARES({C})", "0.0000 %", 12),
    ('="Mittel "&Haushaltsjahr', "=ALLOCATE(Budget,{C},Methode,Einheit)", EURO, 16),
    ('="Mittel "&(Haushaltsjahr-1)', "=Vorjahresmittel", EURO, 16),
    ("Veränderung in €", "={E}-{F}", '+#,##0 "€";-#,##0 "€";0 "€"', 16),
    ("Veränderung in %", '=IF({F}=0,"",{G}/{F})', "+0.0 %;-0.0 %;0.0 %", 14),
    ("Erklärung", "=EXPLAIN(ROW({C})-ROW($C${header}),Budget,{C},Methode,Einheit)", None, 100),
)

# Helper names for the formulas: the reference-year columns and last year's amounts, found by header.
_HELPER_NAMES = {
    "Bezugszuweisungen": (
        'INDEX(Kreise[[#Data]],0,MATCH("Zuweisungen "&Bezugsjahr_von,Kreise[[#Headers]],0))'
        ':INDEX(Kreise[[#Data]],0,MATCH("Zuweisungen "&Bezugsjahr_bis,Kreise[[#Headers]],0))'
    ),
    "Vorjahresmittel": 'INDEX(Kreise[[#Data]],0,MATCH("Mittel "&(Haushaltsjahr-1),Kreise[[#Headers]],0))',
}


def _berechnung(workbook, sheet) -> None:
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.formula import ArrayFormula

    styles = _styles()
    count = len(all_kreise())
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + count - 1
    sheet["A1"] = "Berechnung mit den Excel-Funktionen (ALLOCATE, REFERENCE_WEIGHTS, SHARES, EXPLAIN)"
    sheet["A1"].font = styles["title"]
    sheet["A2"] = (
        "Braucht das xlwings-Add-in, xlwings Server oder xlwings Lite (sonst #NAME?). Verteilt wird ohne Sockelbetrag "
        "und Verlustbegrenzung; die amtliche Tabelle berücksichtigt beide."
    )
    sheet["A2"].font = styles["italic"]
    for name, formula in _HELPER_NAMES.items():
        workbook.defined_names[name] = DefinedName(name, attr_text=formula)
    ranges = {
        letter: f"${letter}${first}:${letter}${last}" for letter in (column_letters(i + 1) for i in range(len(_CALC_COLUMNS)))
    }
    for index, (header, formula, number_format, width) in enumerate(_CALC_COLUMNS):
        letter = column_letters(index + 1)
        cell = sheet.cell(HEADER_ROW, index + 1, header)
        cell.font, cell.fill, cell.alignment = styles["header_font"], styles["header_fill"], styles["center"]
        text = formula.format(header=HEADER_ROW, **ranges)
        sheet[f"{letter}{first}"] = ArrayFormula(f"{letter}{first}:{letter}{last}", text)
        for row in range(first, last + 1):
            if number_format:
                sheet.cell(row, index + 1).number_format = number_format
            if letter == "I":
                sheet.cell(row, index + 1).alignment = styles["wrap"]
        sheet.column_dimensions[letter].width = width
    total_row = last + 1
    sheet.cell(total_row, 2, "Baden-Württemberg insgesamt").font = styles["bold"]
    for letter, number_format in (("C", "#,##0.00"), ("D", "0.0000 %"), ("E", EURO), ("F", EURO), ("G", _CALC_COLUMNS[6][2])):
        cell = sheet[f"{letter}{total_row}"]
        cell.value = f"=SUM({letter}{first}:{letter}{last})"
        cell.number_format = number_format
        cell.font = styles["bold"]
    check_row = total_row + 1
    sheet.cell(check_row, 2, "Summe gleich Budget?")
    sheet.cell(check_row, 5, f'=IF(E{total_row}=Budget,"ja","NEIN")').font = styles["bold"]
    sheet.row_dimensions[HEADER_ROW].height = 32
    sheet.freeze_panes = f"C{first}"


# The table Szenarien: variants of the key for ``mittelverteilung compare`` (empty = as on the Parameter sheet).
SCENARIO_HEADERS = (
    "Szenario", "Methode", "Bezugsjahr_von", "Bezugsjahr_bis", "Budget", "Sockelbetrag", "Verlustbegrenzung",
    "Finanzierung", "Zuwachsbegrenzung", "Übergangsanteil", "Gleichstandsregel", "Vergleich", "Erläuterung",
    "Losnummer", "Grenzregel",  # offered, left empty: no sample variant draws lots or keeps quotas
)  # fmt: skip
SCENARIO_ROWS = (
    ("Nur Zuweisungen 2024", None, 2024, 2024, None, None, None, None, None, None, None, None,
     "Bezugsgröße nur das letzte Jahr statt des Mittelwerts dreier Jahre."),
    ("Sainte-Laguë/Schepers", "Sainte-Laguë/Schepers", None, None, None, None, None, None, None, None, None, None,
     "Divisorverfahren mit Standardrundung statt größter Reste."),
    ("Sockelbetrag 100.000 €", None, None, None, None, 100_000, None, None, None, None, None, None,
     "Jeder Kreis erhält vorab 100.000 €; verteilt wird der Rest."),
    ("Verlust max. 20 %, alle tragen", None, None, None, None, None, 0.2, "alle", None, None, None, None,
     "Kein Kreis verliert mehr als 20 %; das Polster tragen alle übrigen Kreise."),
    ("Verlust max. 20 %, Gewinner tragen", None, None, None, None, None, 0.2, "Gewinner", None, None, None, "ja",
     "Wie davor, aber das Polster tragen nur die Kreise mit Zuwachs."),
    ("Übergang 50 %", None, None, None, None, None, None, None, None, 0.5, None, None,
     "Halber Weg von den Mitteln 2024 zur neuen Verteilung."),
)  # fmt: skip


def _szenarien(sheet) -> None:
    from openpyxl.worksheet.table import Table, TableStyleInfo

    styles = _styles()
    sheet["A1"] = "Szenarien für den Vergleich (mittelverteilung compare, Skript „Szenarien vergleichen“)"
    sheet["A1"].font = styles["title"]
    sheet["A2"] = (
        "Je Zeile ein Szenario; eine leere Zelle heißt: wie auf dem Blatt „Parameter“. Das erste Szenario ist immer "
        "die vorgesehene Verteilung nach dem Parameterblatt."
    )
    sheet["A2"].font = styles["italic"]
    for column, text in enumerate(SCENARIO_HEADERS, start=1):
        cell = sheet.cell(HEADER_ROW, column, text)
        cell.font, cell.fill, cell.alignment = styles["header_font"], styles["header_fill"], styles["center"]
    formats = {"Budget": EURO, "Sockelbetrag": EURO, "Verlustbegrenzung": "0 %", "Zuwachsbegrenzung": "0 %", "Übergangsanteil": "0 %"}
    for index, values in enumerate(SCENARIO_ROWS):
        row = FIRST_DATA_ROW + index
        for column, (header, value) in enumerate(zip(SCENARIO_HEADERS, values), start=1):
            cell = sheet.cell(row, column, value)
            if header in formats:
                cell.number_format = formats[header]
            if header == "Erläuterung":
                cell.alignment = styles["wrap"]
        sheet.row_dimensions[row].height = 30
    last = FIRST_DATA_ROW + len(SCENARIO_ROWS) - 1
    table = Table(displayName=SZENARIEN, ref=f"A{HEADER_ROW}:{column_letters(len(SCENARIO_HEADERS))}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(table)
    widths = [34, 20, 14, 14, 14, 14, 16, 14, 16, 15, 17, 11, 60, 14, 16]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[column_letters(column)].width = width
    sheet.row_dimensions[HEADER_ROW].height = 32
    sheet.freeze_panes = f"B{FIRST_DATA_ROW}"


def _xlwings_conf(sheet) -> None:
    # The classic add-in reads its settings from this sheet, starting in A1 (key in A, value in B).
    sheet["A1"] = "UDF Modules"
    sheet["B1"] = "xl_funcs"
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 18


# --- command line ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m xl_funcs.sample.workbook",
        description="Erzeugt die Beispielarbeitsmappe workbook/Mittelverteilung.xlsx (fiktive Daten) neu.",
    )
    parser.add_argument("--target", type=Path, default=OUTPUT, help="Zieldatei (Standard: workbook/Mittelverteilung.xlsx)")
    parser.add_argument(
        "--check", action="store_true", help="nichts schreiben, nur prüfen, ob die Datei aktuell ist (Exit-Status 1, wenn nicht)"
    )
    # The German spellings of earlier versions, still accepted.
    parser.add_argument("--ziel", dest="target", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    parser.add_argument("--pruefen", dest="check", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.check:
        current = args.target.read_bytes() if args.target.is_file() else None
        if current != workbook_bytes():
            print(f"{args.target} ist nicht aktuell; bitte `python -m xl_funcs.sample.workbook` ausführen.", file=sys.stderr)
            return 1
        print(f"{args.target} ist aktuell.")
        return 0
    print(write(args.target))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
