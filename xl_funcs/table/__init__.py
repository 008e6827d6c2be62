"""Tables as immutable data (``model``), the official table built from a Calculation (``official``).

Renderers in ``xl_funcs.render`` draw these models; nothing here writes a file.
"""

from .model import Cell, Column, ColumnKind, Document, PrintSettings, Row, RowRole, Table, cell_format, plain_value
from .official import basis_table, official_columns, official_document, official_table

__all__ = [
    "Cell",
    "Column",
    "ColumnKind",
    "Document",
    "PrintSettings",
    "Row",
    "RowRole",
    "Table",
    "basis_table",
    "cell_format",
    "official_columns",
    "official_document",
    "official_table",
    "plain_value",
]
