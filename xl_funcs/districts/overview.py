"""The overview workbook "Rückmeldungen": one row per Kreis, and the problems file by file.

Table-model data like the official table, so the same renderers draw it to
an xlsx file (``collect --out``) or into the open workbook (classic add-in).
The corrections are shown beside their difference to the ministry's count.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .. import __version__
from ..table.model import Column, ColumnKind, Document, PrintSettings, Row, Table
from ..table.templates import fill, styles, texts
from ..table.text import german_date, german_weekday
from .collecting import Collection, KreisRow
from .wording import words

# The earliest date a ZIP entry can carry: the timestamp when no file said which Stand it belongs to.
NO_STAND = date(1980, 1, 1)


def overview_document(collection: Collection) -> Document:
    w = words()["uebersicht"]
    year = collection.year
    title = fill(w["dateiname_titel"], jahr=year if year is not None else "")
    return Document(
        title=title.rstrip(),
        file_stem=fill(words()["dateien"]["rueckmeldungen"], jahr=year if year is not None else "")
        .rsplit(".", 1)[0]
        .rstrip("_"),
        stand=collection.stand or NO_STAND,
        sheets=(answers_table(collection), problems_table(collection)),
        author=fill(texts()["dokument"]["autor"], version=__version__),
        language=texts()["dokument"]["sprache"],
    )


def answers_table(collection: Collection) -> Table:
    w = words()["uebersicht"]
    widths = words()["stil"]["breiten"]
    formats = styles()["zahlenformate"]
    years = _years(collection)

    def column(key: str, header: str, width_key: str, kind=ColumnKind.TEXT, number_format=None, align="left"):
        return Column(key, header, kind, number_format or formats["text"], float(widths[width_key]), align)

    columns = [
        column("nr", w["nr"], "nr", ColumnKind.NUMBER, formats["nummer"], "right"),
        column("key", w["kreisschluessel"], "key", ColumnKind.KEY, align="center"),
        column("name", w["kreis"], "name"),
        column("region", w["bezirk"], "region"),
        column("status", w["status"], "status"),
        column("check", w["pruefung"], "pruefung"),
        column("confirmed", w["bestaetigt"], "bestaetigt"),
        column("contact", w["ansprechperson"], "ansprechperson"),
        column("email", w["email"], "email"),
        column("phone", w["telefon"], "telefon"),
        column("remarks", w["bemerkungen"], "bemerkungen"),
    ]
    for year in years:
        columns.append(
            column(
                f"count_{year}",
                fill(w["korrektur"], jahr=year),
                "korrektur",
                ColumnKind.NUMBER,
                formats["anzahl"],
                "right",
            )
        )
        columns.append(
            column(
                f"diff_{year}",
                fill(w["differenz"], jahr=year),
                "differenz",
                ColumnKind.NUMBER,
                "+#,##0;-#,##0;0",
                "right",
            )
        )
    if collection.reply_deadline is not None:
        columns.append(column("saved", w["gespeichert"], "gespeichert", ColumnKind.TEXT, align="center"))
        columns.append(column("deadline", w["frist_spalte"], "frist"))
    columns.append(column("files", w["datei"], "datei"))

    rows = [
        Row(tuple(_cells(collection, number, row, years, [c.key for c in columns])))
        for number, row in enumerate(collection.rows, start=1)
    ]
    notes = []
    if collection.stand is not None:
        notes.append(fill(w["stand"], datum=german_date(collection.stand)))
    notes.append(summary_line(collection))
    if collection.reply_deadline is not None:
        notes.append(deadline_line(collection))
    if collection.manifest is None:
        notes.append(w["ohne_versandliste"])
    title = fill(w["titel"], jahr=collection.year if collection.year is not None else "").rstrip()
    return Table(
        sheet_name=w["blatt"],
        title=title,
        notes=tuple(notes),
        columns=tuple(columns),
        rows=tuple(rows),
        print_settings=_print_settings(title, collection.stand),
    )


def summary_line(collection: Collection) -> str:
    """``40 von 44 Kreisen haben geantwortet, 38 bestätigt; 4 fehlen; 3 Dateien mit Problemen …``."""
    return fill(
        words()["uebersicht"]["zusammenfassung"],
        eingegangen=collection.answered,
        kreise=len(collection.rows),
        bestaetigt=collection.confirmed,
        fehlen=collection.missing,
        beanstandet=collection.files_with_problems,
    )


def deadline_line(collection: Collection) -> str:
    """``Rückmeldefrist: Mittwoch, 30.04.2025; heute (25.04.2025): noch 5 Tage. 1 verspätet eingegangen.``"""
    w = words()["uebersicht"]
    deadline = collection.reply_deadline
    return fill(
        w["frist_zeile"],
        wochentag=german_weekday(deadline),
        datum=german_date(deadline),
        heute=german_date(collection.today),
        lage=time_left(collection.days_left),
        verspaetet=len(collection.late),
    )


def time_left(days: int) -> str:
    """``noch 5 Tage``, ``Frist endet heute``, ``Frist seit 3 Tagen abgelaufen``."""
    w = words()["uebersicht"]
    if days > 0:
        return fill(w["frist_offen"], tage=_days(days))
    if days == 0:
        return w["frist_heute"]
    return fill(w["frist_abgelaufen"], tage=_days(-days, dative=True))


def late_text(days: int) -> str:
    """``3 Tage zu spät``."""
    return fill(words()["uebersicht"]["frist_verspaetet"], tage=_days(days))


def _days(count: int, dative: bool = False) -> str:
    w = words()["uebersicht"]
    if count == 1:
        return w["tag_eins"]
    return fill(w["tage_dativ" if dative else "tage"], anzahl=count)


def problems_table(collection: Collection) -> Table:
    w = words()["uebersicht"]
    kinds = w["arten"]
    widths = words()["stil"]["breiten"]
    text = styles()["zahlenformate"]["text"]
    columns = (
        Column("file", w["spalte_datei"], ColumnKind.TEXT, text, float(widths["datei"])),
        Column("kreis", w["spalte_kreis"], ColumnKind.TEXT, text, float(widths["name"])),
        Column("kind", w["spalte_art"], ColumnKind.TEXT, text, float(widths["art"])),
        Column("message", w["spalte_meldung"], ColumnKind.TEXT, text, float(widths["meldung"])),
    )
    rows = [Row((p.file, p.kreis or None, kinds[p.kind], p.message)) for p in collection.problems]
    if not rows:
        rows = [Row((None, None, None, w["probleme_keine"]))]
    title = w["probleme_titel"]
    return Table(
        sheet_name=w["probleme_blatt"],
        title=title,
        columns=columns,
        rows=tuple(rows),
        print_settings=_print_settings(title, collection.stand),
    )


def _cells(collection: Collection, number: int, row: KreisRow, years: list[int], keys: list[str]) -> list:
    w = words()["uebersicht"]
    answer = row.answer
    if collection.reply_deadline is not None:
        values_deadline = _deadline_cells(collection, row)
    else:
        values_deadline = {}
    values = {
        "nr": number,
        "key": row.key,
        "name": row.label,
        "region": row.region,
        "status": w[f"status_{row.status}"],
        "files": ", ".join(row.files) or None,
    }
    if row.status != "fehlt":
        values["check"] = w["pruefung_beanstandet"] if row.problems else w["pruefung_ok"]
    if answer is not None:
        confirmed = answer.confirmed
        yes, no = words()["rueckmeldung"]["auswahl_bestaetigung"][:2]
        if confirmed == yes.casefold():
            values["confirmed"] = w["bestaetigt_ja"]
        elif confirmed == no.casefold():
            values["confirmed"] = w["bestaetigt_nein"]
        elif confirmed:
            values["confirmed"] = f"{w['bestaetigt_unklar']}: {confirmed}"
        values["contact"] = answer.texts.get("ansprechperson")
        values["email"] = answer.texts.get("email")
        values["phone"] = answer.texts.get("telefon")
        values["remarks"] = answer.texts.get("bemerkungen")
        for year in years:
            corrected = answer.counts.get(year)
            if corrected is None:
                continue
            values[f"count_{year}"] = corrected
            issued = row.issued_counts.get(year)
            if isinstance(corrected, int) and issued is not None:
                values[f"diff_{year}"] = corrected - issued
    values.update(values_deadline)
    return [values.get(key) for key in keys]


def _deadline_cells(collection: Collection, row: KreisRow) -> dict:
    """When the Kreis saved its answer and whether that was in time; for a missing one, the time left."""
    w = words()["uebersicht"]
    if row.answer is None:
        return {"deadline": time_left(collection.days_left)}
    if row.answer.filled_on is None:
        return {"deadline": w["frist_ohne_datum"]}
    late = collection.days_late(row)
    text = w["frist_rechtzeitig"] if not late else late_text(late)
    return {"saved": german_date(row.answer.filled_on), "deadline": text}


def _years(collection: Collection) -> list[int]:
    years: set[int] = set()
    for row in collection.rows:
        years.update(row.issued_counts)
        if row.answer is not None:
            years.update(row.answer.counts)
    return sorted(years)


def _print_settings(title: str, stand) -> PrintSettings:
    table_words = texts()["tabelle"]
    settings = styles()["druck"]
    return PrintSettings(
        paper=settings["papier"],
        orientation="landscape",
        footer_left=fill(table_words["fusszeile_links"], datum=german_date(stand)) if stand else "",
        footer_center=table_words["fusszeile_mitte"],
        footer_right=title.replace("&", "&&"),
        margins_cm=tuple(float(x) for x in settings["raender"]),
    )


def write_overview(collection: Collection, target, *, protect: tuple[Path, ...] = ()) -> Path:
    """The overview as an xlsx file, complete or not at all (``output_files``); OutputError in German otherwise.

    ``protect``: files that must never be overwritten (the answers read, the Versandliste).
    """
    from ..output_files import install_files
    from ..render.xlsx import xlsx_bytes  # openpyxl only where a file is written

    target = Path(target)
    data = xlsx_bytes(overview_document(collection))
    return install_files({target.name: data}, target.parent, protect=protect)[0]
