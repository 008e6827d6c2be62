"""Renderers of the table model: ``xlsx`` (openpyxl), ``csv``, ``html`` (one self-contained page),
``pdf`` (Chromium prints the page; ``pdf_archive`` makes it PDF/A with pikepdf) and ``book`` (into an open workbook through xlwings' Book API). ``layout`` is the arrangement the
xlsx and book renderers share. Import the submodule you need; each pulls in only its own dependencies.
"""
