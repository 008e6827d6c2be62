"""Everything the three xlwings hosts call: the Excel functions, their arguments, the one-click scripts, the Lite bundle."""
