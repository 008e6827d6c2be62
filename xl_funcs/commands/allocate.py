"""``mittelverteilung allocate``: the engine on the command line, one weight a line."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal

from fractions import Fraction

from ..engine import AllocationError, apportion
from ..engine.exact import decimal_of
from ..engine.notation import german_number, row_list
from ..engine.allocation import BOUND_RULES
from ..engine.ties import TIE_RULES, tie_priority
from ..engine.transition import FINANCING_RULES, Transition, apportion_transition
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
    rules = parser.add_argument_group("Übergangsregeln und Konventionen")
    rules.add_argument(
        "--previous", metavar="DATEI", help="Datei mit den Beträgen des Vorjahres, ein Betrag je Zeile wie die Gewichte"
    )
    rules.add_argument("--max-loss", help="Verlustbegrenzung gegenüber dem Vorjahr als Anteil, z. B. 0.1 (10 %%)")
    rules.add_argument("--max-gain", help="Zuwachsbegrenzung gegenüber dem Vorjahr als Anteil, z. B. 0.2 (20 %%)")
    rules.add_argument(
        "--financing",
        choices=FINANCING_RULES,
        default="all",
        help="wer die Verlustbegrenzung bezahlt: all (alle übrigen, Standard), gainers (nur die Gewinner, "
        "einheitliche Zuwachsrate), fund (Härtefonds außerhalb des Budgets; Ausgabe = Betrag + Aufstockung)",
    )
    rules.add_argument("--phase-in", help="Gewicht der Vorjahresverteilung, z. B. 0.5 (halb alt, halb neu)")
    rules.add_argument(
        "--tie-rule",
        choices=TIE_RULES,
        default="key",
        help="Gleichstand: key (frühere Zeile, Standard), weight (größeres Gewicht), lot (Los mit --seed), "
        "order (Reihenfolge der Zeilen als Rang; hier wie key)",
    )
    rules.add_argument("--seed", help="Losnummer für --tie-rule lot (z. B. Datum und Nummer der Ziehung)")
    rules.add_argument(
        "--bound-rule",
        choices=BOUND_RULES,
        default="redistribute",
        help="Hare-Niemeyer mit Grenzen: redistribute (Rest neu verteilen, Standard) oder quota "
        "(jede Zeile behält ihre Quote auf das ganze Budget, z. B. US-Repräsentantenhaus 1882)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        weights = _weights(_read_bytes(args.file))
        options = {name: _number(getattr(args, name), f"--{name}") for name in ("budget", "unit", "base")}
        for name in ("lower", "upper"):
            value = getattr(args, name)
            options[name] = None if value is None else _number(value, f"--{name}")
        rates = {name: _optional_number(getattr(args, name), f"--{name.replace('_', '-')}")
                 for name in ("max_loss", "max_gain", "phase_in")}
        previous = None if args.previous is None else _weights(_read_bytes(args.previous), "--previous")
        priority = tie_priority(
            args.tie_rule,
            len(weights),
            weights=[Fraction(w) for w in weights],
            seed=args.seed,
            ranks=list(range(1, len(weights) + 1)),
        )
        common = dict(
            method=args.method,
            unit=options["unit"],
            base=options["base"],
            lower=options["lower"],
            upper=options["upper"],
            priority=priority,
            bound_rule=args.bound_rule,
        )
        if previous is None and not any(v is not None for v in rates.values()):
            result = apportion(options["budget"], weights, **common)
        else:
            result = apportion_transition(
                options["budget"], weights, previous, financing=args.financing, **rates, **common
            )
    except (AllocationError, _InputError) as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(_output(result.amounts))
    if isinstance(result, Transition):
        _report_transition(result)
    if args.ties:
        for tie in result.ties:
            print(
                f"Gleichstand zwischen {row_list(tie.rows)}: entschieden zugunsten von {row_list(tie.winners)} "
                f"({_RULE_WORDS[args.tie_rule].format(seed=args.seed)}).",
                file=sys.stderr,
            )
    return 0


_RULE_WORDS = {
    "key": "bei gleichem Anspruch geht die frühere Zeile vor",
    "order": "bei gleichem Anspruch geht die frühere Zeile vor",
    "weight": "bei gleichem Anspruch geht das größere Gewicht vor, dann die frühere Zeile",
    "lot": "bei gleichem Anspruch entscheidet das Los mit der Losnummer „{seed}“: SHA-256 von Losnummer, "
    "Zeilenumbruch und Zeilennummer, der kleinste Wert geht vor",
}


def _report_transition(result: Transition) -> None:
    """What the rules cost, on stderr (stdout holds only the amounts)."""
    money = lambda units: german_number(decimal_of(units * result.unit))  # noqa: E731
    if result.financing == "fund":
        print(f"Härtefonds außerhalb des Budgets: {money(result.fund_units)}", file=sys.stderr)
    if result.gain_rate is not None:
        print(f"Zuwachs der Gewinner begrenzt auf {german_number(result.gain_rate * 100, 4)} %", file=sys.stderr)
    print(f"Durch die Übergangsregeln bewegt: {money(result.moved_units)}", file=sys.stderr)


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


def _weights(data: bytes, what: str = "") -> list[int | Decimal]:
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
        raise _InputError(f"{what}: keine UTF-8-Textdatei." if what else "Die Eingabe ist keine UTF-8-Textdatei.") from None
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
            problems.append(f"{what + ': ' if what else ''}Zeile {number} {reason_text}.")
    if problems:
        more = f" (und {len(problems) - 5} weitere)" if len(problems) > 5 else ""
        raise _InputError(" ".join(problems[:5]) + more)
    return weights


def _optional_number(text: str | None, option: str) -> Decimal | None:
    return None if text is None else _number(text, option)


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
