"""The one error the engine raises: a German message for the user, plus the rows it concerns."""

from __future__ import annotations


class AllocationError(ValueError):
    """Bad input or infeasible constraints.

    ``message`` is shown to ministry staff as it is, so it is German and names
    rows 1-based; ``rows`` keeps the 0-based indices for callers that map rows
    back to cells (the workbook reader turns them into ``Zuweisungen!D14``).
    """

    def __init__(self, message: str, rows: tuple[int, ...] = (), field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.rows = tuple(rows)
        self.field = field
