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
        lines = _read_lines(args.file)
        weights = _weights(lines)
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
    sys.stdout.write("".join(f"{_plain(amount)}\n" for amount in result.amounts))
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


def _read_lines(path: str | None) -> list[str]:
    try:
        if path is None or path == "-":
            return sys.stdin.read().splitlines()
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read().splitlines()
    except OSError as error:
        raise _InputError(f"Die Datei {path!r} kann nicht gelesen werden ({german_os_reason(error)}).") from None
    except UnicodeDecodeError:
        raise _InputError(f"Die Datei {path!r} ist keine UTF-8-Textdatei.") from None


def _weights(lines: list[str]) -> list[Decimal]:
    while lines and not lines[-1].strip():
        lines.pop()
    problems = []
    weights = []
    for number, line in enumerate(lines, start=1):
        try:
            weights.append(parse_number_text(line))
        except NumberTextError as reason:
            text = "ist leer" if str(reason) == "leer" else f"ist ungültig: {reason}"
            problems.append(f"Zeile {number} {text}.")
    if problems:
        more = f" (und {len(problems) - 5} weitere)" if len(problems) > 5 else ""
        raise _InputError(" ".join(problems[:5]) + more)
    return weights


def _number(text: str, option: str) -> Decimal:
    try:
        return parse_number_text(text)
    except NumberTextError as reason:
        raise _InputError(f"{option}: {reason}.") from None


def _plain(amount) -> str:
    """No thousands separators, a decimal point: output for scripts, not for people."""
    return format(amount, "f") if isinstance(amount, Decimal) else str(amount)
