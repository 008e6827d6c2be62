"""One Kreis's workbook as table-model data, from the Calculation only.

Three sheets, in this order:

- "Kreis <Schlüssel>": the Kreis's counts per year (not published elsewhere),
  its reference value, share, amount, last year's amount and the change, and
  the Berechnungsnachweis in words and numbers: quota = distributed amount ×
  own reference ÷ sum of references, the floor, the remainder's rank, the
  bound or tie that decided, and the engine's explanation in sentences;
- "Rückmeldung": what the ministry issued (Vorgangsnummer, key, amount, counts)
  beside the fields the Kreis fills in (``InputField``);
- the official table exactly as published.

Every figure comes from the Calculation (which has it from the engine); this
module arranges and words them. The writer (``writer``) draws the document
and makes the input fields editable; nothing here imports openpyxl.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from .. import __version__
from ..calculation import Calculation, DistrictResult
from ..engine import Method
from ..engine.exact import whole_or_exact
from ..engine.notation import german_number
from ..table.explanation import EuroText, exact_number_text, explanation_text, transition_text
from ..table.model import (
    Cell,
    Column,
    ColumnKind,
    Document,
    PrintSettings,
    Row,
    RowRole,
    Table,
)
from ..table.official import issuer_lines, method_in_words, official_table, publisher_of, tie_rule_reason, tie_sentences
from ..table.templates import fill, styles, texts
from ..table.text import german_date, german_weekday, percent_text
from .identity import issue_number, workbook_file_name, zip_file_name
from .wording import words

ANSWER = "answer"  # column key of the Rückmeldung's input column


@dataclass(frozen=True)
class InputField:
    """A cell of the Rückmeldung the Kreis fills in."""

    name: str  # "bestaetigung", "ansprechperson", "email", "telefon", "bemerkungen", "zuweisungen_2023"
    kind: str  # "choice" | "text" | "long_text" | "count"
    row: int  # index of its row in the Rückmeldung table
    year: int | None = None  # for counts
    issued: int | None = None  # the ministry's count, for counts

    @property
    def is_count(self) -> bool:
        return self.kind == "count"


@dataclass(frozen=True)
class DistrictWorkbook:
    result: DistrictResult
    year: int  # Haushaltsjahr
    document: Document
    issue_number: str
    file_name: str
    zip_name: str
    fields: tuple[InputField, ...]
    reply_deadline: date | None = None  # Rückmeldefrist, recorded in the file for collect

    @property
    def key(self) -> str:
        return self.result.district.key

    @property
    def feedback_table(self) -> Table:
        return self.document.sheet(words()["rueckmeldung"]["blatt"])


def district_workbooks(calculation: Calculation) -> tuple[DistrictWorkbook, ...]:
    """The 44 workbooks in the order of the input; the official table is built once for all."""
    official = official_table(calculation)
    return tuple(district_workbook(calculation, index, official) for index in range(len(calculation.rows)))


def district_workbook(calculation: Calculation, index: int, official: Table | None = None) -> DistrictWorkbook:
    result = calculation.rows[index]
    district = result.district
    p = calculation.inputs.parameters
    number = issue_number(calculation.inputs.digest, p.year, district.key)
    feedback, fields = feedback_table(calculation, index, number)
    document_words = words()["dokument"]
    official_words = texts()["dokument"]
    title = fill(document_words["titel"], jahr=p.year, kreis=district.label)
    file_name = workbook_file_name(district.key, district.name, district.kind)
    document = Document(
        title=title,
        file_stem=file_name.rsplit(".", 1)[0],
        stand=p.stand,
        sheets=(district_table(calculation, index), feedback, official or official_table(calculation)),
        author=p.issuer or fill(official_words["autor"], version=__version__),
        publisher=publisher_of(p),
        contact=p.contact,
        language=official_words["sprache"],
        subject=fill(document_words["betreff"], jahr=p.year, kreis=district.label),
        keywords=fill(document_words["stichworte"], jahr=p.year, schluessel=district.key),
    )
    return DistrictWorkbook(
        result=result,
        year=p.year,
        document=document,
        issue_number=number,
        file_name=file_name,
        zip_name=zip_file_name(p.year, district.region),
        fields=fields,
        reply_deadline=p.reply_deadline,
    )


# --- the Kreis sheet ----------------------------------------------------------------------------


def district_table(calculation: Calculation, index: int) -> Table:
    w = words()["kreisblatt"]
    look = words()["stil"]
    formats = styles()["zahlenformate"]
    p = calculation.inputs.parameters
    result = calculation.rows[index]
    district = result.district
    rows: list[Row] = []

    def line(label: str, value) -> None:
        rows.append(Row((label, value)))

    def section(text: str) -> None:
        rows.append(Row((text, None), RowRole.SECTION))

    # The amount first, large and filled: what a Kreis opens the file for.
    money = formats["betrag" if isinstance(whole_or_exact(result.amount), int) else "betrag_cent"]
    rows.append(Row((fill(w["betrag_oben"], jahr=p.year), Cell(whole_or_exact(result.amount), money)), RowRole.HIGHLIGHT))
    sender = sender_lines(p, w)
    if sender:
        section(w["abschnitt_absender"])
        for label, value in sender:
            line(label, value)

    section(w["abschnitt_kreis"])
    line(w["kreisschluessel"], district.key)
    line(w["name"], district.name)
    line(w["art"], district.kind)
    line(w["bezirk"], district.region)

    section(w["abschnitt_zahlen"])
    for year, count in district.counts:
        label = w["zuweisungen_bezug" if year in p.reference_years else "zuweisungen"]
        line(fill(label, jahr=year), Cell(count, formats["anzahl"]))

    section(fill(w["abschnitt_ergebnis"], jahr=p.year))
    reference_format = formats["anzahl" if result.reference.denominator == 1 else "anzahl_bruch"]
    line(fill(w["bezugsgroesse"], bezug=_reference_words(calculation)), Cell(result.reference, reference_format))
    line(w["anteil"], Cell(result.shown_share, formats["anteil"]))  # as printed in the official table
    money = formats["betrag" if isinstance(whole_or_exact(result.amount), int) else "betrag_cent"]
    line(fill(w["mittel"], jahr=p.year), Cell(whole_or_exact(result.amount), money))
    if calculation.has_previous:
        vorjahr = p.previous_year
        if result.previous is None:
            line(fill(w["vorjahr"], vorjahr=vorjahr), w["kein_vorjahr"])
        else:
            line(fill(w["vorjahr"], vorjahr=vorjahr), Cell(whole_or_exact(result.previous), money))
            line(fill(w["veraenderung"], vorjahr=vorjahr), Cell(whole_or_exact(result.change), formats["veraenderung_betrag"]))
            if result.change_ratio is not None:
                line(
                    fill(w["veraenderung_anteil"], vorjahr=vorjahr),
                    Cell(result.change_ratio, formats["veraenderung_anteil"]),
                )

    if calculation.inputs.instalments:
        section(fill(w["abschnitt_abschlaege"], jahr=p.year))
        for label, value in instalment_lines(calculation, index, money):
            line(label, value)

    # Every value of the block above is a number with a format, shown in the reader's locale; every value of
    # the Nachweis is German text, exact as the engine computed it. The arithmetic of the reference count is
    # such text, so it opens the Nachweis instead of sitting among the numbers (1.909,33 beside 1,909.33).
    section(w["abschnitt_nachweis"])
    line(w["bezug_rechnung"], _reference_arithmetic(calculation, index))
    for label, value in proof_lines(calculation, index):
        line(label, value)

    section(w["abschnitt_verfahren"])
    for number, sentence in enumerate(method_in_words(calculation), start=1):
        line(f"{number}.", sentence)

    title = fill(w["titel"], kreis=district.label, jahr=p.year)
    return Table(
        sheet_name=fill(w["blatt"], schluessel=district.key),
        title=title,
        subtitle=w["untertitel"],
        notes=(
            fill(texts()["tabelle"]["stand"], datum=german_date(p.stand)),
            *deadline_note(p, w),
            fill(texts()["tabelle"]["vorbehalt"], jahr=p.year),
            *issuer_lines(p),
            w["vertraulich"],
        ),
        warnings=_warnings(calculation),
        columns=(
            Column("label", w["spalte_angabe"], ColumnKind.TEXT, formats["text"], float(look["breiten"]["angabe"])),
            Column("value", w["spalte_wert"], ColumnKind.TEXT, formats["text"], float(look["breiten"]["wert"])),
        ),
        rows=tuple(rows),
        print_settings=print_settings(title, p.stand),
    )


def instalment_lines(calculation: Calculation, index: int, money: str) -> list[tuple[str, Cell]]:
    """The Kreis's own row of the Auszahlungsplan: one line per date, then their sum (its amount)."""
    from ..payments.money import euros
    from ..payments.plan import plan_instalments

    w = words()["kreisblatt"]
    plan = plan_instalments(calculation)
    lines = []
    for j, (due, share) in enumerate(zip(plan.dates, plan.shares)):
        label = fill(
            w["abschlag"], nummer=j + 1, datum=german_date(due), anteil=percent_text(Fraction(share), places=None)
        )
        lines.append((label, Cell(euros(plan.entries[index][j], plan.unit), money)))
    total = fill(w["abschlaege_summe"], jahr=plan.year)
    lines.append((total, Cell(euros(sum(plan.entries[index]), plan.unit), money)))
    return lines


def proof_lines(calculation: Calculation, index: int) -> list[tuple[str, str]]:
    """The Berechnungsnachweis as (label, value) lines, values as exact German text."""
    w = words()["kreisblatt"]
    allocation = calculation.allocation
    detail = calculation.rows[index].explanation
    p = calculation.inputs.parameters
    unit = allocation.unit
    euro = EuroText(unit)
    lines: list[tuple[str, str]] = [(w["foerderbetrag"], euro.of_euros(allocation.budget))]

    if detail.base:
        lines.append((w["sockel"], euro(detail.base)))

    bounded = any(row.explanation.bound is not None for row in calculation.rows)
    pool_units = detail.pool_units
    participant_weight = detail.pool_weight
    if detail.bound is None:
        if detail.base or bounded:
            lines.append((w["verteilt_grenzen" if bounded else "verteilt"], euro(pool_units)))
        lines.append((w["summe_bezug_grenzen" if bounded else "summe_bezug"], exact_number_text(participant_weight)))
        lines.append((w["eigene_bezug"], exact_number_text(detail.weight)))
        # The formula is shown only where it gives the engine's quota exactly.
        if participant_weight and Fraction(pool_units) * detail.weight / participant_weight == detail.quota:
            label = fill(
                w["quote"],
                verteilt=euro(pool_units),
                eigene=exact_number_text(detail.weight),
                summe=exact_number_text(participant_weight),
            )
        else:
            label = w["quote"].split("=")[0].strip()
        lines.append((label, euro(detail.quota)))
        if detail.method is Method.HARE_NIEMEYER:
            lines.extend(_largest_remainder_lines(detail, euro, p))
        else:
            lines.extend(_divisor_lines(detail, euro))
    else:
        result = calculation.rows[index]
        if detail.bound == "lower":
            lines.append((w["grenze"], w["untergrenze"]))
            if result.lower is not None:
                lines.append((w["untergrenze_wert"], euro.of_euros(result.lower)))
        else:
            lines.append((w["grenze"], w["obergrenze"]))
            if result.district.upper is not None:
                lines.append((w["obergrenze_wert"], euro.of_euros(Fraction(result.district.upper))))

    transition = calculation.rows[index].transition
    if transition is not None:
        lines.extend(_transition_lines(calculation, transition, euro))
    for tie, sentence in zip(calculation.ties, tie_sentences(calculation)):
        if index in tie.rows:
            lines.append((w["gleichstand"], sentence))
    # The result is what the budget pays (the amount of the official table); a fund's top-up comes on top.
    lines.append((fill(w["ergebnis"], jahr=p.year), euro(detail.units if transition is None else transition.units)))
    if transition is not None and transition.top_up:
        lines.append((w["mit_fonds"], euro(transition.total)))
    labels = [row.district.label for row in calculation.rows]
    reason = tie_rule_reason(p)
    if calculation.transition is not None:
        words_text = transition_text(calculation.transition, index, labels=labels, tie_rule=reason)
    else:
        words_text = explanation_text(allocation, index, labels=labels, tie_rule=reason)
    lines.append((w["in_worten"], words_text))
    return lines


def _transition_lines(calculation: Calculation, row, euro: EuroText) -> list[tuple[str, str]]:
    """What the transition rules did to this Kreis: by the key, the rule that applied, with it."""
    w = words()["kreisblatt"]
    p = calculation.inputs.parameters
    lines = [(w["uebergang_ohne"], euro(row.without))]
    if row.minimum is not None:
        lines.append((fill(w["uebergang_minimum"], vorjahr=p.previous_year), euro(row.minimum)))
    if row.maximum is not None:
        lines.append((fill(w["uebergang_maximum"], vorjahr=p.previous_year), euro(row.maximum)))
    gain_rate = calculation.transition.gain_rate
    if row.capped_gain and gain_rate is not None:
        lines.append((w["uebergang_rate"], german_number(gain_rate * 100, 4) + " %"))
    lines.append((w["uebergang_budget"], euro(row.units)))
    if row.top_up:
        lines.append((w["uebergang_fonds"], euro(row.top_up)))
    difference = ("+" if row.difference > 0 else "") + euro(row.difference)
    lines.append((w["uebergang_differenz"], difference))
    return lines


def _largest_remainder_lines(detail, euro: EuroText, p) -> list[tuple[str, str]]:
    w = words()["kreisblatt"]
    unit_words = texts()["grundlagen"]["methode"]
    einheit_wort = (
        unit_words["einheit_euro"]
        if p.unit == 1
        else fill(unit_words["einheit_vielfaches"], einheit=german_number(p.unit))
    )
    lines = [
        (fill(w["abgerundet"], einheit_wort=einheit_wort), euro(detail.floor)),
        (w["rest"], euro(detail.remainder)),
    ]
    if detail.extra_units > 0:
        left = fill(w["uebrig_wert"], betrag=euro(detail.extra_units), einheit=euro(1), anzahl=detail.extra_units)
    else:
        left = w["uebrig_keiner"]
    lines.append((w["uebrig"], left))
    if detail.rank is not None:
        lines.append((w["rang"], fill(w["rang_wert"], rang=detail.rank, von=detail.remainder_rows)))
    lines.append((fill(w["zusatz"], einheit=euro(1)), w["ja"] if detail.got_extra else w["nein"]))
    return lines


def _divisor_lines(detail, euro: EuroText) -> list[tuple[str, str]]:
    w = words()["kreisblatt"]
    if not detail.multiplier:
        return []
    rounding = w["gerundet_ab"] if detail.method is Method.DHONDT else w["gerundet_kaufmaennisch"]
    return [
        (w["divisor"], exact_number_text(1 / detail.multiplier)),
        (fill(w["quotient"], einheit=euro(1)), exact_number_text(detail.weight * detail.multiplier)),
        (fill(w["gerundet"], rundung=rounding), german_number(detail.units - detail.base)),
    ]


# --- the Rückmeldung sheet ----------------------------------------------------------------------


def feedback_table(calculation: Calculation, index: int, number: str) -> tuple[Table, tuple[InputField, ...]]:
    w = words()["rueckmeldung"]
    look = words()["stil"]
    formats = styles()["zahlenformate"]
    p = calculation.inputs.parameters
    result = calculation.rows[index]
    district = result.district
    rows: list[Row] = []
    fields: list[InputField] = []

    def line(label: str, issued=None) -> int:
        rows.append(Row((label, issued, None)))
        return len(rows) - 1

    def section(text: str) -> None:
        rows.append(Row((text, None, None), RowRole.SECTION))

    sender = sender_lines(p, w)
    if sender:
        section(w["abschnitt_absender"])
        for label, value in sender:
            line(label, value)

    section(w["abschnitt_zuordnung"])
    line(w["vorgangsnummer"], number)
    line(w["kreisschluessel"], district.key)
    line(w["kreis"], district.label)
    money = formats["betrag" if isinstance(whole_or_exact(result.amount), int) else "betrag_cent"]
    line(fill(w["mittel"], jahr=p.year), Cell(whole_or_exact(result.amount), money))

    section(w["abschnitt_antwort"])
    for name, kind in (
        ("bestaetigung", "choice"),
        ("ansprechperson", "text"),
        ("email", "text"),
        ("telefon", "text"),
        ("bemerkungen", "long_text"),
    ):
        fields.append(InputField(name, kind, line(w[name])))

    section(w["abschnitt_korrektur"])
    for year, count in district.counts:
        row = line(fill(w["zuweisungen"], jahr=year), Cell(count, formats["anzahl"]))
        fields.append(InputField(f"zuweisungen_{year}", "count", row, year=year, issued=count))

    title = fill(w["titel"], kreis=district.label, jahr=p.year)
    table = Table(
        sheet_name=w["blatt"],
        title=title,
        notes=(fill(texts()["tabelle"]["stand"], datum=german_date(p.stand)), *_instructions(p, w)),
        warnings=_warnings(calculation),
        columns=(
            Column("label", w["spalte_angabe"], ColumnKind.TEXT, formats["text"], float(look["breiten"]["angabe"])),
            Column(
                "issued",
                w["spalte_ministerium"],
                ColumnKind.TEXT,
                formats["text"],
                float(look["breiten"]["ministerium"]),
            ),
            Column(ANSWER, w["spalte_eingabe"], ColumnKind.TEXT, formats["text"], float(look["breiten"]["eingabe"])),
        ),
        rows=tuple(rows),
        print_settings=print_settings(title, p.stand),
    )
    return table, tuple(fields)


# --- shared pieces ------------------------------------------------------------------------------


def sender_lines(p, w: dict) -> list[tuple[str, str]]:
    """Herausgeber (with Referat), Kontakt and Rückmeldefrist, those the workbook gives, as (label, text)."""
    lines = []
    issuer = ", ".join(part for part in (p.issuer, p.department) if part)
    if issuer:
        lines.append((w["herausgeber"], issuer))
    if p.contact:
        lines.append((w["kontakt"], p.contact))
    if p.reply_deadline is not None:
        deadline = german_deadline(p.reply_deadline)
        lines.append((w["frist"], fill(w["frist_wert"], **deadline)))
    return lines


def german_deadline(day) -> dict[str, str]:
    """The placeholders a text about the deadline may use: {wochentag}, {datum}."""
    return {"wochentag": german_weekday(day), "datum": german_date(day)}


def deadline_note(p, w: dict) -> tuple[str, ...]:
    """The line under the Kreis sheet's title naming the deadline and whom to send the answer; none without one."""
    if p.reply_deadline is None:
        return ()
    to = p.contact or words()["rueckmeldung"]["an_ministerium"]
    return (fill(w["frist_hinweis"], an=to, **german_deadline(p.reply_deadline)),)


def _instructions(p, w: dict) -> tuple[str, ...]:
    """The Rückmeldung's instructions, naming whom to send it to and by when."""
    to = p.contact or w["an_ministerium"]
    by = fill(w["bis_frist"], **german_deadline(p.reply_deadline)) if p.reply_deadline is not None else ""
    return tuple(fill(line, an=to, bis=by) for line in w["anleitung"])


def print_settings(title: str, stand) -> PrintSettings:
    """Portrait A4 on the page width, with the footer of the official table."""
    table_words = texts()["tabelle"]
    settings = styles()["druck"]
    return PrintSettings(
        paper=settings["papier"],
        orientation="portrait",
        footer_left=fill(table_words["fusszeile_links"], datum=german_date(stand)),
        footer_center=table_words["fusszeile_mitte"],
        footer_right=fill(table_words["fusszeile_rechts"], titel=title.replace("&", "&&")),
        margins_cm=tuple(float(x) for x in settings["raender"]),
    )


def _warnings(calculation: Calculation) -> tuple[str, ...]:
    return (texts()["tabelle"]["beispieldaten"],) if calculation.inputs.parameters.sample_data else ()


def _reference_words(calculation: Calculation) -> str:
    p = calculation.inputs.parameters
    w = words()["kreisblatt"]
    if len(p.reference_years) == 1:
        return fill(w["bezug_ein_jahr"], zeitraum=p.reference_period)
    if p.year_weights is None or len(set(p.year_weights)) == 1:
        return fill(w["bezug_mittelwert"], zeitraum=p.reference_period)
    weights = "; ".join(f"{y}: {german_number(g)}" for y, g in zip(p.reference_years, p.year_weights))
    return fill(w["bezug_gewichtet"], zeitraum=p.reference_period, gewichte=weights)


def _reference_arithmetic(calculation: Calculation, index: int) -> str:
    """``(1.676 + 2.326 + 1.547) ÷ 3 = 1.849,666666…``, weighted: ``(2 × 1.676 + …) ÷ 4``."""
    p = calculation.inputs.parameters
    result = calculation.rows[index]
    counts = [result.district.count(year) for year in p.reference_years]
    if p.year_weights is None or len(set(p.year_weights)) == 1:
        terms = [german_number(c) for c in counts]
        divisor = Fraction(len(counts))
    else:
        weights = [Fraction(g) for g in p.year_weights]
        terms = [f"{exact_number_text(g)} × {german_number(c)}" for g, c in zip(weights, counts)]
        divisor = sum(weights, Fraction(0))
    if len(terms) == 1 and divisor == 1:
        return f"{terms[0]} = {exact_number_text(result.reference)}"
    return f"({' + '.join(terms)}) ÷ {exact_number_text(divisor)} = {exact_number_text(result.reference)}"
