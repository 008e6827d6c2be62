"""=ALLOCATE as a user would first write it with xlwings: default converters, a DataFrame in and out.

The yardstick for ``xl_funcs.allocate``: same engine, same arguments, same
answer, but xlwings converts the weights cell by cell into a pandas DataFrame
and the result back from one. Imported only where xlwings runs its Office.js
flavour (the benchmark's worker process and the benchmark's server project).
"""

from __future__ import annotations

import pandas as pd
from xlwings import arg, func, ret

from xl_funcs.engine import apportion


@func
@arg("weights", pd.DataFrame, index=False, header=False)
@ret(index=False, header=False)
def allocate_dataframe(budget, weights, method=None, unit=1, lower=None, upper=None):
    allocation = apportion(budget, weights.iloc[:, 0].tolist(), method=method, unit=unit, lower=lower, upper=upper)
    return pd.DataFrame({"Betrag": list(allocation.amounts)})
