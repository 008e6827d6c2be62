"""The scripts (buttons, "Ausführen") xlwings Server offers: those of xl_funcs, once they exist."""

try:
    from xl_funcs.excel.scripts import *  # noqa: F401,F403
except ModuleNotFoundError as missing:
    # Only the module itself may be missing; anything it fails to import is a real error.
    if missing.name != "xl_funcs.excel.scripts":
        raise
