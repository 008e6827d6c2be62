"""The texts of the payment files (plan, paying office's list, settlement, what changed), from templates/auszahlung.toml."""

from __future__ import annotations

from ..table.templates import PAYMENTS, load


def words() -> dict:
    return load(PAYMENTS)
