"""Shared, expensive things for the Excel tests: one live xlwings Server and one run per host."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from ..live_server import licensed_environment
from .cases import CALLS, body

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LITE_MAIN = ROOT / "workbook" / "lite" / "main.py"


def run_in_process(*target: str) -> dict:
    """All CALLS through xlwings.server.custom_functions_call in a fresh process (see officejs_runner)."""
    done = subprocess.run(
        [sys.executable, str(HERE / "officejs_runner.py"), *target],
        input=json.dumps([body(call) for call in CALLS]),
        capture_output=True,
        text=True,
        env=licensed_environment(),
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="session")
def package_run() -> dict:
    return run_in_process("package")


@pytest.fixture(scope="session")
def lite_run() -> dict:
    return run_in_process("lite", str(LITE_MAIN))


@pytest.fixture(scope="session")
def server_results(server_url) -> list[dict]:
    """All CALLS posted to the live server, as {"result": ...} or {"error": text, "status": code}."""
    results = []
    with httpx.Client(base_url=server_url, timeout=60) as client:
        for call in CALLS:
            response = client.post("/xlwings/custom-functions-call", json=body(call))
            if response.status_code == 200:
                results.append(response.json())
            else:
                results.append({"error": response.text, "status": response.status_code})
    return results
