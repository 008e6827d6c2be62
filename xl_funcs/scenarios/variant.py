"""A variant of the key: a name and the parameters it sets differently from the Parameter sheet.

A variant is nothing but overrides of ``Parameters`` fields; its amounts come
from the ordinary single-variant calculation, so every rule the calculation
knows (bounds, transition rules, ties) applies to variants without any code here.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import Enum

from ..inputs import CellRef, Inputs, Parameters

# The Parameter sheet's own key is always the first variant, under this name.
PLANNED = "Vorgesehene Verteilung"

# The fields that cushion the change against last year; "without cushion" clears them.
CUSHION_FIELDS = ("loss_cap", "max_gain", "phase_in")


@dataclass(frozen=True)
class Variant:
    name: str
    overrides: tuple[tuple[str, object], ...] = ()  # (Parameters field, value) in the order of the columns
    row: CellRef | None = None  # the variant's row in the table Szenarien; None for the Parameter sheet's key
    compared: bool = False  # column Vergleich = ja: the variant the pictures set against the first

    def parameters(self, base: Parameters) -> Parameters:
        return replace(base, **dict(self.overrides))

    def inputs(self, base: Inputs) -> Inputs:
        return replace(base, parameters=self.parameters(base.parameters)) if self.overrides else base


@dataclass(frozen=True)
class ComparisonInputs:
    """What a comparison is made of: the workbook's inputs and the variants, the Parameter sheet's first."""

    inputs: Inputs
    variants: tuple[Variant, ...]

    @property
    def digest(self) -> str:
        """SHA-256 of the inputs' digest and every variant's name and overrides, in a canonical form."""
        canonical = {
            "inputs": self.inputs.digest,
            "variants": [[v.name, [[key, _canonical(value)] for key, value in v.overrides], v.compared] for v in self.variants],
        }
        text = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def has_cushion(parameters: Parameters) -> bool:
    return any(getattr(parameters, name) is not None for name in CUSHION_FIELDS)


def without_cushion(parameters: Parameters) -> Parameters:
    """The same key with no loss cap, gain cap or phase-in (and so nothing to finance)."""
    return replace(parameters, financing="all", **{name: None for name in CUSHION_FIELDS})


def _canonical(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, tuple):
        return [_canonical(item) for item in value]
    return value
