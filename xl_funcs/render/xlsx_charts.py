"""Charts into an openpyxl workbook: the cells of ``chart_sheets`` and, for bars, a native Excel bar chart.

The native chart reads the sorted values from the table beside it (one series,
each bar coloured as the model says, labelled with its value in the chart's
number format), so Excel and LibreOffice draw it from the figures in the file.
The tile map is cells: fills, hatching (a pattern over the fill, for greyscale
print) and the values as numbers.
"""

from __future__ import annotations

import functools

from openpyxl.chart import BarChart as ExcelBarChart
from openpyxl.chart import Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.drawing.fill import ColorChoice, PatternFillProperties
from openpyxl.drawing.line import LineProperties
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..charts import palette
from ..charts.model import BarChart
from ..table.model import PrintSettings
from ..table.templates import styles
from .chart_sheets import ChartSheet
from .xlsx_page import page_frame

CHART_WIDTH_CM = 17.0
CM_PER_BAR = 0.55
CHART_EXTRA_CM = 3.0  # title and axis
HATCH_PATTERN = "lightUp"


def draw_chart_sheet(sheet: Worksheet, layout: ChartSheet, settings: PrintSettings) -> None:
    """Draw one chart's sheet onto an empty worksheet; ``settings`` give paper, margins and footers."""
    font_name = styles()["schrift"]["name"]
    standard = styles()["schrift"]["groesse"]
    for cell in layout.cells:
        target = sheet.cell(row=cell.row, column=cell.column, value=cell.value)
        target.number_format = cell.number_format
        target.font = _font(font_name, cell.size or standard, cell.bold, cell.font_colour)
        target.alignment = _alignment(cell.align, cell.wrap)
        if cell.fill:
            target.fill = _fill(cell.fill, cell.hatched)
    for index, width in enumerate(layout.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row, height in layout.row_heights:
        sheet.row_dimensions[row].height = height
    if layout.bar_data is not None:
        sheet.add_chart(native_bar_chart(sheet, layout), layout.bar_data.anchor)
    # The map with its legend and list on one page; the bars as many pages down as needed.
    page_frame(sheet, settings, "landscape" if layout.landscape else "portrait", pages_down=1 if layout.landscape else 0)


# One style object per kind, not per cell: building openpyxl styles is slow.
@functools.cache
def _font(name: str, size: float, bold: bool, colour: str | None) -> Font:
    return Font(name=name, size=size, bold=bold, color=colour)


@functools.cache
def _alignment(align: str, wrap: bool) -> Alignment:
    return Alignment(horizontal=align, vertical="center", wrap_text=wrap)


@functools.cache
def _fill(colour: str, hatched: bool) -> PatternFill:
    if hatched:  # a pattern over the fill, for greyscale print
        return PatternFill(patternType=HATCH_PATTERN, fgColor=palette.HATCH, bgColor=colour)
    return PatternFill(fill_type="solid", fgColor=colour)


def native_bar_chart(sheet: Worksheet, layout: ChartSheet) -> ExcelBarChart:
    """A horizontal bar chart over the sheet's value table, first row at the top."""
    chart: BarChart = layout.chart
    data = layout.bar_data
    excel = ExcelBarChart()
    excel.type = "bar"
    excel.style = 2
    excel.title = chart.title
    excel.legend = None
    excel.gapWidth = 40
    excel.width = CHART_WIDTH_CM
    excel.height = CHART_EXTRA_CM + CM_PER_BAR * len(chart.bars)
    excel.add_data(
        Reference(sheet, min_col=data.value_column, min_row=data.first_row, max_row=data.last_row),
        titles_from_data=False,
    )
    excel.set_categories(Reference(sheet, min_col=data.label_column, min_row=data.first_row, max_row=data.last_row))
    series = excel.series[0]
    series.invertIfNegative = False
    for index, bar in enumerate(chart.bars):
        point = DataPoint(idx=index, invertIfNegative=False)
        point.graphicalProperties = _bar_look(bar.colour, bar.hatched)
        series.dPt.append(point)
    series.dLbls = DataLabelList(showVal=True, showSerName=False, showCatName=False, showLegendKey=False)
    series.dLbls.numFmt = chart.number_format
    categories, values = excel.x_axis, excel.y_axis
    categories.scaling.orientation = "maxMin"  # the table's order, largest at the top
    categories.tickLblPos = "low"  # names at the left edge, clear of the losses' bars
    categories.delete = False
    values.delete = False
    values.crosses = "max"  # the value axis at the bottom, below the last bar
    values.number_format = chart.number_format
    ticks = [value for value, _ in chart.ticks]
    values.scaling.min = _number(ticks[0])
    values.scaling.max = _number(ticks[-1])
    values.majorUnit = _number(ticks[1] - ticks[0])
    return excel


def _bar_look(colour: str, hatched: bool) -> GraphicalProperties:
    if hatched:
        fill = PatternFillProperties(prst="ltUpDiag", fgClr=ColorChoice(srgbClr=palette.HATCH), bgClr=ColorChoice(srgbClr=colour))
        return GraphicalProperties(pattFill=fill, ln=LineProperties(solidFill=colour))
    return GraphicalProperties(solidFill=colour, ln=LineProperties(solidFill=colour))


def _number(value) -> float:
    return value.numerator / value.denominator
