"""The 44 Stadt- und Landkreise of Baden-Württemberg, as shipped in ``xl_funcs/data/kreise.csv``.

The list is the yardstick for every workbook: a Kreisschlüssel not in it, a
name that does not belong to its key, a Kreis missing from a table are input
errors, not something to guess around.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType


@dataclass(frozen=True)
class Kreis:
    key: str  # amtlicher Kreisschlüssel, five digits as text: "08111"
    name: str  # short name; "Heilbronn" and "Karlsruhe" exist as Stadtkreis and as Landkreis
    kind: str  # "Stadtkreis" or "Landkreis"
    region: str  # Regierungsbezirk: Stuttgart, Karlsruhe, Freiburg, Tübingen

    @property
    def label(self) -> str:
        return f"{self.name} ({self.kind})"


@cache
def all_kreise() -> tuple[Kreis, ...]:
    """The 44 Kreise in the order of their keys."""
    text = resources.files("xl_funcs").joinpath("data/kreise.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text))
    kreise = tuple(
        Kreis(key=row["ags"], name=row["name"], kind=row["kind"], region=row["regierungsbezirk"]) for row in rows
    )
    return tuple(sorted(kreise, key=lambda k: k.key))


@cache
def kreise_by_key() -> MappingProxyType[str, Kreis]:
    return MappingProxyType({kreis.key: kreis for kreis in all_kreise()})
