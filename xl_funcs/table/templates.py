"""The texts and styles of the published tables, read from ``templates/*.toml`` at the repository root.

Wording and looks are data, not code, so that one edit changes every output
(xlsx, PDF, CSV and the sheet drawn into an open workbook) at once.
Where no files lie next to the code (xlwings Lite keeps everything in one
``main.py``), the bundle carries the TOML files as package data of ``xl_funcs``
in the folder ``PACKAGE_FOLDER``, read through importlib.resources.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from pathlib import Path

from ..os_errors import german_os_reason

TEXTS = "amtliche_tabelle.toml"
STYLES = "stile.toml"
DISTRICTS = "kreis_arbeitsmappe.toml"  # the Kreis workbooks (xl_funcs.districts)
SCENARIOS = "szenarienvergleich.toml"  # the comparison of variants (xl_funcs.scenarios)
PAYMENTS = "auszahlung.toml"  # instalment plan, settlement and what changed (xl_funcs.payments)
TEMPLATE_FILES = (TEXTS, STYLES, DISTRICTS, SCENARIOS, PAYMENTS)
PACKAGE_FOLDER = "templates"

# Lite executes the bundled source without a file behind it, hence no __file__ there.
_SOURCE = globals().get("__file__")
_CHECKOUT = Path(_SOURCE).resolve().parents[2] / "templates" if _SOURCE else None
# A checkout (or editable install) reads the files at the root; an installed wheel and Lite carry them as package data.
TEMPLATE_DIR = _CHECKOUT if _CHECKOUT and _CHECKOUT.is_dir() else resources.files("xl_funcs") / PACKAGE_FOLDER

# File name -> TOML text; consulted before TEMPLATE_DIR (lets a test try an edit without touching the files).
EMBEDDED: dict[str, str] = {}


class TemplateError(Exception):
    """A template file is missing or not valid TOML; the message is German."""


@functools.lru_cache(maxsize=None)
def load(name: str) -> dict:
    text = EMBEDDED.get(name)
    if text is None:
        path = TEMPLATE_DIR / name
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise TemplateError(f"Die Vorlage {path} kann nicht gelesen werden ({german_os_reason(error)}).") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"Die Vorlage {name} ist kein gültiges TOML: {error}") from None


def texts() -> dict:
    return load(TEXTS)


def styles() -> dict:
    return load(STYLES)


def fill(template: str, **values) -> str:
    """``"Mittel {jahr}"`` with ``jahr=2025`` -> ``"Mittel 2025"``; a missing field is an error."""
    return template.format_map(values)
