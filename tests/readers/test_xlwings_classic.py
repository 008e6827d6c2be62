"""read_xlwings_book with the classic add-in's synchronous layout answers (merged cells, hidden rows and columns).

The classic add-in needs Excel on Windows (COM), which cannot run here. This
stand-in answers the few calls of xlwings' Book API the reader makes, the way
the classic engine answers them (``Range.merge_cells`` is True, False or None
for "mixed"; ``Range.rows.hidden`` likewise; ``Range.ColumnWidth`` is 0 for a
hidden column), from an openpyxl workbook. It shows that where the host can
tell, merged cells and hidden rows and columns are reported exactly as the file
reader reports them.
"""

from __future__ import annotations

from xl_funcs.inputs import InputProblems
from xl_funcs.readers import read_workbook_file, read_xlwings_book
from xl_funcs.readers.snapshot import Area, cell_name

from .workbooks import changed


class _Rows:
    def __init__(self, rng):
        self.rng = rng

    @property
    def hidden(self):
        states = {self.rng.sheet.row_dimensions[row].hidden for row in range(self.rng.area.first_row, self.rng.area.last_row + 1)}
        return states.pop() if len(states) == 1 else None

    def __iter__(self):
        area = self.rng.area
        for row in range(area.first_row, area.last_row + 1):
            yield _Range(self.rng.sheet, Area(row, area.first_column, row, area.last_column))


class _Options:
    def __init__(self, rng, options):
        self.rng, self.options = rng, options

    @property
    def value(self):
        assert self.options == {"ndim": 2, "err_to_str": True}
        area = self.rng.area
        rows = []
        for row in range(area.first_row, area.last_row + 1):
            values = []
            for column in range(area.first_column, area.last_column + 1):
                cell = self.rng.sheet.cell(row, column)
                value = cell.value
                values.append(float(value) if isinstance(value, int) and not isinstance(value, bool) else value)  # COM: doubles
            rows.append(values)
        return rows


class _Range:
    def __init__(self, sheet, area: Area):
        self.sheet, self.area = sheet, area

    @property
    def address(self):
        return "$" + "$".join(_split(cell_name(self.area.first_row, self.area.first_column))) + (
            "" if self.area.is_cell else ":$" + "$".join(_split(cell_name(self.area.last_row, self.area.last_column)))
        )

    @property
    def row(self):
        return self.area.first_row

    def options(self, **options):
        return _Options(self, options)

    def _merged_areas(self):
        return [
            Area(m.min_row, m.min_col, m.max_row, m.max_col)
            for m in self.sheet.merged_cells.ranges
            if Area(m.min_row, m.min_col, m.max_row, m.max_col).overlaps(self.area)
        ]

    @property
    def merge_cells(self):
        """Like Excel's Range.MergeCells: True if every cell is merged, False if none, None if mixed."""
        merged = self._merged_areas()
        cells = [(r, c) for r in range(self.area.first_row, self.area.last_row + 1) for c in range(self.area.first_column, self.area.last_column + 1)]
        inside = [cell for cell in cells if any(Area(*cell, *cell).overlaps(m) for m in merged)]
        if not inside:
            return False
        return True if len(inside) == len(cells) else None

    @property
    def merge_area(self):
        merged = self._merged_areas()
        return _Range(self.sheet, merged[0]) if merged else self

    @property
    def rows(self):
        return _Rows(self)

    @property
    def columns(self):
        area = self.area
        return [_Range(self.sheet, Area(area.first_row, c, area.last_row, c)) for c in range(area.first_column, area.last_column + 1)]

    @property
    def column(self):
        return self.area.first_column

    @property
    def column_width(self):
        """Like Excel's Range.ColumnWidth of one column: 0 when the column is hidden."""
        from openpyxl.utils import get_column_letter

        dimension = self.sheet.column_dimensions[get_column_letter(self.area.first_column)]
        return 0 if dimension.hidden else (dimension.width or 8.43)

    def __iter__(self):
        for row in range(self.area.first_row, self.area.last_row + 1):
            for column in range(self.area.first_column, self.area.last_column + 1):
                yield _Range(self.sheet, Area(row, column, row, column))


def _split(name: str):
    letters = "".join(ch for ch in name if ch.isalpha())
    return letters, name[len(letters) :]


class _Table:
    def __init__(self, sheet, table):
        self.name = table.displayName
        self.range = _Range(sheet, Area.parse(table.ref))
        self.show_headers = True
        self.show_totals = bool(table.totalsRowCount)


class _Sheet:
    def __init__(self, worksheet):
        self.worksheet = worksheet
        self.name = worksheet.title
        self.tables = [_Table(worksheet, t) for t in worksheet.tables.values()]

    def range(self, first, last):
        return _Range(self.worksheet, Area(first[0], first[1], last[0], last[1]))


class _Name:
    def __init__(self, name, definition):
        self.name = name
        self.refers_to = "=" + definition.attr_text


class _ClassicBook:
    def __init__(self, workbook, name):
        self.name = name
        self.names = [_Name(n, d) for n, d in workbook.defined_names.items()]
        # COM names a sheet-scoped name with its sheet, quoted where the sheet's name needs it
        for worksheet in workbook.worksheets:
            sheet = worksheet.title if worksheet.title.isalnum() else "'" + worksheet.title.replace("'", "''") + "'"
            self.names += [_Name(f"{sheet}!{n}", d) for n, d in worksheet.defined_names.items()]
        self.sheets = [_Sheet(ws) for ws in workbook.worksheets]


def _problems(read, source) -> list:
    """(message, where) of every problem reading ``source`` finds; reading must refuse it."""
    try:
        read(source)
    except InputProblems as error:
        return [(p.message, p.where) for p in error.problems]
    raise AssertionError(f"{source} was accepted, problems were expected")


def test_merged_cells_and_hidden_rows_reported_like_the_file_reader(tmp_path):
    import openpyxl

    def layout_problems(workbook):
        workbook["Zuweisungen"].merge_cells("F7:G7")
        workbook["Zuweisungen"].row_dimensions[12].hidden = True
        workbook["Zuweisungen"].column_dimensions["D"].hidden = True
        workbook["Zuweisungen"]["H9"] = "ca. 500"

    path = changed(tmp_path, layout_problems)
    from_file = _problems(read_workbook_file, path)
    from_book = _problems(read_xlwings_book, _ClassicBook(openpyxl.load_workbook(path), "Mittelverteilung.xlsm"))
    assert from_book == from_file
    places = [str(where) for _, where in from_book]
    assert {"Zuweisungen!F7:G7", "Zuweisungen!A12", "Zuweisungen!D4", "Zuweisungen!H9"} <= set(places)


def test_sample_through_the_classic_stand_in_gives_the_file_inputs(tmp_path):
    import openpyxl

    path = changed(tmp_path, lambda workbook: None)
    book = _ClassicBook(openpyxl.load_workbook(path), "Mittelverteilung.xlsm")
    assert read_xlwings_book(book) == read_workbook_file(path)


def test_sheet_scoped_names_are_read_like_the_file_reader_reads_them(tmp_path):
    import openpyxl
    from openpyxl.workbook.defined_name import DefinedName

    def scoped(workbook):
        for name in ("Budget", "Methode"):
            definition = workbook.defined_names.pop(name)
            workbook["Parameter"].defined_names[name] = DefinedName(name, attr_text=definition.attr_text)
        workbook["Zuweisungen"].defined_names["Einheit"] = DefinedName("Einheit", attr_text="Zuweisungen!$A$1")
        workbook["Parameter"].defined_names["Einheit"] = DefinedName("Einheit", attr_text="Parameter!$B$7")
        del workbook.defined_names["Einheit"]

    path = changed(tmp_path, scoped)
    from_file = _problems(read_workbook_file, path)
    book = _ClassicBook(openpyxl.load_workbook(path), "Mittelverteilung.xlsm")
    assert any("!Budget" in name.name for name in book.names)
    from_book = _problems(read_xlwings_book, book)
    assert from_book == from_file
    assert len(from_file) == 1 and "Der Name „Einheit“" in from_file[0][0] and "nur für einzelne Blätter" in from_file[0][0]
