"""Collecting every problem of a workbook before giving up, each at its sheet and cell."""

from __future__ import annotations

from ..inputs import CellRef, InputProblems, Problem


class ProblemList:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, message: str, sheet: str | None = None, cell: str | None = None) -> None:
        where = CellRef(sheet, cell) if sheet is not None and cell is not None else None
        self.problems.append(Problem(message, where=where, file=self.source))

    def __bool__(self) -> bool:
        return bool(self.problems)

    def __len__(self) -> int:
        return len(self.problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputProblems(self.problems)
