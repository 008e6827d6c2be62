"""The ``mittelverteilung`` command: one subcommand a module in ``xl_funcs.commands``.

Subcommand modules import their heavy dependencies (pandas, openpyxl, xlwings)
inside ``run`` so that ``mittelverteilung allocate`` starts in milliseconds.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__

# Order is the order of ``mittelverteilung --help``.
COMMANDS = ("allocate", "check", "publish", "share", "collect", "compare", "payments", "lite", "serve")


class GermanHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="Aufruf: " if prefix is None else prefix)


class GermanArgumentParser(argparse.ArgumentParser):
    """argparse with German headings and error lines; usage errors exit with 2."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", GermanHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "Argumente"
        self._optionals.title = "Optionen"
        self.add_argument("-h", "--help", action="help", help="diese Hilfe zeigen und beenden")

    def add_old_spelling(self, old: str, new: str) -> None:
        """Accept ``old`` (a German spelling from earlier versions) as ``new``, without showing it in the help."""
        action = self._option_string_actions[new]
        options = {"dest": action.dest, "default": argparse.SUPPRESS, "help": argparse.SUPPRESS}
        if action.nargs == 0:  # store_true / store_false
            options["action"] = "store_const"
            options["const"] = action.const
        else:
            options.update(type=action.type, metavar=action.metavar)
        self.add_argument(old, **options)

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: Fehler beim Aufruf: {_german_argparse(message)}\n")


def _german_argparse(message: str) -> str:
    replacements = {
        "the following arguments are required": "diese Angaben fehlen",
        "unrecognized arguments": "unbekannte Angaben",
        "invalid choice": "ungültige Auswahl",
        "expected one argument": "erwartet einen Wert",
        "argument ": "Angabe ",
        "choose from": "möglich sind",
    }
    for english, german in replacements.items():
        message = message.replace(english, german)
    return message


def build_parser() -> argparse.ArgumentParser:
    parser = GermanArgumentParser(
        prog="mittelverteilung",
        description="Mittelverteilung Integrationsmanagement Baden-Württemberg: euro-genau verteilen, "
        "veröffentlichen, an die Kreise versenden und Rückmeldungen prüfen.",
    )
    parser.add_argument(
        "--version", action="version", version=f"mittelverteilung {__version__}", help="die Version zeigen und beenden"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="BEFEHL", title="Befehle", parser_class=GermanArgumentParser)
    subparsers.required = True
    for name in COMMANDS:
        module = importlib.import_module(f"xl_funcs.commands.{name}")
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
