"""The one error the engine raises: a German message for the user, plus the rows it concerns."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .notation import ROW_REFERENCE


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

    def naming(self, labels: Sequence[str]) -> str:
        """The message with each "Zeile 3"/"Zeilen 1, 5" replaced by the rows' own labels.

        A caller that knows what the rows are (Kreise, say) shows their names
        instead of positions the user never saw.
        """

        def replace(match: re.Match) -> str:
            numbers = [int(n) for n in re.findall(r"\d+", match.group("numbers"))]
            names = [labels[n - 1] if 0 < n <= len(labels) else f"Zeile {n}" for n in numbers]
            more = match.group("more") or ""
            return ", ".join(names) + more

        return re.sub(ROW_REFERENCE, replace, self.message)
