"""Large inputs to ``allocate``: the fast path for plain whole numbers gives exactly what line-by-line reading gives."""

from __future__ import annotations

import random
import subprocess
import sys
from decimal import Decimal

import pytest

from xl_funcs.commands import allocate as command
from xl_funcs.engine import apportion

BUDGET = 58_000_000


def _allocate(data: bytes) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "xl_funcs.cli", "allocate", "--budget", str(BUDGET)],
        input=data, capture_output=True, check=False,
    )  # fmt: skip


def _counts(n: int, seed: int = 15) -> list[int]:
    generator = random.Random(seed)
    return [generator.randint(0, 60_000) for _ in range(n)]


def test_a_large_file_of_counts_is_read_as_ints_and_allocated_as_by_the_engine():
    counts = _counts(20_000)
    data = "".join(f"{c}\n" for c in counts).encode()
    assert len(data) >= command._VECTORISED_FROM_BYTES
    weights = command._weights(data)
    assert weights == counts and {type(w) for w in weights} == {int}
    done = _allocate(data)
    assert done.returncode == 0, done.stderr
    assert [int(line) for line in done.stdout.split()] == list(apportion(BUDGET, counts).amounts)


@pytest.mark.parametrize(
    "variant",
    ["bom", "crlf", "spaces", "no final newline", "trailing blank lines", "leading zeros", "long number"],
)
def test_every_variant_of_a_large_file_reads_as_the_lines_say(variant):
    counts = _counts(5_000)
    lines = [str(c) for c in counts]
    if variant == "leading zeros":
        lines = [line.rjust(6, "0") for line in lines]
    if variant == "long number":
        lines[7] = "1" + "0" * 25  # beyond 64 bits: must stay exact
    separator = "\r\n" if variant == "crlf" else "\n"
    if variant == "spaces":
        lines = [f"  {line} " for line in lines]
    text = separator.join(lines) + ("" if variant == "no final newline" else separator)
    if variant == "trailing blank lines":
        text += "\n\n  \n"
    data = ("\ufeff" if variant == "bom" else "").encode() + text.encode()
    expected = [int(line) for line in lines]
    assert command._weights(data) == expected


def test_a_blank_or_bad_line_in_a_large_file_is_named_with_its_number():
    lines = [str(c) for c in _counts(5_000)]
    lines[99] = ""
    lines[3000] = "12,5,3"
    done = _allocate(("\n".join(lines) + "\n").encode())
    assert done.returncode == 1 and done.stdout == b""
    err = done.stderr.decode()
    assert "Zeile 100 ist leer." in err and "Zeile 3001 ist ungültig" in err


def test_decimals_and_german_notation_are_still_read_exactly():
    assert command._weights("1.234,5\n2,25\n3\n".encode()) == [Decimal("1234.5"), Decimal("2.25"), 3]


def test_an_input_that_is_no_utf8_is_refused_in_german():
    done = _allocate(b"1\n\xff\xfe2\n")
    assert done.returncode == 1 and "keine UTF-8-Textdatei" in done.stderr.decode()
