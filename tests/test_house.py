"""The house: every room of xl_funcs imports only rooms on lower floors (no circles), and the top stays small.

Imports are read from the source (module level and inside functions alike), so a
deferred import that runs back up counts too. ``from .. import __version__`` is
the one import of the package face allowed: the face loads nothing at import.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "xl_funcs"

# Lowest first. A room may import its own modules and rooms on lower floors only.
FLOORS: tuple[frozenset[str], ...] = (
    frozenset({"engine", "os_errors"}),
    frozenset({"number_text", "kreise", "output_files"}),
    frozenset({"inputs"}),
    frozenset({"calculation"}),
    frozenset({"charts"}),
    frozenset({"table"}),
    frozenset({"render"}),
    frozenset({"scenarios"}),  # variants -> calculations -> the comparison's table model
    frozenset({"readers"}),  # a workbook -> inputs, the Szenarien and Abschläge tables among them
    frozenset({"publication"}),
    frozenset({"payments"}),
    frozenset({"districts", "sample"}),
    frozenset({"excel"}),
    frozenset({"commands"}),
    frozenset({"cli"}),
)
# The top of the package: its face, the command line and the few modules every floor shares.
TOP_MODULES = {"__init__", "cli", "inputs", "calculation", "kreise", "number_text", "os_errors", "output_files"}


def _floor(room: str) -> int:
    for level, rooms in enumerate(FLOORS):
        if room in rooms:
            return level
    raise AssertionError(f"xl_funcs.{room} stands on no floor: add it to FLOORS in {__file__}")


def _module_name(path: Path) -> tuple[list[str], bool]:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    return (parts[:-1] if is_package else parts), is_package


def _imports(path: Path) -> list[tuple[str, int, list[str]]]:
    """(imported module, line, imported names) for every xl_funcs import in ``path``."""
    parts, is_package = _module_name(path)
    base = parts if is_package else parts[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                target = ".".join(base[: len(base) - node.level + 1] + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((target, node.lineno, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno, []) for alias in node.names)
    return [item for item in found if item[0].split(".")[0] == "xl_funcs"]


def _room(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None  # None: the package face itself


def test_every_import_points_down():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts, _ = _module_name(path)
        own = _room(".".join(parts))
        if own is None:
            continue  # the face: checked below
        for target, line, names in _imports(path):
            if _room(target) is None:  # ``from .. import engine`` imports a room; ``__version__`` is the face's
                targets = [f"xl_funcs.{name}" for name in names if name != "__version__"]
            else:
                targets = [target]
            for module in targets:
                room = _room(module)
                if room != own and _floor(room) >= _floor(own):
                    upward.append(f"{path.relative_to(PACKAGE)}:{line} ({own}) imports {module} ({room})")
    assert not upward, "imports that do not point downwards:\n" + "\n".join(upward)


def test_the_face_imports_nothing_at_load():
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    loaded = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
    names = {alias.name for node in loaded for alias in node.names}
    # os is loaded by the interpreter before any code runs; the face uses it to keep openpyxl on defusedxml.
    assert names <= {"annotations", "importlib", "os"}, names


def test_the_top_holds_only_the_face_the_cli_and_shared_modules():
    top = {path.stem for path in PACKAGE.glob("*.py")}
    assert top == TOP_MODULES, f"loose modules at the top of xl_funcs: {sorted(top - TOP_MODULES)}; give them a room"


def test_every_room_says_in_its_init_what_it_is():
    for folder in sorted(p for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        docstring = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))
        assert docstring, f"xl_funcs/{folder.name}/__init__.py has no docstring saying what the room is"
