"""Rounding a matrix with both margins fixed: every row and every column keeps its exact sum.

Used for instalments: row i is a Kreis, column j an instalment date. Each Kreis's
instalments add up exactly to its amount and each date's column exactly to its part of
the budget, and every entry is the floor or the ceiling of its exact value (so within one
unit of it). Everything is in whole units (ints) and exact Fractions.

How (controlled rounding as a flow problem): each entry starts at the floor of its exact
value. Row i then still needs ``k_i`` units (its sum minus the floors), column j at least
``m_j`` and at most ``m_j + 1`` (``+1`` only where the exact column sum is not whole).
Choosing which fractional entries go up by one is a 0/1 flow on the bipartite graph
rows -> columns; the exact matrix itself is a fractional flow of the full value, so an
integral one exists (max-flow integrality) and augmenting paths find it. First the entries
with the largest fractional parts are rounded up greedily while their row and column still
need a unit (so 0,8 goes up before 0,2 wherever the margins allow), then augmenting paths
complete the flow. Entries, rows and columns are taken in a fixed order (equal fractional
parts: earlier row, then earlier column), so the same input always gives the same result.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from fractions import Fraction

from .largest_remainder import largest_remainder


def split_total(total: int, shares: Sequence[Fraction]) -> list[int]:
    """``total`` units split in proportion to ``shares`` by largest remainders (Hare–Niemeyer).

    Each part is the floor or ceiling of ``total * share / sum(shares)``; equal remainders go to the
    earlier column. A negative total is split as its absolute value and negated (a repayment).
    """
    shares = [Fraction(share) for share in shares]
    whole = sum(shares, Fraction(0))
    if not shares or whole <= 0 or any(share < 0 for share in shares):
        raise ValueError("shares must be non-negative with a positive sum")
    size = abs(total)
    denominator = 1
    for share in shares:
        denominator = math.lcm(denominator, share.denominator)
    weights = [int(share * denominator) for share in shares]
    weight_sum = sum(weights)
    numerators = [size * weight for weight in weights]
    parts = largest_remainder(numerators, weight_sum, size, vectorise=False).units
    return parts if total >= 0 else [-part for part in parts]


def proportional_matrix(
    row_totals: Sequence[int], column_totals: Sequence[int], shares: Sequence[Fraction]
) -> list[list[Fraction]]:
    """The exact matrix with exactly these margins: ``row_i * column_j / total``.

    Where the total is 0 (nothing left to pay overall, but some rows owe and others are owed),
    each row is spread by ``shares`` instead; the column sums are then 0 as well.
    """
    total = sum(row_totals)
    if sum(column_totals) != total:
        raise ValueError("row and column totals differ")
    if total != 0:
        return [[Fraction(row * column, total) for column in column_totals] for row in row_totals]
    whole = sum((Fraction(share) for share in shares), Fraction(0))
    return [[Fraction(row) * Fraction(share) / whole for share in shares] for row in row_totals]


def round_matrix(exact: Sequence[Sequence[Fraction]]) -> list[list[int]]:
    """Each entry to its floor or ceiling; every row sum kept exactly, every column sum to its floor or ceiling.

    Row sums of ``exact`` must be whole numbers. Where a column sum is whole it is kept exactly.
    """
    rows = [[Fraction(value) for value in row] for row in exact]
    if not rows:
        return []
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        raise ValueError("rows of different length")
    row_sums = [sum(row, Fraction(0)) for row in rows]
    if any(total.denominator != 1 for total in row_sums):
        raise ValueError("every row sum must be a whole number")
    floors = [[value.__floor__() for value in row] for row in rows]
    fractional = [[value.denominator != 1 for value in row] for row in rows]
    row_need = [int(total) - sum(floor_row) for total, floor_row in zip(row_sums, floors)]
    column_sums = [sum((row[j] for row in rows), Fraction(0)) for j in range(width)]
    column_floor_need = [
        column_sums[j].__floor__() - sum(floors[i][j] for i in range(len(rows))) for j in range(width)
    ]
    column_may_round_up = [column_sums[j].denominator != 1 for j in range(width)]
    spare = sum(row_need) - sum(column_floor_need)

    preference = sorted(
        ((i, j) for i in range(len(rows)) for j in range(width) if fractional[i][j]),
        key=lambda entry: (-(rows[entry[0]][entry[1]] - floors[entry[0]][entry[1]]), entry),
    )
    chosen = _unit_flow(row_need, fractional, column_floor_need, column_may_round_up, spare, preference)
    return [[floors[i][j] + (1 if (i, j) in chosen else 0) for j in range(width)] for i in range(len(rows))]


def _unit_flow(row_need, edges, column_need, may_round_up, spare, preference) -> set[tuple[int, int]]:
    """The (row, column) entries rounded up: a maximum flow that saturates every row and column demand."""
    n_rows, width = len(row_need), len(column_need)
    # Nodes: 0 source, 1..n rows, then columns, then the spare node (one extra unit for a column whose
    # exact sum is not whole), then the sink. Capacities in a dict of dicts (residual graph).
    source, spare_node, sink = 0, 1 + n_rows + width, 2 + n_rows + width

    def row_node(i: int) -> int:
        return 1 + i

    def column_node(j: int) -> int:
        return 1 + n_rows + j

    capacity: dict[int, dict[int, int]] = {node: {} for node in range(sink + 1)}

    def edge(u: int, v: int, amount: int) -> None:
        capacity[u][v] = capacity[u].get(v, 0) + amount
        capacity[v].setdefault(u, 0)

    for i in range(n_rows):
        edge(source, row_node(i), row_need[i])
        for j in range(width):
            if edges[i][j]:
                edge(row_node(i), column_node(j), 1)
    for j in range(width):
        edge(column_node(j), sink, column_need[j])
        if may_round_up[j]:
            edge(column_node(j), spare_node, 1)
    edge(spare_node, sink, spare)

    def push(path: list[int]) -> None:
        for u, v in zip(path, path[1:]):
            capacity[u][v] -= 1
            capacity[v][u] += 1

    wanted = sum(row_need)
    flow = 0
    for i, j in preference:  # greedy start: direct paths source -> row -> column -> sink (or via spare)
        row, column = row_node(i), column_node(j)
        if capacity[source][row] <= 0:
            continue
        if capacity[column][sink] > 0:
            push([source, row, column, sink])
        elif capacity[column].get(spare_node, 0) > 0 and capacity[spare_node][sink] > 0:
            push([source, row, column, spare_node, sink])
        else:
            continue
        flow += 1
    while flow < wanted:
        path = _augmenting_path(capacity, source, sink)
        if path is None:  # cannot happen for consistent margins (see the module docstring)
            raise ArithmeticError("no rounding with these margins")
        push(path)
        flow += 1
    return {
        (i, j)
        for i in range(n_rows)
        for j in range(width)
        if edges[i][j] and capacity[column_node(j)].get(row_node(i), 0) > 0
    }


def _augmenting_path(capacity: dict[int, dict[int, int]], source: int, sink: int) -> list[int] | None:
    """A shortest path with spare capacity, neighbours visited in node order (deterministic)."""
    before = {source: source}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for neighbour in sorted(capacity[node]):
            if neighbour in before or capacity[node][neighbour] <= 0:
                continue
            before[neighbour] = node
            if neighbour == sink:
                path = [sink]
                while path[-1] != source:
                    path.append(before[path[-1]])
                return path[::-1]
            queue.append(neighbour)
    return None

