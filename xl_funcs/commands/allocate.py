"""``mittelverteilung allocate``: the engine on the command line, one weight a line."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal

from ..engine import AllocationError, apportion
from ..engine.notation import row_list
from ..number_text import NumberTextError, parse_number_text
from ..os_errors import german_os_reason


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "allocate",
        help="ein Budget euro-genau auf Gewichte verteilen (ein Gewicht je Zeile)",
        description="Verteilt den Betrag (--budget) auf die Gewichte (eine Zahl je Zeile aus DATEI oder der "
        "Standardeingabe) und gibt je Zeile einen Betrag aus, in der Reihenfolge der Eingabe. "
        "Die Beträge ergeben zusammen genau das Budget.",
    )
    parser.add_argument("file", nargs="?", metavar="DATEI", help="Datei mit den Gewichten; ohne Angabe die Standardeingabe")
    parser.add_argument("--budget", required=True, metavar="BETRAG", help="zu verteilender Betrag, z. B. 58000000")
    parser.add_argument(
        "--method",
        default="hare-niemeyer",
        metavar="VERFAHREN",
        help="hare-niemeyer (Standard), sainte-lague oder dhondt",
    )
    parser.add_argument("--unit", default="1", metavar="BETRAG", help="kleinste Auszahlungseinheit, z. B. 1 (Euro) oder 0.01 (Cent)")
    parser.add_argument("--base", default="0", metavar="BETRAG", help="Sockelbetrag, den jede Zeile vorab erhält")
    parser.add_argument("--lower", metavar="BETRAG", help="Mindestbetrag für jede Zeile")
    parser.add_argument("--upper", metavar="BETRAG", help="Höchstbetrag für jede Zeile")
    parser.add_argument(
        "--ties", action="store_true", help="Gleichstände, die einen Betrag entschieden haben, auf stderr melden"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        weights = _weights(_read_bytes(args.file))
        options = {name: _number(getattr(args, name), f"--{name}") for name in ("budget", "unit", "base")}
        for name in ("lower", "upper"):
            value = getattr(args, name)
            options[name] = None if value is None else _number(value, f"--{name}")
        result = apportion(
            options["budget"],
            weights,
            method=args.method,
            unit=options["unit"],
            base=options["base"],
            lower=options["lower"],
            upper=options["upper"],
        )
    except (AllocationError, _InputError) as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(_output(result.amounts))
    if args.ties:
        for tie in result.ties:
            print(
                f"Gleichstand zwischen {row_list(tie.rows)}: entschieden zugunsten von {row_list(tie.winners)} "
                "(bei gleichem Anspruch geht die frühere Zeile vor).",
                file=sys.stderr,
            )
    return 0


class _InputError(ValueError):
    pass


def _read_bytes(path: str | None) -> bytes:
    try:
        if path is None or path == "-":
            binary = getattr(sys.stdin, "buffer", None)  # a replaced sys.stdin (io.StringIO) has none
            return binary.read() if binary is not None else sys.stdin.read().encode("utf-8")
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise _InputError(f"Die Datei {path!r} kann nicht gelesen werden ({german_os_reason(error)}).") from None


# From this many bytes on, a file of plain whole numbers is converted by NumPy (as the engine sorts
# with it from 2,000 rows); below, NumPy's import would cost more than it saves.
_VECTORISED_FROM_BYTES = 16_000
_INT64_DIGITS = 18  # every number of up to 18 digits fits into NumPy's int64


def _weights(data: bytes) -> list[int | Decimal]:
    """One weight a line, in time proportional to the input.

    Whole numbers (the usual counts) become ints: the engine's exact arithmetic takes them as they
    are, while a Decimal costs a conversion to a fraction, five times the engine's own time for a
    million weights. A large file of plain whole numbers (only digits and line breaks, no blank line)
    is checked with a few byte operations and converted by NumPy in one call, a fifth of the time of
    int() per line; anything else is read line by line, as German or English notation, every bad
    line named.
    """
    body = data.removeprefix(b"\xef\xbb\xbf").rstrip(b" \t\r\n")
    if (
        len(body) >= _VECTORISED_FROM_BYTES
        and not body.translate(None, b"0123456789\n")  # nothing but digits and line breaks
        and b"\n\n" not in body
        and not body.startswith(b"\n")
    ):
        plain = _plain_whole_numbers(body)
        if plain is not None:
            return plain
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _InputError("Die Eingabe ist keine UTF-8-Textdatei.") from None
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    problems = []
    weights: list[int | Decimal] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.isascii() and stripped.isdigit():
            weights.append(int(stripped))
            continue
        try:
            weights.append(parse_number_text(line))
        except NumberTextError as reason:
            reason_text = "ist leer" if str(reason) == "leer" else f"ist ungültig: {reason}"
            problems.append(f"Zeile {number} {reason_text}.")
    if problems:
        more = f" (und {len(problems) - 5} weitere)" if len(problems) > 5 else ""
        raise _InputError(" ".join(problems[:5]) + more)
    return weights


def _plain_whole_numbers(body: bytes) -> list[int] | None:
    """Lines of digits (checked by the caller) as ints; None where NumPy is missing or a number is too long."""
    try:
        import numpy
    except ImportError:  # pragma: no cover - numpy comes with pandas, but the command does not require it
        return None
    breaks = numpy.flatnonzero(numpy.frombuffer(body, dtype=numpy.uint8) == ord("\n"))
    bounds = numpy.concatenate(([-1], breaks, [len(body)]))
    if int(numpy.diff(bounds).max()) - 1 > _INT64_DIGITS:  # a longer number: exact ints, line by line
        return None
    values = numpy.fromstring(body, dtype=numpy.int64, sep="\n")
    if len(values) != body.count(b"\n") + 1:  # pragma: no cover - the checks above rule this out
        return None
    return values.tolist()


def _number(text: str, option: str) -> Decimal:
    try:
        return parse_number_text(text)
    except NumberTextError as reason:
        raise _InputError(f"{option}: {reason}.") from None


def _output(amounts) -> str:
    """One amount a line; whole euros (the usual case) formatted in one call, three times faster than str()."""
    amounts = tuple(amounts)
    if set(map(type, amounts)) <= {int}:
        return ("%d\n" * len(amounts)) % amounts
    return "".join(f"{_plain(amount)}\n" for amount in amounts)


def _plain(amount) -> str:
    """No thousands separators, a decimal point: output for scripts, not for people."""
    return format(amount, "f") if isinstance(amount, Decimal) else str(amount)
