"""A rule chosen by name: German or English spellings folded to one code word, or a German error listing the choices."""

from __future__ import annotations

from .errors import AllocationError


def choice(value: object, spellings: dict[str, str], default: str, what: str, allowed: str, field: str) -> str:
    """``value`` folded (case, spaces) and looked up in ``spellings``; empty -> ``default``.

    ``what`` names the parameter in the message ("Unbekannte Finanzierung 'x'"), ``allowed`` lists the choices.
    """
    if value is None or not str(value).strip():
        return default
    rule = spellings.get(" ".join(str(value).split()).casefold())
    if rule is None:
        raise AllocationError(f"Unbekannte {what} {value!r}: erlaubt sind {allowed}.", field=field)
    return rule
