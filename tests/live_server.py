"""A live xlwings Server for tests and benchmarks, started with the README's command on 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SERVER_PROJECT = ROOT / "workbook" / "server"


def licensed_environment(**extra: str) -> dict[str, str]:
    """The environment for xlwings' PRO code (Server, Lite's in-process calls); CI does not set the key.

    XLWINGS_ON_SERVER is dropped unless asked for, so that a child process gets
    the decorator flavour its own code chooses.
    """
    environment = {**os.environ, "XLWINGS_LICENSE_KEY": "noncommercial", **extra}
    if "XLWINGS_ON_SERVER" not in extra:
        environment.pop("XLWINGS_ON_SERVER", None)
    return environment


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_server(timeout: float = 60, log=None) -> Iterator[str]:
    """``mittelverteilung serve`` on a free port; yields its URL once it answers, stops it afterwards.

    ``log``: a text file that receives what the server writes (its log), for tests that read it.
    """
    port = free_port()
    command = [sys.executable, "-m", "xl_funcs.cli", "serve", "--port", str(port), "--project", str(SERVER_PROJECT)]
    # The server logs a line per request: a file, unlike an unread pipe, never fills up and stalls it.
    own_log = log is None
    if own_log:
        log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
    process = subprocess.Popen(command, cwd=ROOT, env=licensed_environment(), stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    try:
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"xlwings Server stopped at start:\n{log.read()}")
            try:
                if httpx.get(f"{url}/xlwings/custom-functions-meta", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"xlwings Server did not answer within {timeout:.0f} s")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if own_log:
            log.close()
