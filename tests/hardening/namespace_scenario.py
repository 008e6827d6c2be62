"""Run inside a private mount namespace (``unshare --user --map-root-user --mount``), where a test may mount a
small or read-only file system without being root on the machine.

Usage: python namespace_scenario.py SCENARIO FOLDER COMMAND ARGS...
Mounts a tmpfs on FOLDER as the scenario says, puts last run's files there, runs COMMAND ARGS (the
installed ``mittelverteilung``) and prints a JSON report: exit status, stderr, and the folder's files with
their SHA-256 before and after.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

OLD_FILES = {
    "Notizen.txt": "gehört dem Nutzer".encode(),
    "Mittelverteilung_Integrationsmanagement_2025.csv": b"letzter Lauf;1\r\n" * 40,
}
SCENARIOS = {
    # tmpfs options, whether to make it read-only after the old files are in place
    "voll": ("size=16k", False),  # room for last run's files, not for a new 13 KB xlsx
    "fast voll": ("size=320k", False),  # a few Kreis workbooks fit, not all 44 with the ZIPs
    "schreibgeschützt": ("size=1m", True),
}


def state(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        if path.is_file()
        else "Ordner"
        for path in sorted(folder.rglob("*"))
    }


def main(scenario: str, folder: str, *command: str) -> None:
    options, read_only = SCENARIOS[scenario]
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], check=True)
    for name, data in OLD_FILES.items():
        (target / name).write_bytes(data)
    if read_only:
        subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True)
    before = state(target)
    done = subprocess.run(list(command), capture_output=True, text=True, encoding="utf-8", check=False)
    report = {"returncode": done.returncode, "stderr": done.stderr, "before": before, "after": state(target)}
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:])
