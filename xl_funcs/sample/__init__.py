"""The invented sample data and the ministry workbook workbook/Mittelverteilung.xlsx built from it."""
