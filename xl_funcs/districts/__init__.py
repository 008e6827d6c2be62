"""Workbooks for the 44 Kreise: send each its own, read the answers back, check them.

Modules, from data to files:

- ``wording``: the texts and looks in ``templates/kreis_arbeitsmappe.toml``;
- ``identity``: file names, the Vorgangsnummer that marks each issued workbook;
- ``fingerprint``: the Prüfwert, a hash over every cell a Kreis must not change;
- ``model``: a Kreis's workbook as table-model data (its own sheet with the
  Berechnungsnachweis, the Rückmeldung form, the official table as published);
- ``dispatch``: the Versandliste as a table (also drawn into the open workbook);
- ``writer``: a Kreis workbook as xlsx bytes (protection, input cells, validation);
- ``manifest``: the Versandliste as JSON and CSV files, and reading it back;
- ``sharing``: ``share(inputs, out_dir)`` writes the 44 files, the manifest and the ZIPs;
- ``returned``: one returned file, read safely and recognised by its content;
- ``collecting``: ``collect(directory, issued=...)`` checks every returned file;
- ``overview``: the overview workbook "Rückmeldungen" with its problem list;
- ``classic``: the classic add-in's one-click entries.

Nothing is imported here, so that importing the model does not import openpyxl
(xlwings Lite bundles the model, never the writers).
"""
