"""The official table "Vorläufige Mittelverteilung Integrationsmanagement <Jahr>" from a Calculation.

Two sheets: the table itself and "Berechnungsgrundlagen" (parameters, the
method in words, bounds and ties that decided an amount, the inputs' SHA-256,
the program version). Every figure comes from the Calculation; this module
only arranges, sums for subtotals, and words.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from .. import __version__
from ..calculation import Calculation, DistrictResult, Totals, totals
from ..charts import publication_charts
from ..engine.exact import decimal_of, whole_or_exact
from ..engine.notation import german_number
from .model import (
    Cell,
    Column,
    ColumnKind,
    Document,
    PrintSettings,
    Row,
    RowRole,
    Table,
)
from .templates import fill, styles, texts
from .text import german_date, percent_text


def official_document(calculation: Calculation) -> Document:
    """Both sheets and the charts, with the file properties every renderer stamps on the output."""
    words = texts()["dokument"]
    p = calculation.inputs.parameters
    table = official_table(calculation)
    return Document(
        title=table.title,
        file_stem=fill(words["dateiname"], jahr=p.year),
        stand=p.stand,
        sheets=(table, basis_table(calculation)),
        author=p.issuer or fill(words["autor"], version=__version__),
        language=words["sprache"],
        subject=words["betreff"],
        keywords=fill(words["stichworte"], jahr=p.year),
        charts=publication_charts(calculation),
        publisher=publisher_of(p),
        contact=p.contact,
    )


def official_table(calculation: Calculation) -> Table:
    words = texts()["tabelle"]
    p = calculation.inputs.parameters
    title = fill(texts()["dokument"]["titel"], jahr=p.year)
    columns = official_columns(calculation)
    keys = [column.key for column in columns]

    rows: list[Row] = []
    number = 0
    for region, results in _groups(calculation):
        for result in results:
            number += 1
            rows.append(_row(keys, _data_cells(number, result)))
        if region is not None:
            label = fill(words["zwischensumme"], bezirk=region)
            rows.append(_row(keys, _sum_cells(label, totals(results)), RowRole.SUBTOTAL))
    total = totals(calculation.rows)
    if total.amount != whole_or_exact(calculation.allocation.budget):
        raise AssertionError("the amounts do not add up to the budget")  # the engine guarantees it
    rows.append(_row(keys, _sum_cells(words["summe"], total), RowRole.TOTAL))

    notes = (fill(words["stand"], datum=german_date(p.stand)), fill(words["vorbehalt"], jahr=p.year))
    notes += issuer_lines(p)
    return Table(
        sheet_name=fill(words["blatt"], jahr=p.year),
        title=title,
        subtitle=words["untertitel"],
        notes=notes,
        warnings=_warnings(p),
        columns=columns,
        rows=tuple(rows),
        footnotes=_footnotes(calculation),
        print_settings=_print_settings(title, p.stand, styles()["druck"]),
    )


def official_columns(calculation: Calculation) -> tuple[Column, ...]:
    """The columns of the official table; the previous year's three only where its amounts exist."""
    p = calculation.inputs.parameters
    look = styles()
    formats = look["zahlenformate"]
    whole_references = all(r.reference.denominator == 1 for r in calculation.rows)
    reference_format = formats["anzahl" if whole_references else "anzahl_bruch"]
    cents = not all(_whole_or_none(r.amount) for r in calculation.rows)
    previous_cents = not all(_whole_or_none(r.previous) for r in calculation.rows)
    kinds = {
        "nr": (ColumnKind.NUMBER, formats["nummer"]),
        "key": (ColumnKind.KEY, formats["text"]),
        "name": (ColumnKind.TEXT, formats["text"]),
        "kind": (ColumnKind.TEXT, formats["text"]),
        "region": (ColumnKind.TEXT, formats["text"]),
        "reference": (ColumnKind.NUMBER, reference_format),
        "share": (ColumnKind.NUMBER, formats["anteil"]),
        "amount": (ColumnKind.AMOUNT, formats["betrag_cent" if cents else "betrag"]),
        "previous": (ColumnKind.AMOUNT, formats["betrag_cent" if previous_cents else "betrag"]),
        "change": (
            ColumnKind.AMOUNT,
            formats["veraenderung_betrag_cent" if cents or previous_cents else "veraenderung_betrag"],
        ),
        "change_ratio": (ColumnKind.NUMBER, formats["veraenderung_anteil"]),
    }
    fields = dict(jahr=p.year, vorjahr=p.previous_year, bezug_kurz=_reference_short(calculation))
    columns = []
    for spec in texts()["tabelle"]["spalten"]:
        if spec.get("nur_mit_vorjahr") and not calculation.has_previous:
            continue
        key = spec["schluessel"]
        kind, number_format = kinds[key]
        columns.append(
            Column(
                key=key,
                header=fill(spec["kopf"], **fields),
                kind=kind,
                number_format=number_format,
                width=float(look["breiten"][key]),
                align=look["ausrichtung"].get(key, "left"),
            )
        )
    return tuple(columns)


def basis_table(calculation: Calculation) -> Table:
    """Sheet "Berechnungsgrundlagen": everything needed to retrace the amounts by hand."""
    words = texts()["grundlagen"]
    inputs = calculation.inputs
    p = inputs.parameters
    formats = styles()["zahlenformate"]
    title = fill(texts()["dokument"]["titel"], jahr=p.year)
    yes, no = words["ja"], words["nein"]
    whole_euros = all(isinstance(whole_or_exact(value), int) for value in (p.budget, p.unit, p.base))
    money = formats["betrag" if whole_euros else "betrag_cent"]

    rows: list[Row] = [_section(words["abschnitt_parameter"])]

    def line(label: str, value) -> None:
        rows.append(Row((label, value)))

    line(words["haushaltsjahr"], Cell(p.year, formats["nummer"]))
    line(words["budget"], Cell(whole_or_exact(p.budget), money))
    line(words["verfahren"], p.method.label)
    line(words["einheit"], Cell(whole_or_exact(p.unit), money))
    line(words["bezugszeitraum"], p.reference_period)
    line(words["gewichtung"], _year_weights_text(p) or words["gewichtung_gleich"])
    line(words["sockel"], Cell(whole_or_exact(p.base), money))
    line(
        words["verlustbegrenzung"],
        words["verlustbegrenzung_keine"] if p.loss_cap is None else Cell(Fraction(p.loss_cap), formats["anteil"]),
    )
    _transition_parameter_lines(calculation, line, money, formats)
    line(words["kreise"], Cell(len(inputs.districts), formats["nummer"]))
    total_reference = calculation.total_reference
    line(
        words["bezug_summe"],
        Cell(total_reference, formats["anzahl"] if total_reference.denominator == 1 else formats["anzahl_bruch"]),
    )
    if calculation.previous_total is not None:
        line(fill(words["vorjahr_summe"], vorjahr=p.previous_year), Cell(whole_or_exact(calculation.previous_total), money))
    line(words["zwischensummen"], yes if p.subtotals else no)
    line(words["stand"], Cell(p.stand, formats["datum"]))
    if p.source_note:
        line(words["datenquelle"], p.source_note)
    line(words["beispieldaten"], yes if p.sample_data else no)

    rows.append(_section(words["abschnitt_verfahren"]))
    for number, sentence in enumerate(method_in_words(calculation), start=1):
        line(f"{number}.", sentence)

    rows.append(_section(words["abschnitt_grenzen"]))
    bounded = [r for r in calculation.rows if r.explanation.bound is not None]
    if not bounded:
        line("", words["keine_grenze"])
    for result in bounded:
        side = words["untergrenze"] if result.explanation.bound == "lower" else words["obergrenze"]
        line(result.district.label, side)

    if calculation.transition is not None:
        rows.append(_section(words["abschnitt_uebergang"]))
        changed = transition_lines(calculation)
        if not changed:
            line("", words["kein_uebergang"])
        for label, text in changed:
            line(label, text)

    rows.append(_section(words["abschnitt_gleichstand"]))
    if not calculation.ties:
        line("", words["kein_gleichstand"])
    for number, sentence in enumerate(tie_sentences(calculation), start=1):
        line(f"{number}.", sentence)

    rows.append(_section(words["abschnitt_pruefung"]))
    line(words["pruefsumme"], inputs.digest)
    line("", words["pruefsumme_hinweis"])
    line(words["programm"], fill(words["programm_wert"], version=__version__))

    look = styles()
    settings = _print_settings(title, p.stand, {**look["druck"], **look["grundlagen"]["druck"]})
    return Table(
        sheet_name=words["blatt"],
        title=fill(words["titel"], titel=title),
        notes=(fill(texts()["tabelle"]["stand"], datum=german_date(p.stand)), *issuer_lines(p)),
        # No second sample-data notice: the table above carries it, and "Beispieldaten: ja" stands here.
        columns=(
            Column("label", words["spalte_angabe"], ColumnKind.TEXT, formats["text"], float(look["breiten"]["angabe"])),
            Column("value", words["spalte_wert"], ColumnKind.TEXT, formats["text"], float(look["breiten"]["wert"])),
        ),
        rows=tuple(rows),
        print_settings=settings,
    )


def method_in_words(calculation: Calculation) -> tuple[str, ...]:
    """The rule as sentences a person can follow with a pocket calculator."""
    words = texts()["grundlagen"]["methode"]
    p = calculation.inputs.parameters
    if p.unit == 1:
        unit_words = words["einheit_euro"]
    else:
        unit_words = fill(words["einheit_vielfaches"], einheit=german_number(p.unit))
    fields = dict(
        bezug=_reference_text(calculation, words),
        einheit_wort=unit_words,
        budget=german_number(whole_or_exact(p.budget)),
    )
    sentences = [fill(sentence, **fields) for sentence in words[p.method.value]]
    # The tie rule goes before the closing sentence about the sum.
    sentences.insert(len(sentences) - 1, tie_rule_sentence(p))
    if p.base:
        sentences.append(fill(words["sockel"], sockel=german_number(whole_or_exact(p.base))))
    sentences.extend(_transition_sentences(calculation, words, unit_words))
    bounded = any(d.lower is not None or d.upper is not None for d in calculation.inputs.districts)
    capped = p.max_gain is not None or (p.loss_cap is not None and p.financing == "all")
    if bounded or capped:
        quota = p.bound_rule == "quota" and p.method.value == "hare-niemeyer"
        sentences.append(words["grenzen_quote" if quota else "grenzen"])
    return tuple(sentences)


def tie_rule_sentence(p) -> str:
    """The published sentence on exact ties, from the parameters that decide them."""
    return fill(texts()["grundlagen"]["methode"]["gleichstand"][p.tie_rule], losnummer=p.seed or "")


def tie_rule_reason(p) -> str:
    """The same rule as a clause: "…, weil {reason}."."""
    return fill(texts()["grundlagen"]["methode"]["gleichstand_grund"][p.tie_rule], losnummer=p.seed or "")


def transition_lines(calculation: Calculation) -> list[tuple[str, str]]:
    """Per Kreis whose amount a transition rule changed: without the rule, with it, the difference."""
    words = texts()["grundlagen"]
    transition = calculation.transition
    if transition is None:
        return []
    euro = lambda units: german_number(whole_or_exact(decimal_of(units * transition.unit))) + " €"  # noqa: E731
    lines = []
    for result, row in zip(calculation.rows, transition.rows):
        if row.difference == 0 and not row.top_up:
            continue
        values = dict(
            ohne=euro(row.without),
            mit=euro(row.units),
            fonds=euro(row.top_up),
            zusammen=euro(row.total),
            differenz=("+" if row.difference > 0 else "") + euro(row.difference),
        )
        template = words["uebergang_zeile_fonds" if transition.financing == "fund" else "uebergang_zeile"]
        lines.append((result.district.label, fill(template, **values)))
    return lines


def _transition_parameter_lines(calculation: Calculation, line, money, formats) -> None:
    """The parameters of the transition rules and conventions, on the Berechnungsgrundlagen sheet."""
    words = texts()["grundlagen"]
    p = calculation.inputs.parameters
    transition = calculation.transition
    if p.loss_cap is not None:
        line(words["finanzierung"], words[f"finanzierung_{p.financing}"])
    if p.max_gain is not None:
        line(words["zuwachsbegrenzung"], Cell(Fraction(p.max_gain), formats["anteil"]))
    if p.phase_in is not None:
        line(words["uebergangsanteil"], Cell(Fraction(p.phase_in), formats["anteil"]))
    if transition is not None and transition.gain_rate is not None:
        line(words["gewinnrate"], Cell(transition.gain_rate, formats["anteil"]))
    if transition is not None and transition.financing == "fund":
        line(words["fonds"], Cell(whole_or_exact(transition.fund), money))
    if transition is not None:
        moved = transition.moved_units * transition.unit
        line(words["bewegt"], Cell(whole_or_exact(decimal_of(moved)), money))
    line(words["gleichstandsregel"], words[f"gleichstandsregel_{p.tie_rule}"])
    if p.tie_rule == "lot":
        line(words["losnummer"], p.seed or "")
    if p.bound_rule != "redistribute":
        line(words["grenzregel"], words[f"grenzregel_{p.bound_rule}"])


def _transition_sentences(calculation: Calculation, words: dict, unit_words: str) -> list[str]:
    p = calculation.inputs.parameters
    transition = calculation.transition
    fields = dict(vorjahr=p.previous_year, einheit_wort=unit_words)
    sentences = []
    if p.phase_in is not None:
        old = Fraction(p.phase_in)
        sentences.append(
            fill(words["uebergang"], alt=percent_text(old, places=None), neu=percent_text(1 - old, places=None), **fields)
        )
    if p.loss_cap is not None:
        percent = percent_text(Fraction(p.loss_cap), places=None)
        if p.financing == "gainers":
            rate = None if transition is None else transition.gain_rate
            if rate is None:
                sentences.append(fill(words["verlust_gewinner_ohne"], prozent=percent, **fields))
            else:
                sentences.append(fill(words["verlust_gewinner"], prozent=percent, rate=_rate_text(rate), **fields))
        elif p.financing == "fund":
            fund = 0 if transition is None else transition.fund
            sentences.append(fill(words["verlust_fonds"], prozent=percent, fonds=german_number(whole_or_exact(fund)), **fields))
        else:
            sentences.append(fill(words["verlust_alle"], prozent=percent, **fields))
    if p.max_gain is not None:
        sentences.append(fill(words["zuwachs"], prozent=percent_text(Fraction(p.max_gain), places=None), **fields))
    return sentences


def _rate_text(rate: Fraction) -> str:
    """A rate in percent, exact where it ends, else to four places marked "…"."""
    return german_number(rate * 100, 4)


def tie_sentences(calculation: Calculation) -> tuple[str, ...]:
    words = texts()["grundlagen"]
    districts = calculation.inputs.districts
    unit = calculation.allocation.unit
    sentences = []
    reason = tie_rule_reason(calculation.inputs.parameters)
    for tie in calculation.ties:
        value = tie.value * unit if not calculation.allocation.method.is_divisor_method else tie.value
        sentences.append(
            fill(
                words["gleichstand"],
                wert=german_number(value),
                gewinner=", ".join(districts[i].label for i in tie.winners),
                verlierer=", ".join(districts[i].label for i in tie.losers),
                regel=reason,
            )
        )
    return tuple(sentences)


# --- rows ---------------------------------------------------------------------------------------


def _groups(calculation: Calculation):
    """(region, results) in the order of the input; one group without a region when no subtotals."""
    if not calculation.inputs.parameters.subtotals:
        return [(None, calculation.rows)]
    order: dict[str, list[DistrictResult]] = {}
    for result in calculation.rows:
        order.setdefault(result.district.region, []).append(result)
    return list(order.items())


def _data_cells(number: int, result: DistrictResult) -> dict:
    d = result.district
    previous = None if result.previous is None else whole_or_exact(result.previous)
    change = None if result.change is None else whole_or_exact(result.change)
    return {
        "nr": number,
        "key": d.key,
        "name": d.name,
        "kind": d.kind,
        "region": d.region,
        "reference": result.reference,
        "share": result.shown_share,
        "amount": whole_or_exact(result.amount),
        "previous": previous,
        "change": change,
        "change_ratio": result.change_ratio,
    }


def _sum_cells(label: str, sums: Totals) -> dict:
    return {
        "name": label,
        "reference": sums.reference,
        "share": sums.shown_share,
        "amount": whole_or_exact(sums.amount),
        "previous": None if sums.previous is None else whole_or_exact(sums.previous),
        "change": None if sums.change is None else whole_or_exact(sums.change),
        "change_ratio": sums.change_ratio,
    }


def _row(keys: list[str], values: dict, role: RowRole = RowRole.DATA) -> Row:
    return Row(tuple(values.get(key) for key in keys), role)


def _section(text: str) -> Row:
    return Row((text, None), RowRole.SECTION)


# --- wording ------------------------------------------------------------------------------------


def _footnotes(calculation: Calculation) -> tuple[str, ...]:
    words = texts()["fussnoten"]
    p = calculation.inputs.parameters
    notes = [_reference_text(calculation, words)]
    unit_words = texts()["einheit"]
    if p.unit == 1:
        unit_text = unit_words["euro"]
    elif p.unit == Decimal("0.01"):
        unit_text = unit_words["cent"]
    else:
        unit_text = fill(unit_words["vielfaches"], einheit=german_number(p.unit))
    budget = german_number(whole_or_exact(p.budget))
    notes.append(fill(words["verfahren"], verfahren=p.method.label, einheit=unit_text, budget=budget))
    notes.append(words["anteil"])
    if p.base:
        notes.append(fill(words["sockel"], sockel=german_number(whole_or_exact(p.base))))
    transition = calculation.transition
    if p.phase_in is not None:
        old = Fraction(p.phase_in)
        notes.append(fill(words["uebergang"], alt=percent_text(old, places=None), neu=percent_text(1 - old, places=None)))
    if p.loss_cap is not None:
        percent = percent_text(Fraction(p.loss_cap), places=None)
        if p.financing == "gainers" and transition is not None and transition.gain_rate is not None:
            notes.append(fill(words["verlustbegrenzung_gewinner"], prozent=percent, rate=_rate_text(transition.gain_rate)))
        elif p.financing == "fund" and transition is not None:
            fund = german_number(whole_or_exact(transition.fund))
            notes.append(fill(words["verlustbegrenzung_fonds"], prozent=percent, fonds=fund))
        else:
            notes.append(fill(words["verlustbegrenzung"], prozent=percent))
    if p.max_gain is not None:
        notes.append(fill(words["zuwachsbegrenzung"], prozent=percent_text(Fraction(p.max_gain), places=None)))
    bounded = sum(1 for r in calculation.rows if r.explanation.bound is not None)
    if bounded:
        notes.append(fill(words["grenzen"], anzahl=bounded))
    if calculation.ties:
        notes.append(fill(words["gleichstand"], satz=tie_rule_sentence(p)))
    elif p.tie_rule != "key":
        notes.append(fill(words["gleichstandsregel"], satz=tie_rule_sentence(p)))
    if calculation.has_previous and any(r.change_ratio is None for r in calculation.rows):
        notes.append(words["kein_vorjahr"])
    if p.source_note:
        notes.append(fill(words["datenquelle"], quelle=p.source_note))
    return tuple(notes)  # the sample-data notice is in the heading (warnings), once


def publisher_of(p) -> str:
    """Herausgeber and Referat for the document properties ("" when neither is given)."""
    return ", ".join(part for part in (p.issuer, p.department) if part)


def issuer_lines(p) -> tuple[str, ...]:
    """The issuing authority for a title block: one line of Herausgeber, Referat, Kontakt (what is given)."""
    words = texts()["tabelle"]
    parts = [
        fill(words[key], wert=value)
        for key, value in (("herausgeber", p.issuer), ("referat", p.department), ("kontakt", p.contact))
        if value
    ]
    return (words["herausgeber_trenner"].join(parts),) if parts else ()


def _warnings(p) -> tuple[str, ...]:
    return (texts()["tabelle"]["beispieldaten"],) if p.sample_data else ()


def _reference_variant(calculation: Calculation) -> str:
    p = calculation.inputs.parameters
    if len(p.reference_years) == 1:
        return "ein_jahr"
    if p.year_weights is None or len(set(p.year_weights)) == 1:
        return "mittelwert"
    return "gewichtet"


def _year_weights_text(p) -> str:
    if p.year_weights is None or len(set(p.year_weights)) == 1:
        return ""
    return "; ".join(f"{year}: {german_number(weight)}" for year, weight in zip(p.reference_years, p.year_weights))


def _reference_short(calculation: Calculation) -> str:
    p = calculation.inputs.parameters
    variant = _reference_variant(calculation)
    return fill(texts()["bezug"][variant], von=p.reference_years[0], zeitraum=p.reference_period)


def _reference_text(calculation: Calculation, words: dict) -> str:
    """The reference count in words, from ``words["bezug_<variant>"]`` (footnote or method text)."""
    p = calculation.inputs.parameters
    variant = _reference_variant(calculation)
    return fill(words[f"bezug_{variant}"], zeitraum=p.reference_period, gewichte=_year_weights_text(p))


def _print_settings(title: str, stand, settings: dict) -> PrintSettings:
    words = texts()["tabelle"]
    return PrintSettings(
        paper=settings["papier"],
        orientation=settings["ausrichtung"],
        fit_to_width=True,
        repeat_header=True,
        footer_left=fill(words["fusszeile_links"], datum=german_date(stand)),
        footer_center=words["fusszeile_mitte"],
        footer_right=fill(words["fusszeile_rechts"], titel=title.replace("&", "&&")),
        margins_cm=tuple(float(x) for x in settings["raender"]),
    )


def _whole_or_none(value) -> bool:
    return value is None or isinstance(whole_or_exact(value), int)
