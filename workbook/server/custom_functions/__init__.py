"""The Excel functions xlwings Server offers: those of xl_funcs, written once for all three hosts."""

from xl_funcs.excel.functions import *  # noqa: F401,F403
