"""The table ``Kreise``: one row per Stadt- or Landkreis, columns found by their header text.

Every row is checked against the official list of the 44 Kreise (key, name,
kind, Regierungsbezirk) and every count and amount cell on its own. The
result is in the order of the keys, whatever the order of the table, so that
sorting the table in Excel never changes an amount (ties go to the earlier
row).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..inputs import CellRef, District
from ..kreise import Kreis, all_kreise, kreise_by_key
from . import cell_values as cv
from . import contract as c
from .problem_list import ProblemList
from .snapshot import Area, SheetGrid, TableArea, WorkbookSnapshot, cell_name, column_letters
from .text_compare import fold_text, visible_difference

# Rows below the table that are looked at for stray values.
ROWS_BELOW_TABLE = 50


@dataclass
class _Columns:
    """Column numbers (1-based, on the sheet) by meaning."""

    named: dict[str, int] = field(default_factory=dict)
    counts: dict[int, int] = field(default_factory=dict)  # year -> column
    amounts: dict[int, int] = field(default_factory=dict)  # year -> column


def find_table(snapshot: WorkbookSnapshot, name: str) -> TableArea | None:
    folded = name.casefold()
    return next((t for t in snapshot.tables if t.name.casefold() == folded), None)


def read_districts(
    snapshot: WorkbookSnapshot,
    problems: ProblemList,
    year: int | None,
    reference_years: tuple[int, ...] | None,
) -> tuple[District, ...]:
    """The 44 Districts, or an empty tuple when the table has problems (all of them reported)."""
    table = find_table(snapshot, c.TABLE_NAME)
    if table is None:
        others = ", ".join(f"„{t.name}“ (Blatt {t.sheet})" for t in snapshot.tables)
        hint = f" Gefunden wurden nur: {others}." if others else " Die Arbeitsmappe enthält keine Tabelle."
        problems.add(
            f"Die Tabelle „{c.TABLE_NAME}“ fehlt. Die Kreise müssen in einer Excel-Tabelle (Einfügen > Tabelle) "
            f"mit dem Namen „{c.TABLE_NAME}“ stehen (Tabellenentwurf > Tabellenname).{hint}"
        )
        return ()
    sheet = snapshot.sheet(table.sheet)
    if sheet is None:
        problems.add(f"Die Tabelle „{table.name}“ liegt auf dem Blatt „{table.sheet}“, das nicht gelesen werden konnte.")
        return ()
    if table.header_rows < 1:
        problems.add(
            f"Die Tabelle „{table.name}“ hat keine Überschriftenzeile; die Spalten werden an ihren Überschriften erkannt.",
            sheet.name,
            table.area.a1,
        )
        return ()
    before = len(problems)
    columns = _read_header(sheet, table, problems)
    if columns is None:
        return ()
    _check_reference_columns(sheet, table, columns, reference_years, problems)
    _check_layout(sheet, table, problems)
    first_data = table.area.first_row + table.header_rows
    last_data = table.area.last_row - table.totals_rows
    count_years = _used_count_years(sheet, columns, first_data, last_data, reference_years)
    previous_column = columns.amounts.get(year - 1) if year is not None else None
    if previous_column is not None and _column_empty(sheet, previous_column, first_data, last_data):
        previous_column = None
    rows = []
    for row in range(first_data, last_data + 1):
        district = _read_row(sheet, table, columns, row, count_years, previous_column, problems)
        if district is not None:
            rows.append(district)
    _check_completeness(sheet, table, rows, problems)
    _check_not_all_zero(sheet, table, columns, rows, reference_years, first_data, last_data, problems)
    if len(problems) > before:
        return ()
    return tuple(sorted(rows, key=lambda d: d.key))


def _read_header(sheet: SheetGrid, table: TableArea, problems: ProblemList) -> _Columns | None:
    columns = _Columns()
    header_row = table.area.first_row
    seen: dict[str, int] = {}
    for column in range(table.area.first_column, table.area.last_column + 1):
        value = sheet.value(header_row, column)
        if not isinstance(value, str) or not value.strip():
            continue
        folded = c.fold_header(value)
        if folded in seen:
            problems.add(
                f"Die Spaltenüberschrift „{value.strip()}“ kommt in der Tabelle „{table.name}“ doppelt vor "
                f"(auch in {cell_name(header_row, seen[folded])}).",
                sheet.name,
                cell_name(header_row, column),
            )
            continue
        seen[folded] = column
        year_column = c.year_column(value)
        if year_column is not None:
            prefix, year = year_column
            (columns.counts if prefix == c.COUNT_PREFIX else columns.amounts)[year] = column
            continue
        for header in c.REQUIRED_COLUMNS + c.OPTIONAL_COLUMNS:
            if folded == c.fold_header(header):
                columns.named[header] = column
    header_area = Area(header_row, table.area.first_column, header_row, table.area.last_column).a1
    missing = [h for h in c.REQUIRED_COLUMNS if h not in columns.named]
    for header in missing:
        problems.add(
            f"In der Tabelle „{table.name}“ fehlt die Spalte „{header}“ (Spalten werden an ihrer Überschrift erkannt).",
            sheet.name,
            header_area,
        )
    if not columns.counts:
        problems.add(
            f"In der Tabelle „{table.name}“ fehlt eine Spalte „{c.COUNT_PREFIX} <Jahr>“ (z. B. „{c.count_header(2024)}“).",
            sheet.name,
            header_area,
        )
    return None if missing or not columns.counts else columns


def _check_reference_columns(
    sheet: SheetGrid,
    table: TableArea,
    columns: _Columns,
    reference_years: tuple[int, ...] | None,
    problems: ProblemList,
) -> None:
    if reference_years is None:
        return
    header_row = table.area.first_row
    header_area = Area(header_row, table.area.first_column, header_row, table.area.last_column).a1
    for year in reference_years:
        if year not in columns.counts:
            problems.add(
                f"In der Tabelle „{table.name}“ fehlt die Spalte „{c.count_header(year)}“ für das Bezugsjahr {year} "
                f"(Bezugszeitraum {reference_years[0]}–{reference_years[-1]}).",
                sheet.name,
                header_area,
            )


def _check_layout(sheet: SheetGrid, table: TableArea, problems: ProblemList) -> None:
    area = table.area
    for merged in sheet.merged or ():
        if merged.overlaps(area):
            problems.add(
                f"Verbundene Zellen {merged.a1} in der Tabelle „{table.name}“: bitte den Zellverbund aufheben "
                "(jede Zelle muss ihren eigenen Wert haben).",
                sheet.name,
                merged.a1,
            )
    filters = [f for f in sheet.filters or () if f.overlaps(area)]
    if table.filtered and table.area not in filters:
        filters.insert(0, table.area)
    for filtered in filters:
        problems.add(
            f"Filter in {sheet.name}!{filtered.a1} aktiv: bitte alle Zeilen anzeigen "
            "(Daten > Sortieren und Filtern > Löschen), damit sichtbar ist, was gerechnet wird.",
            sheet.name,
            filtered.a1,
        )
    for column in sorted(sheet.hidden_columns or ()):
        if area.first_column <= column <= area.last_column:
            problems.add(
                f"Spalte {column_letters(column)} der Tabelle „{table.name}“ ist ausgeblendet; bitte einblenden, "
                "damit sichtbar ist, was gerechnet wird.",
                sheet.name,
                cell_name(area.first_row, column),
            )
    for row in sorted(sheet.hidden_rows or ()):
        if area.first_row <= row <= area.last_row and not any(f.first_row <= row <= f.last_row for f in filters):
            problems.add(
                f"Zeile {row} der Tabelle „{table.name}“ ist ausgeblendet; bitte einblenden, damit sichtbar ist, "
                "was gerechnet wird.",
                sheet.name,
                cell_name(row, area.first_column),
            )
    for row in range(area.last_row + 1, area.last_row + 1 + ROWS_BELOW_TABLE):
        filled = [
            col for col in range(area.first_column, area.last_column + 1) if not cv.is_empty(sheet.value(row, col))
        ]
        if not filled:
            break
        problems.add(
            f"Direkt unter der Tabelle „{table.name}“ stehen Werte (Zeile {row}), die nicht zur Tabelle gehören und "
            "nicht gelesen werden. Gehört die Zeile dazu, bitte den Tabellenbereich erweitern "
            "(Tabellenentwurf > Tabellengröße ändern); sonst die Zeile leeren oder eine Leerzeile einfügen.",
            sheet.name,
            cell_name(row, filled[0]),
        )


def _column_empty(sheet: SheetGrid, column: int, first_row: int, last_row: int) -> bool:
    return all(cv.is_empty(sheet.value(row, column)) for row in range(first_row, last_row + 1))


def _used_count_years(
    sheet: SheetGrid, columns: _Columns, first_row: int, last_row: int, reference_years: tuple[int, ...] | None
) -> tuple[int, ...]:
    """Reference years always; other years unless their column is still entirely empty (prepared for later)."""
    used = []
    for year, column in sorted(columns.counts.items()):
        if (reference_years is not None and year in reference_years) or not _column_empty(
            sheet, column, first_row, last_row
        ):
            used.append(year)
    return tuple(used)


def _read_row(
    sheet: SheetGrid,
    table: TableArea,
    columns: _Columns,
    row: int,
    count_years: tuple[int, ...],
    previous_column: int | None,
    problems: ProblemList,
) -> District | None:
    if all(cv.is_empty(sheet.value(row, col)) for col in range(table.area.first_column, table.area.last_column + 1)):
        problems.add(
            f"Zeile {row} der Tabelle „{table.name}“ ist leer; bitte die Zeile aus der Tabelle löschen.",
            sheet.name,
            cell_name(row, table.area.first_column),
        )
        return None
    before = len(problems)

    def place(column: int) -> tuple[str, str]:
        return sheet.name, cell_name(row, column)

    kreis = _read_key(sheet, columns.named[c.KEY], row, problems)
    if isinstance(kreis, _AsNumber):
        kreis = kreis.kreis
    label = kreis.label if kreis else f"Zeile {row}"
    if kreis is not None:
        _check_identity(sheet, columns, row, kreis, problems)
    counts = []
    for year in count_years:
        column = columns.counts[year]
        try:
            counts.append((year, cv.count(sheet.value(row, column))))
        except cv.CellValueError as reason:
            problems.add(f"{c.count_header(year)} für {label}: {reason}", *place(column))
    previous = None
    if previous_column is not None:
        try:
            previous = cv.amount(sheet.value(row, previous_column), "der Betrag des Vorjahres in Euro")
        except cv.CellValueError as reason:
            header = sheet.value(table.area.first_row, previous_column)
            problems.add(f"{header} für {label}: {reason}", *place(previous_column))
    bounds: dict[str, Decimal | None] = {}
    for header in (c.LOWER, c.UPPER):
        column = columns.named.get(header)
        value = sheet.value(row, column) if column else None
        if cv.is_empty(value):
            bounds[header] = None
            continue
        try:
            bounds[header] = cv.amount(value, f"der {header} in Euro")
        except cv.CellValueError as reason:
            problems.add(f"{header} für {label}: {reason}", *place(column))
            bounds[header] = None
    lower, upper = bounds.get(c.LOWER), bounds.get(c.UPPER)
    if lower is not None and upper is not None and lower > upper:
        problems.add(
            f"{c.UPPER} für {label}: {cv.describe(upper)} ist kleiner als der {c.LOWER} {cv.describe(lower)}.",
            *place(columns.named[c.UPPER]),
        )
    rank = None
    rank_column = columns.named.get(c.RANK)
    if rank_column is not None and not cv.is_empty(sheet.value(row, rank_column)):
        try:
            rank = cv.whole_number(sheet.value(row, rank_column), "ein Rang (ganze Zahl, 1 = zuerst)")
        except cv.CellValueError as reason:
            problems.add(f"{c.RANK} für {label}: {reason}", *place(rank_column))
    if kreis is None or len(problems) > before:
        return _Unusable(kreis, row) if kreis is not None else None
    return District(
        key=kreis.key,
        name=kreis.name,
        kind=kreis.kind,
        region=kreis.region,
        counts=tuple(counts),
        previous_amount=previous,
        lower=lower,
        upper=upper,
        row=CellRef(sheet.name, cell_name(row, table.area.first_column)),
        rank=rank,
    )


@dataclass(frozen=True)
class _Unusable:
    """A row whose Kreis is known but whose values have problems: it still counts as present."""

    kreis: Kreis
    sheet_row: int

    @property
    def key(self) -> str:
        return self.kreis.key


@dataclass(frozen=True)
class _AsNumber:
    """A key typed as a number whose Kreis is clear (8111 for 08111): reported once, the Kreis counts as present."""

    kreis: Kreis


_FIVE_DIGITS = re.compile(r"\d{5}")


def _read_key(sheet: SheetGrid, column: int, row: int, problems: ProblemList) -> Kreis | _AsNumber | None:
    value = sheet.value(row, column)
    where = (sheet.name, cell_name(row, column))
    known = kreise_by_key()
    if cv.is_empty(value):
        problems.add(f"{c.KEY}: Die Zelle ist leer; jede Zeile braucht den fünfstelligen Kreisschlüssel.", *where)
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = repr(int(value)) if float(value).is_integer() else repr(value)
        padded = digits.zfill(5)
        if padded in known:
            problems.add(
                f"{c.KEY}: Der Schlüssel ist als Zahl {digits} eingetragen, die führende Null fehlt. Bitte als Text "
                f"„{padded}“ eingeben (Zelle als Text formatieren oder ein Apostroph voranstellen: '{padded}); "
                "ein Zahlenformat wie 00000 zeigt die Null nur an.",
                *where,
            )
            return _AsNumber(known[padded])  # the Kreis is there, only its key is typed wrong: not also "missing"
        else:
            problems.add(f"{c.KEY}: {digits} ist kein Kreisschlüssel in Baden-Württemberg.", *where)
        return None
    if not isinstance(value, str):
        problems.add(f"{c.KEY}: Die Zelle enthält {cv.describe(value)} statt eines Kreisschlüssels.", *where)
        return None
    value = fold_text(value, keep_spaces=True)  # NFC, invisible characters dropped; spaces are reported below
    if value != value.strip() or " " in value or "\u00a0" in value:
        cleaned = "".join(value.split())
        hint = f"; richtig wäre „{cleaned}“" if cleaned in known else ""
        problems.add(f"{c.KEY}: Der Schlüssel {cv.describe(value)} enthält Leerzeichen{hint}.", *where)
        return None
    if not _FIVE_DIGITS.fullmatch(value):
        problems.add(
            f"{c.KEY}: {cv.describe(value)} ist kein Kreisschlüssel; er hat fünf Ziffern wie „08111“.", *where
        )
        return None
    kreis = known.get(value)
    if kreis is None:
        problems.add(f"{c.KEY}: {cv.describe(value)} ist kein Stadt- oder Landkreis in Baden-Württemberg.", *where)
    return kreis


_KIND_WORDS = {"landkreis", "stadtkreis", "stadt", "kreis", "lk", "sk", "regierungsbezirk", "rp"}


def _fold_name(text: str) -> str:
    """``"Landkreis Heilbronn"`` and ``"Heilbronn (Landkreis)"`` compare equal to ``"Heilbronn"``."""
    lowered = re.sub(r"[(),]", " ", fold_text(text).casefold().replace("ß", "ss"))
    return " ".join(word for word in lowered.split() if word not in _KIND_WORDS)


def _check_identity(sheet: SheetGrid, columns: _Columns, row: int, kreis: Kreis, problems: ProblemList) -> None:
    """The name, kind and Regierungsbezirk in the row must belong to the key (catches swapped rows)."""
    name_column = columns.named[c.NAME]
    name = sheet.value(row, name_column)
    if cv.is_empty(name) or not isinstance(name, str):
        problems.add(
            f"{c.NAME}: Die Zelle enthält {cv.describe(name)}; zum Schlüssel {kreis.key} gehört „{kreis.name}“.",
            sheet.name,
            cell_name(row, name_column),
        )
    elif _fold_name(name) != _fold_name(kreis.name):
        problems.add(
            f"{c.NAME}: Zum Kreisschlüssel {kreis.key} gehört „{kreis.name}“ ({kreis.kind}), in der Zeile steht "
            f"{cv.describe(name)}{visible_difference(kreis.name, name)}. Sind Schlüssel oder Namen vertauscht?",
            sheet.name,
            cell_name(row, name_column),
        )
    for header, expected in ((c.KIND, kreis.kind), (c.REGION, kreis.region)):
        column = columns.named.get(header)
        if column is None:
            continue
        value = sheet.value(row, column)
        if isinstance(value, str) and _fold_name(value) == _fold_name(expected) and _fold_name(expected):
            continue
        if isinstance(value, str) and fold_text(value).casefold() == expected.casefold():
            continue
        problems.add(
            f"{header}: Zu {kreis.key} {kreis.name} gehört „{expected}“, eingetragen ist {cv.describe(value)}"
            f"{visible_difference(expected, value) if isinstance(value, str) else ''}.",
            sheet.name,
            cell_name(row, column),
        )


def _check_completeness(sheet: SheetGrid, table: TableArea, rows: list, problems: ProblemList) -> None:
    first_row_of: dict[str, int] = {}
    for item in rows:
        sheet_row = item.sheet_row if isinstance(item, _Unusable) else _row_number(item)
        if item.key in first_row_of:
            problems.add(
                f"{c.KEY}: {item.key} kommt in der Tabelle „{table.name}“ doppelt vor "
                f"(zuerst in Zeile {first_row_of[item.key]}).",
                sheet.name,
                cell_name(sheet_row, table.area.first_column),
            )
        else:
            first_row_of[item.key] = sheet_row
    for kreis in all_kreise():
        if kreis.key not in first_row_of:
            problems.add(
                f"In der Tabelle „{table.name}“ fehlt der Kreis {kreis.key} {kreis.label}.",
                sheet.name,
                table.area.a1,
            )


def _row_number(district: District) -> int:
    return int(re.sub(r"^[A-Z]+", "", district.row.cell))


def _check_not_all_zero(
    sheet: SheetGrid,
    table: TableArea,
    columns: _Columns,
    rows: list,
    reference_years: tuple[int, ...] | None,
    first_row: int,
    last_row: int,
    problems: ProblemList,
) -> None:
    if reference_years is None or any(y not in columns.counts for y in reference_years):
        return
    districts = [d for d in rows if isinstance(d, District)]
    if len(districts) != len(rows) or not districts:
        return  # the rows with problems are reported; their counts are unknown
    if all(count == 0 for d in districts for year, count in d.counts if year in reference_years):
        span = [columns.counts[y] for y in reference_years]
        area = Area(first_row, min(span), last_row, max(span)).a1
        period = f"{reference_years[0]}–{reference_years[-1]}" if len(reference_years) > 1 else str(reference_years[0])
        problems.add(
            f"Alle Zuweisungen im Bezugszeitraum {period} sind 0; so lässt sich das Budget nicht verteilen.",
            sheet.name,
            area,
        )
