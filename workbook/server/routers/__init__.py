"""Routes of the add-in project that xlwings Server loads from ``routers/custom.py``."""
