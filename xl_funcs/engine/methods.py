"""The three apportionment methods by name, and how users may spell them."""

from __future__ import annotations

import enum
import unicodedata

from .errors import AllocationError


class Method(enum.Enum):
    HARE_NIEMEYER = "hare-niemeyer"
    SAINTE_LAGUE = "sainte-lague"
    DHONDT = "dhondt"

    @property
    def label(self) -> str:
        """The name as the ministry writes it in a published table."""
        return _LABELS[self]

    @property
    def is_divisor_method(self) -> bool:
        return self is not Method.HARE_NIEMEYER


_LABELS = {
    Method.HARE_NIEMEYER: "Hare-Niemeyer",
    Method.SAINTE_LAGUE: "Sainte-Laguë/Schepers",
    Method.DHONDT: "D'Hondt",
}

# Keys are spellings folded by _fold: lower case, accents and punctuation gone.
_SPELLINGS = {
    "hareniemeyer": Method.HARE_NIEMEYER,
    "hare": Method.HARE_NIEMEYER,
    "largestremainder": Method.HARE_NIEMEYER,
    "groesstereste": Method.HARE_NIEMEYER,
    "groessterrest": Method.HARE_NIEMEYER,
    "saintelague": Method.SAINTE_LAGUE,
    "saintelagueschepers": Method.SAINTE_LAGUE,
    "schepers": Method.SAINTE_LAGUE,
    "webster": Method.SAINTE_LAGUE,
    "dhondt": Method.DHONDT,
    "jefferson": Method.DHONDT,
}


def _fold(text: str) -> str:
    text = text.replace("ß", "ss").replace("ö", "oe").replace("Ö", "oe")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def parse_method(value: str | Method | None) -> Method:
    """``'Sainte-Laguë'``, ``"d'Hondt"``, ``'HARE-NIEMEYER'`` … -> Method; None -> the default."""
    if value is None:
        return Method.HARE_NIEMEYER
    if isinstance(value, Method):
        return value
    if isinstance(value, str):
        if not value.strip():
            return Method.HARE_NIEMEYER
        method = _SPELLINGS.get(_fold(value))
        if method is not None:
            return method
    raise AllocationError(
        f"Unbekannte Methode {value!r}: erlaubt sind HARE-NIEMEYER, SAINTE-LAGUE und DHONDT.",
        field="method",
    )
