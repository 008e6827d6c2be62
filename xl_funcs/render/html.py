"""A Document as one self-contained HTML page: real tables, German number text, figures as inline SVG.

The page is what a web editor publishes as it is (or pastes into the Land's
CMS) and what Chromium prints as the tagged PDF (``render.pdf``): one drawing
for screen, phone and paper. No script, font, image or style sheet is
fetched from anywhere; everything is in the file. Numbers are written as
the CSV writes them (``table.text.display_text`` from the column's format),
so the page, the CSV and the xlsx shown by Excel say the same digits.
Figures are given ready drawn (title, German text alternative, SVG markup)
by the chart renderer; this module only places them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ..table.model import Cell, ColumnKind, Document, RowRole, Table, cell_format, plain_value
from ..table.templates import styles
from ..table.text import display_text

ROW_CLASSES = {RowRole.DATA: "", RowRole.SUBTOTAL: "zwischensumme", RowRole.TOTAL: "summe", RowRole.SECTION: "abschnitt"}
# The column whose cell names the row (read out before each figure of the row by a screen reader).
ROW_HEADER_KEYS = ("name", "label")


@dataclass(frozen=True)
class Figure:
    """A chart ready to place: its title, a German text alternative saying what it shows, its SVG."""

    title: str
    text_alternative: str
    svg: str

    def __post_init__(self) -> None:
        if not self.svg.lstrip().startswith("<svg"):
            raise ValueError("a figure's markup must be one <svg> element")
        if not self.title.strip() or not self.text_alternative.strip():
            raise ValueError("a figure needs a title and a text alternative")


def html_page(document: Document, figures: Sequence[Figure] = ()) -> str:
    """The whole page as text."""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(document.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(document.title)}</title>",
        _meta("description", document.subject),
        _meta("keywords", document.keywords),
        _meta("author", document.author),
        _meta("dcterms.publisher", document.publisher),
        _meta("contact", document.contact),
        _meta("dcterms.issued", document.stand.isoformat()),
        f"<style>{_style_sheet(document)}</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    for number, table in enumerate(document.sheets):
        parts.append(_section(table, number, heading_level=1 if number == 0 else 2))
        if number == 0 and figures:
            parts.append(_figures(figures))
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(part for part in parts if part)


def html_bytes(document: Document, figures: Sequence[Figure] = ()) -> bytes:
    return html_page(document, figures).encode("utf-8")


# --- pieces ------------------------------------------------------------------------------------


def _meta(name: str, content: str) -> str:
    return f'<meta name="{name}" content="{escape(content)}">' if content else ""


# How many units of Column.width (Excel's characters) a printed centimetre holds at the print font size; tables
# whose no-wrap number columns are wider than the page are zoomed to fit, so that a wide table (the comparison's Kreis
# table, three columns a variant) keeps every column in the PDF instead of losing those past the right edge.
PRINT_UNITS_PER_CM = 9.0
PAPER_WIDTH_CM = {"A4": (21.0, 29.7), "A3": (29.7, 42.0)}


def _print_zoom(table: Table) -> str:
    """The inline style that shrinks ``table`` in print to the page's width, or "" where it fits."""
    settings = table.print_settings
    short, long = PAPER_WIDTH_CM.get(settings.paper, PAPER_WIDTH_CM["A4"])
    left, right = settings.margins_cm[:2]
    printable = ((long if settings.orientation == "landscape" else short) - left - right) * PRINT_UNITS_PER_CM
    # Text columns wrap, so a table is too wide only when its other columns alone are; then it shrinks as a whole.
    unbreakable = sum(column.width for column in table.columns if column.kind is not ColumnKind.TEXT)
    width = sum(column.width for column in table.columns)
    return f' style="--druckzoom: {printable / width:.3f}"' if unbreakable > printable else ""


def _section(table: Table, number: int, heading_level: int) -> str:
    anchor = f"blatt-{number + 1}"
    lines = [f'<section class="blatt" aria-labelledby="{anchor}-titel">']
    lines.append(f'<h{heading_level} id="{anchor}-titel">{escape(table.title)}</h{heading_level}>')
    if table.subtitle:
        lines.append(f'<p class="untertitel">{escape(table.subtitle)}</p>')
    for note in table.notes:
        lines.append(f'<p class="hinweis">{escape(note)}</p>')
    for warning in table.warnings:
        lines.append(f'<p class="warnung"><strong>{escape(warning)}</strong></p>')
    lines.append(
        f'<div class="rahmen"{_print_zoom(table)} role="region" aria-labelledby="{anchor}-tabelle" tabindex="0">'
        f'<table id="{anchor}-tabelle-element">'
    )
    lines.append(f'<caption id="{anchor}-tabelle">{escape(table.sheet_name)}</caption>')
    lines.append("<thead><tr>")
    for column in table.columns:
        lines.append(f'<th scope="col" class="{_align(column.align)}">{_header_text(column.header)}</th>')
    lines.append("</tr></thead>")
    lines.extend(_bodies(table))
    lines.append("</table></div>")
    if table.footnotes:
        lines.append('<div class="fussnoten">')
        lines.extend(f"<p>{escape(footnote)}</p>" for footnote in table.footnotes)
        lines.append("</div>")
    lines.append("</section>")
    return "\n".join(lines)


def _bodies(table: Table) -> list[str]:
    """One <tbody> per section (a heading row inside a table starts a new group), else one."""
    width = len(table.columns)
    header_index = next((table.column_index(key) for key in ROW_HEADER_KEYS if table.has_column(key)), None)
    lines = ["<tbody>"]
    started = False
    for row in table.rows:
        css = ROW_CLASSES[row.role]
        if row.role is RowRole.SECTION:
            if started:
                lines += ["</tbody>", "<tbody>"]
            text = escape(str(plain_value(row.cells[0]) or ""))
            lines.append(f'<tr class="{css}"><th scope="rowgroup" colspan="{width}">{text}</th></tr>')
            started = True
            continue
        started = True
        cells = []
        for index, (column, cell) in enumerate(zip(table.columns, row.cells)):
            text = _cell_text(cell, column)
            align = _align(column.align if column.kind is not ColumnKind.TEXT else "left")
            if index == header_index and text:
                cells.append(f'<th scope="row" class="{align}">{escape(text)}</th>')
            else:
                cells.append(f'<td class="{align}">{escape(text)}</td>')
        lines.append(f'<tr class="{css}">' + "".join(cells) + "</tr>" if css else "<tr>" + "".join(cells) + "</tr>")
    lines.append("</tbody>")
    return lines


def _cell_text(cell, column) -> str:
    value = plain_value(cell)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    # As in the CSV: the heading names the unit of a column; a cell with its own format carries it.
    own_format = isinstance(cell, Cell) and cell.number_format is not None
    return display_text(value, cell_format(cell, column), units=own_format, signs=True)  # "+790.738" as in Excel


def _header_text(header: str) -> str:
    return "<br>".join(escape(part.strip()) for part in header.split("\n"))


def _align(align: str) -> str:
    return {"right": "rechts", "center": "mitte"}.get(align, "links")


def _figures(figures: Sequence[Figure]) -> str:
    lines = ['<section class="abbildungen" aria-label="Abbildungen">']
    for number, figure in enumerate(figures, start=1):
        anchor = f"abbildung-{number}"
        lines.append(f'<figure id="{anchor}">')
        lines.append('<div class="grafik">')
        lines.append(_labelled_svg(figure))
        lines.append("</div>")
        lines.append(f'<figcaption id="{anchor}-titel">Abbildung {number}: {escape(figure.title)}</figcaption>')
        lines.append(f'<p class="textalternative">{escape(figure.text_alternative)}</p>')
        lines.append("</figure>")
    lines.append("</section>")
    return "\n".join(lines)


def _labelled_svg(figure: Figure) -> str:
    """The SVG as one image named by the text alternative (Chromium tags it /Figure with that /Alt).

    The role and name go on the <svg> element itself: a wrapping element with
    role="img" is not tagged as a figure in Chromium's PDF. Markup that names
    itself already (aria-label) is left as it is.
    """
    svg = figure.svg.strip()
    opening = svg[: svg.index(">")]
    if "aria-label" in opening:
        return svg
    return f'<svg role="img" aria-label="{escape(figure.text_alternative)}"' + svg[len("<svg") :]


def _style_sheet(document: Document) -> str:
    """Screen, phone and print from templates/stile.toml; the print part is the PDF's page setup."""
    look = styles()
    roles = look["rollen"]
    settings = document.sheets[0].print_settings
    left, right, top, bottom = settings.margins_cm
    header_fill = "#" + roles["kopf"].get("hintergrund", "FFFFFF")
    subtotal_fill = "#" + roles["zwischensumme"].get("hintergrund", "FFFFFF")
    total_fill = "#" + roles["summe"].get("hintergrund", "FFFFFF")
    warning = "#" + roles["warnung"].get("farbe", "000000")
    footer_left = escape(settings.footer_left).replace('"', "")
    footer_right = escape(document.title).replace('"', "")
    orientation = settings.orientation
    return f"""
:root {{ color-scheme: light; }}
body {{ font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 1rem; line-height: 1.4;
  color: #111; background: #fff; margin: 0 auto; padding: 1rem; max-width: 90rem; }}
h1 {{ font-size: 1.5rem; margin: 0 0 .4rem; }}
h2 {{ font-size: 1.25rem; margin: 2rem 0 .4rem; }}
p {{ margin: .25rem 0; }}
.untertitel {{ font-size: 1.05em; }}
.warnung {{ color: {warning}; }}
.rahmen {{ overflow-x: auto; margin: .75rem 0; }}
.rahmen:focus {{ outline: 2px solid #1a4f8b; }}
table {{ border-collapse: collapse; font-variant-numeric: tabular-nums; }}
caption {{ text-align: left; font-weight: bold; padding: .25rem 0; }}
th, td {{ padding: .2rem .45rem; vertical-align: top; }}
thead th {{ background: {header_fill}; border-bottom: 1px solid #333; vertical-align: bottom; }}
tbody th {{ font-weight: normal; text-align: left; }}
.rechts {{ text-align: right; white-space: nowrap; }}
.mitte {{ text-align: center; }}
.links {{ text-align: left; }}
tbody tr:nth-child(even) {{ background: #f7f7f7; }}
tr.zwischensumme, tr.zwischensumme th {{ background: {subtotal_fill}; font-weight: bold; border-top: 1px solid #333; }}
tr.summe, tr.summe th {{ background: {total_fill}; font-weight: bold; border-top: 1px solid #333;
  border-bottom: 3px double #333; }}
tr.abschnitt th {{ background: #fff; font-weight: bold; font-size: 1.05em; padding-top: .8em; text-align: left; }}
.fussnoten {{ font-size: .9em; }}
figure {{ margin: 1.5rem 0; }}
.grafik svg {{ max-width: 100%; height: auto; }}
figcaption {{ font-weight: bold; }}
.textalternative {{ font-size: .9em; }}
@media (max-width: 40rem) {{
  body {{ padding: .5rem; font-size: .95rem; }}
  th, td {{ padding: .15rem .3rem; }}
  /* The Kreis stays in view while the figures scroll beside it. */
  tbody th[scope="row"] {{ position: sticky; left: 0; background: #fff; box-shadow: 1px 0 0 #999; }}
  tbody tr:nth-child(even) th[scope="row"] {{ background: #f7f7f7; }}
  tr.zwischensumme th[scope="row"] {{ background: {subtotal_fill}; }}
  tr.summe th[scope="row"] {{ background: {total_fill}; }}
}}
@page {{ size: {settings.paper} {orientation}; margin: {top}cm {right}cm {bottom}cm {left}cm;
  @bottom-left {{ content: "{footer_left}"; font-size: 7pt; }}
  @bottom-center {{ content: "Seite " counter(page) " von " counter(pages); font-size: 7pt; }}
  @bottom-right {{ content: "{footer_right}"; font-size: 7pt; }}
}}
@media print {{
  body {{ max-width: none; padding: 0; font-size: 8pt; line-height: 1.2; }}
  h1 {{ font-size: 13pt; }}
  h2 {{ font-size: 12pt; margin-top: 0; }}
  .blatt ~ .blatt, .abbildungen {{ break-before: page; }}
  .rahmen {{ overflow: visible; zoom: var(--druckzoom, 1); }}
  table {{ width: 100%; }}
  th, td {{ padding: .3pt 2.5pt; }}
  tbody th {{ white-space: nowrap; }}
  .untertitel {{ font-size: 9pt; }}
  tbody tr:nth-child(even) {{ background: none; }}
  tr {{ break-inside: avoid; }}
  figure {{ break-inside: avoid; }}
}}
"""
