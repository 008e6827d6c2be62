"""Renderers of the table model: ``xlsx`` (openpyxl), ``csv``, ``pdf`` (LibreOffice from the xlsx)
and ``book`` (into an open workbook through xlwings' Book API). ``layout`` is the arrangement the
xlsx and book renderers share. Import the submodule you need; each pulls in only its own dependencies.
"""
