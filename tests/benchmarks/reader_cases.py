"""``mittelverteilung check`` on workbooks as ministries have them: the new reader against today's, in one run.

The cases are built from the sample (tests/readers/real_workbooks): one formatted
empty cell at XFD1048576 on the table's sheet, a value in A1048576, and an extra
sheet of 590,000 rows of raw data. Each run is a fresh process; its wall time and
peak memory (ru_maxrss of the child) are measured. Today's reader needs gigabytes
and minutes on some of them, so every run gets a limit on its address space
(RLIMIT_AS) and a timeout: a run that exceeds one is reported as "abgebrochen bei
…", and the shared machine's memory stays safe. Both readers must give the same
summary where both finish.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .harness import Comparison, Finding, german

ROOT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 2 * 2**30  # address space per run: far above the new reader's need, far below the machine's
TIMEOUT_SECONDS = 120
TODAY = "heutiger Leser (openpyxl, ganzer benutzter Bereich)"


def _cases(quick: bool):
    from ..readers import real_workbooks as real

    yield "formatierte leere Zelle XFD1048576", real.stray_formatted_cell
    yield "Wert in A1048576", real.value_in_last_row
    if not quick:
        yield f"Blatt mit {real.RAW_ROWS:,} Zeilen Rohdaten".replace(",", "."), real.raw_data_sheet


def _limit(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def measure(which: str, path: Path, limit: int = MEMORY_LIMIT, timeout: float = TIMEOUT_SECONDS):
    """(seconds, peak MB, stdout) of one check; (None, None, why) when it was stopped at a limit or failed.

    The child is waited for with wait4, which reports that child's own peak memory.
    """
    command = [sys.executable, "-m", "tests.benchmarks.reader_worker", which, str(path)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err, preexec_fn=_limit(limit))
        stopped = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                process.kill()
                stopped = True
                _, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8"), err.read().decode("utf-8", "replace")
    peak = usage.ru_maxrss / 1024  # Linux reports kilobytes
    if stopped:
        return None, None, f"abgebrochen bei {german(timeout, 0)} s (bis dahin {german(peak, 0)} MB)"
    if process.returncode != 0:
        if "MemoryError" in stderr or process.returncode < 0:
            return None, None, f"abgebrochen bei {german(limit / 2**30, 0)} GB Adressraum"
        return None, None, f"Fehler (Status {process.returncode}): {stderr.strip().splitlines()[-1:]}"
    return seconds, peak, stdout


def run(quick: bool = False) -> list[Comparison | Finding]:
    results: list[Comparison | Finding] = []
    repeat = 1 if quick else 3
    timeout = 60 if quick else TIMEOUT_SECONDS
    with tempfile.TemporaryDirectory(prefix="mittelverteilung-bench-") as scratch:
        for label, build in _cases(quick):
            path = Path(scratch) / "mappe.xlsx"
            path.write_bytes(build())
            size = os.path.getsize(path)
            size = f"{german(size / 2**20, 1)} MB" if size >= 2**20 else f"{german(size / 1024, 0)} KB"
            ours = [measure("neu", path, MEMORY_LIMIT, timeout) for _ in range(repeat)]
            today = measure("heute", path, MEMORY_LIMIT, timeout)
            ours_seconds = statistics.median(seconds for seconds, _, _ in ours)
            ours_peak = max(peak for _, peak, _ in ours)
            today_seconds, today_peak, today_out = today
            same = None if today_seconds is None else today_out == ours[0][2]
            note = "" if today_seconds is not None else today_out
            case = f"check: {label} ({size})"
            results.append(Comparison(case, ours_seconds, TODAY, today_seconds, same, note))
            shown = today_out if today_peak is None else f"{german(today_peak, 0)} MB"
            results.append(Finding(case, f"Spitzenspeicher neu {german(ours_peak, 0)} MB, heute {shown}"))
    return results
