"""From a workbook snapshot to Inputs, by the one set of rules every host shares."""

from __future__ import annotations

from decimal import Decimal

from ..inputs import Inputs, Parameters
from . import contract as c
from .districts import read_districts
from .instalments import read_instalments
from .parameters import read_parameters
from .problem_list import ProblemList
from .snapshot import WorkbookSnapshot


def inputs_from_snapshot(snapshot: WorkbookSnapshot) -> Inputs:
    """The Inputs, or InputProblems with every problem found, each at its sheet and cell."""
    problems = ProblemList(snapshot.source)
    reading = read_parameters(snapshot, problems)
    districts = read_districts(snapshot, problems, reading.get(c.YEAR), reading.reference_years)
    instalments = read_instalments(snapshot, problems)
    problems.raise_if_any()
    values = reading.values
    parameters = Parameters(
        year=values[c.YEAR],
        budget=values[c.BUDGET],
        method=values[c.METHOD],
        unit=values[c.UNIT],
        reference_years=reading.reference_years,
        stand=values[c.STAND],
        base=values.get(c.BASE, Decimal(0)),
        loss_cap=values.get(c.LOSS_CAP),
        subtotals=values.get(c.SUBTOTALS, False),
        source_note=values.get(c.SOURCE_NOTE, ""),
        sample_data=values.get(c.SAMPLE_DATA, False),
        financing=values.get(c.FINANCING, "all"),
        max_gain=values.get(c.MAX_GAIN),
        phase_in=values.get(c.PHASE_IN),
        tie_rule=values.get(c.TIE_RULE, "key"),
        seed=values.get(c.SEED),
        bound_rule=values.get(c.BOUND_RULE, "redistribute"),
        issuer=values.get(c.ISSUER, ""),
        department=values.get(c.DEPARTMENT, ""),
        contact=values.get(c.CONTACT, ""),
        reply_deadline=values.get(c.REPLY_DEADLINE),
    )
    return Inputs(parameters=parameters, districts=districts, instalments=instalments)
