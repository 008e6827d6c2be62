"""Shared, expensive things for the Excel tests: one live xlwings Server and one run per host."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .cases import CALLS, body

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LITE_MAIN = ROOT / "workbook" / "lite" / "main.py"


def licensed_environment() -> dict[str, str]:
    """The environment for xlwings' PRO code (Server, Lite's in-process calls); CI does not set it."""
    environment = dict(os.environ)
    environment["XLWINGS_LICENSE_KEY"] = "noncommercial"
    environment.pop("XLWINGS_ON_SERVER", None)
    return environment


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def server_url():
    """xlwings Server started with the documented command, on a free port of 127.0.0.1."""
    port = _free_port()
    command = [sys.executable, "-m", "xl_funcs.cli", "serve", "--port", str(port), "--projekt", str(ROOT / "workbook" / "server")]
    process = subprocess.Popen(
        command, cwd=ROOT, env=licensed_environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"xlwings Server stopped at start:\n{process.stdout.read()}")
            try:
                if httpx.get(f"{url}/xlwings/custom-functions-meta", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("xlwings Server did not answer within 60 s")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
