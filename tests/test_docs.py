"""The README and the handbook say only what is true of the program: every command and option shown
exists (checked against the real argparse parser), every module run with ``python -m`` exists, and every
relative link, image and anchor resolves."""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import re
import shlex
from pathlib import Path

import pytest

from xl_funcs.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *(ROOT / "docs" / name for name in ("anwendung.md", "eingabevertrag.md", "betrieb.md", "technik.md"))]

_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
_INLINE = re.compile(r"`([^`\n]+)`")
_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
_SHELL_ENDS = {"|", "||", "&&", ";", ">", ">>", "2>", "<"}


def _code_blocks(text: str) -> list[str]:
    return _FENCE.findall(text)


def _prose(text: str) -> str:
    return _FENCE.sub("", text)


def _commands(page: Path) -> list[tuple[str, list[str], bool]]:
    """Every ``mittelverteilung …`` call the page shows: (the line, its arguments, whether it is a whole call).

    A line in a code block is a whole call to be run; an inline span in the prose (``mittelverteilung
    collect``) names a command and perhaps some options."""
    text = page.read_text(encoding="utf-8")
    lines = [(line, True) for block in _code_blocks(text) for line in block.splitlines()]
    lines += [(span, False) for span in _INLINE.findall(_prose(text)) if re.match(r"(\S*/)?mittelverteilung\s", span)]
    found = []
    for line, whole in lines:
        try:
            tokens = shlex.split(line, comments=True)
        except ValueError:
            continue  # output shown in a block (quotes of German text), not a command
        for index, token in enumerate(tokens):
            if token.rsplit("/", 1)[-1] == "mittelverteilung" and (index == 0 or tokens[index - 1] in _SHELL_ENDS or "=" in tokens[index - 1]):
                argv = []
                for word in tokens[index + 1 :]:
                    if word in _SHELL_ENDS:
                        break
                    argv.append(word)
                found.append((line, argv, whole))
    return found


def _all_commands() -> list[tuple[str, str, list[str], bool]]:
    return [(page.name, line, argv, whole) for page in PAGES for line, argv, whole in _commands(page)]


def test_the_pages_show_commands_at_all():
    shown = {argv[0] for _, _, argv, _ in _all_commands() if argv and not argv[0].startswith("-")}
    assert {"allocate", "check", "publish", "share", "collect", "lite", "serve"} <= shown, shown


@pytest.mark.parametrize(("page", "line", "argv", "whole"), _all_commands(), ids=lambda value: str(value)[:60])
def test_every_command_shown_parses_with_the_real_parser(page, line, argv, whole):
    parser = build_parser()
    hidden = _hidden_options(parser)
    for word in argv:
        option = word.split("=", 1)[0]
        assert option not in hidden, f"{page}: {line!r} shows the old spelling {option}; show the English one"
    if not whole:  # named in the prose: the command and every option it shows exist
        commands = _subparsers(parser)
        if argv and not argv[0].startswith("-"):
            assert argv[0] in commands, f"{page}: {line!r}: no command {argv[0]}"
            known = commands[argv[0]]._option_string_actions
        else:
            known = parser._option_string_actions
        for option in (word.split("=", 1)[0] for word in argv if word.startswith("-")):
            assert option in known, f"{page}: {line!r}: no option {option}"
        return
    if any(word in ("-h", "--help", "--version") for word in argv):
        return  # these print and exit; that they exist is checked below
    with contextlib.redirect_stderr(io.StringIO()) as errors:
        try:
            parser.parse_args(argv)
        except SystemExit:
            pytest.fail(f"{page}: {line!r} does not parse: {errors.getvalue().strip()}")


def test_help_and_version_shown_exist():
    parser = build_parser()
    assert "--version" in parser._option_string_actions and "--help" in parser._option_string_actions


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def _hidden_options(parser: argparse.ArgumentParser) -> set[str]:
    return {
        option
        for sub in _subparsers(parser).values()
        for action in sub._actions
        if action.help == argparse.SUPPRESS
        for option in action.option_strings
    }


def test_every_module_run_with_python_m_exists():
    shown = set()
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for block in _code_blocks(text) + _INLINE.findall(_prose(text)):
            shown |= set(re.findall(r"python -m ([A-Za-z_][\w.]*)", block))
    assert "xl_funcs.sample.workbook" in shown
    for module in sorted(shown - {"pytest", "pip"}):
        assert importlib.util.find_spec(module) is not None, f"python -m {module}: no such module"


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower().replace("`", ""))
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = _prose(page.read_text(encoding="utf-8"))
    seen: dict[str, int] = {}
    anchors = set()
    for heading in re.findall(r"^#{1,6} (.+)$", text, flags=re.MULTILINE):
        slug = _slug(heading)
        count = seen.get(slug, 0)
        anchors.add(slug if count == 0 else f"{slug}-{count}")
        seen[slug] = count + 1
    return anchors


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_relative_link_and_anchor_resolves(page):
    links = _LINK.findall(_prose(page.read_text(encoding="utf-8")))
    assert links, f"{page.name} links nowhere"
    for target in links:
        if re.match(r"[a-z]+:", target):
            continue  # https:, mailto:
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        assert resolved.exists(), f"{page.name}: {target} does not exist"
        if anchor:
            assert resolved.suffix == ".md", f"{page.name}: {target}: an anchor into a file that is no page"
            assert anchor in _anchors(resolved), f"{page.name}: {target}: no heading with this anchor"


def test_the_readme_reads_in_five_minutes():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 200, len(lines)
    readme = "\n".join(lines)
    assert "bash .ci/setup && .venv/bin/mittelverteilung publish --out ausgabe" in readme
    assert ".venv/bin/python -m pytest" in readme and "](docs/amtliche_tabelle.png)" in readme
    for page in PAGES[1:]:
        assert f"](docs/{page.name})" in readme, page.name


def test_the_code_map_names_every_room_of_the_package():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rooms = sorted(p.name for p in (ROOT / "xl_funcs").iterdir() if (p / "__init__.py").exists())
    for room in rooms:
        assert f"`xl_funcs/{room}/`" in readme, f"the README's code map lacks xl_funcs/{room}/"
