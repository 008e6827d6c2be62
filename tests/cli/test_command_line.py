"""One command-line language: long options in English, help in German, the old German spellings hidden aliases."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys

import pytest

import xl_funcs
from xl_funcs.cli import COMMANDS, build_parser, main

# The words every visible long option is made of. A new option whose name is not made of these fails
# below: name it in English and add the word here.
ENGLISH = {
    "help", "version", "out", "no", "pdf", "check", "project", "cert", "key", "host", "port", "budget",
    "method", "unit", "base", "lower", "upper", "ties", "issued",
    "previous", "max", "loss", "gain", "financing", "phase", "in", "tie", "rule", "seed", "bound",
    "provisional", "workbook", "as", "of",
}  # fmt: skip

# Every German spelling earlier versions had, the command it belongs to, the English option and a value.
OLD_SPELLINGS = (
    ("publish", "--ohne-pdf", "--no-pdf", None),
    ("lite", "--pruefen", "--check", None),
    ("serve", "--projekt", "--project", "workbook/server"),
    ("serve", "--zertifikat", "--cert", "zert.pem"),
    ("serve", "--schluessel", "--key", "schluessel.pem"),
)


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def _help(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as leaving:
        main(argv)
    assert leaving.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", ("",) + COMMANDS)
def test_every_help_shows_only_english_long_options_and_german_text(command, capsys):
    argv = [command, "--help"] if command else ["--help"]
    shown = _help(argv, capsys)
    assert shown.startswith("Aufruf: mittelverteilung")
    assert "Optionen:" in shown and "options:" not in shown and "usage:" not in shown
    options = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", shown))
    assert options, shown
    for option in options:
        words = option[2:].split("-")
        assert set(words) <= ENGLISH, f"{command or 'mittelverteilung'}: {option} is not English ({shown})"
    hidden = {old for cmd, old, _, _ in OLD_SPELLINGS if cmd == command}
    assert not hidden & options, "the old spellings are accepted, not shown"


def test_every_visible_option_of_the_parser_is_in_the_help(capsys):
    parser = build_parser()
    for name, sub in _subparsers(parser).items():
        shown = _help([name, "--help"], capsys)
        for action in sub._actions:
            long = [o for o in action.option_strings if o.startswith("--")]
            if action.help == argparse.SUPPRESS:
                assert all(o in {old for _, old, _, _ in OLD_SPELLINGS} for o in long), (name, long)
            else:
                assert all(o in shown for o in long), (name, long)


def test_version_prints_the_package_version(capsys):
    assert _help(["--version"], capsys).strip() == f"mittelverteilung {xl_funcs.__version__}"
    done = subprocess.run(
        [sys.executable, "-m", "xl_funcs.cli", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stdout.strip() == f"mittelverteilung {xl_funcs.__version__}"


@pytest.mark.parametrize(("command", "old", "new", "value"), OLD_SPELLINGS)
def test_each_old_spelling_still_works(command, old, new, value):
    parser = build_parser()
    tail = [value] if value is not None else []
    by_old = vars(parser.parse_args([command, old, *tail]))
    by_new = vars(parser.parse_args([command, new, *tail]))
    plain = vars(parser.parse_args([command]))
    assert by_old == by_new
    assert by_new != plain  # the option did something


def test_old_spelling_works_end_to_end_in_a_real_run(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "xl_funcs.cli", "publish", "--out", str(tmp_path), "--ohne-pdf"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sorted(p.suffix for p in tmp_path.iterdir() if p.is_file()) == [".csv", ".html", ".xlsx"]


def test_a_usage_error_is_german():
    done = subprocess.run(
        [sys.executable, "-m", "xl_funcs.cli", "publish", "--ohne-pfd"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "Fehler beim Aufruf: unbekannte Angaben: --ohne-pfd" in done.stderr
