"""The allocation engine: exact apportionment on ints and fractions, no I/O.

Nothing here imports xlwings, openpyxl or pandas; every edge of the program
(Excel functions, scripts, command line, renderers) calls into this package.
"""

from .allocation import Allocation, RowExplanation, apportion, shares
from .errors import AllocationError
from .methods import Method, parse_method
from .per_head import per_head, round_half_away
from .reference import reference_weights
from .shown_shares import shown_shares
from .ties import Tie, tie_priority
from .transition import Transition, apportion_transition

__all__ = [
    "Allocation",
    "AllocationError",
    "Method",
    "RowExplanation",
    "Tie",
    "Transition",
    "apportion",
    "apportion_transition",
    "parse_method",
    "per_head",
    "reference_weights",
    "round_half_away",
    "shares",
    "shown_shares",
    "tie_priority",
]
