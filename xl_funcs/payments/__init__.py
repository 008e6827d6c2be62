"""Paying out: the instalment plan, the final settlement against the provisional table, and what changed."""
