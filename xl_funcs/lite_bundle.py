"""xlwings Lite's ``main.py`` and ``requirements.txt``, generated from this package.

Lite runs one ``main.py`` in Pyodide and installs only what ``requirements.txt``
names from PyPI (pure-Python wheels). Rather than publishing the package, the
generated ``main.py`` carries the package's own modules as source text, verbatim,
and a small importer that makes them importable under their real names. Lite
thus runs exactly the code the tests check, and a test regenerates the file to
prove it is up to date.

Which modules go in: ``ENTRY_MODULES`` and everything they import from
``xl_funcs`` (found by reading their imports, so adding a module means adding
one name here). Each entry module's public names become names of ``main.py``,
which is where Lite looks for ``@func`` and ``@script`` functions.
"""

from __future__ import annotations

import ast
import importlib.metadata
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from . import __version__

PACKAGE = "xl_funcs"

# Modules whose functions Lite shows; their imports from xl_funcs are bundled too.
ENTRY_MODULES: tuple[str, ...] = ("xl_funcs.excel_functions",)

# Pinned to the version the tests ran with; Pyodide's own packages must stay unpinned.
_PINNED = frozenset({"xlwings"})

_PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class BundledModule:
    name: str
    path: Path
    is_package: bool

    @property
    def source(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def relative_path(self) -> str:
        return self.path.relative_to(_PACKAGE_DIR.parent).as_posix()


def bundled_modules(entries: tuple[str, ...] = ENTRY_MODULES) -> list[BundledModule]:
    """The entry modules and every xl_funcs module they need, parents before children."""
    found: dict[str, BundledModule] = {}
    pending = list(entries)
    while pending:
        name = pending.pop()
        if name in found:
            continue
        module = _module(name)
        if module is None:
            raise LookupError(f"{name} ist kein Modul des Pakets {PACKAGE}.")
        found[name] = module
        pending.extend(_parents(name))
        pending.extend(_package_imports(module))
    return sorted(found.values(), key=lambda module: module.name.split("."))


def requirements(modules: list[BundledModule]) -> list[str]:
    """Third-party distributions the bundled modules import unconditionally, e.g. ``xlwings==0.37.8``."""
    names = sorted({top for module in modules for top in _third_party_imports(module)})
    distributions = importlib.metadata.packages_distributions()
    lines = []
    for name in names:
        distribution = distributions.get(name, [name])[0]
        if distribution in _PINNED:
            lines.append(f"{distribution}=={importlib.metadata.version(distribution)}")
        else:
            lines.append(distribution)
    return lines


def main_py(modules: list[BundledModule], entries: tuple[str, ...] = ENTRY_MODULES) -> str:
    """The text of Lite's main.py."""
    parts = [_HEADER.format(version=__version__)]
    for module in modules:
        parts.append(f"\n# ---- {module.relative_path} " + "-" * max(3, 72 - len(module.relative_path)) + "\n")
        parts.append(f"MODULES[{module.name!r}] = {_literal(module.source)}\n")
    packages = ", ".join(repr(module.name) for module in modules if module.is_package)
    parts.append(_LOADER.format(packages=packages))
    for entry in entries:
        parts.append(f"from {entry} import *  # noqa: E402,F401,F403\n")
    return "".join(parts)


def lite_files() -> dict[str, str]:
    """File name -> text of the files Lite needs."""
    modules = bundled_modules()
    return {
        "main.py": main_py(modules),
        "requirements.txt": "".join(line + "\n" for line in requirements(modules)),
    }


def write_lite_files(directory: Path) -> list[Path]:
    """Writes main.py and requirements.txt into ``directory``; returns their paths."""
    texts = lite_files()
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in texts.items():
        target = directory / name
        # Written beside the target, then renamed: a failed run leaves the old file whole.
        partial = target.with_name(f".{name}.partial")
        partial.write_text(text, encoding="utf-8", newline="\n")
        os.replace(partial, target)
        written.append(target)
    return written


def _module(name: str) -> BundledModule | None:
    if name != PACKAGE and not name.startswith(PACKAGE + "."):
        return None
    relative = Path(*name.split(".")[1:])
    package_init = _PACKAGE_DIR / relative / "__init__.py"
    if package_init.is_file():
        return BundledModule(name, package_init, True)
    plain = (_PACKAGE_DIR / relative).with_suffix(".py")
    if name != PACKAGE and plain.is_file():
        return BundledModule(name, plain, False)
    return None


def _parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:length]) for length in range(1, len(parts))]


def _package_imports(module: BundledModule) -> list[str]:
    """xl_funcs modules imported anywhere in ``module`` (also inside functions)."""
    names = []
    for node in ast.walk(ast.parse(module.source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names if _module(alias.name))
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, node)
            if _module(base) is None:
                continue
            names.append(base)
            # ``from . import engine`` imports a module, ``from .x import y`` usually a name.
            names.extend(f"{base}.{alias.name}" for alias in node.names if _module(f"{base}.{alias.name}"))
    return names


def _absolute(module: BundledModule, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.name if module.is_package else module.name.rpartition(".")[0]
    parts = package.split(".")
    base = ".".join(parts[: len(parts) - (node.level - 1)])
    return f"{base}.{node.module}" if node.module else base


def _third_party_imports(module: BundledModule) -> set[str]:
    """Top-level names of non-standard-library imports that are not wrapped in ``except ImportError``."""
    tree = ast.parse(module.source)
    optional = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(_catches_import_error(handler) for handler in node.handlers):
            for inner in node.body:
                optional.update(id(child) for child in ast.walk(inner))
    found = set()
    for node in ast.walk(tree):
        if id(node) in optional:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.partition(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names and name not in {PACKAGE, "__future__"}}


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    caught = handler.type
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    return any(isinstance(name, ast.Name) and name.id in {"ImportError", "ModuleNotFoundError"} for name in names)


def _literal(source: str) -> str:
    """The source as a raw triple-quoted string, so that it reads like the module itself."""
    candidate = "r'''" + source + "'''"
    try:
        if "'''" not in source and ast.literal_eval(candidate) == source:
            return candidate
    except (SyntaxError, ValueError):
        pass
    return repr(source)


_HEADER = '''\
"""Mittelverteilung Integrationsmanagement: Excel-Funktionen für xlwings Lite.

Erzeugt mit `mittelverteilung lite` aus dem Paket xl_funcs {version}. Bitte nicht
hier ändern, sondern im Paket, und die Datei neu erzeugen: ein Test prüft, dass
sie aktuell ist und dieselben Ergebnisse liefert wie das Paket.

Unten stehen die Module des Pakets unverändert als Quelltext; ein kleiner
Importer am Ende macht sie unter ihren echten Namen importierbar (xl_funcs...).
"""

# Module name -> source text, exactly as in the package.
MODULES = {{}}
'''

_LOADER = '''
# ---- importer ----------------------------------------------------------------

import importlib.abc  # noqa: E402
import importlib.util  # noqa: E402
import linecache  # noqa: E402
import sys  # noqa: E402

PACKAGES = frozenset({{{packages}}})


class BundledModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports the modules above by name, ahead of any installed copy."""

    bundles_xl_funcs = True

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in MODULES:
            return None
        return importlib.util.spec_from_loader(
            fullname, self, origin=self.filename(fullname), is_package=fullname in PACKAGES
        )

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        name = module.__name__
        filename = self.filename(name)
        source = MODULES[name]
        # Tracebacks then show the lines of the bundled module.
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        exec(compile(source, filename, "exec"), module.__dict__)

    @staticmethod
    def filename(name):
        suffix = "/__init__.py" if name in PACKAGES else ".py"
        return "main.py:" + name.replace(".", "/") + suffix


def install():
    """Lite runs main.py again after every edit: drop the copies an earlier run imported."""
    sys.meta_path[:] = [finder for finder in sys.meta_path if not getattr(finder, "bundles_xl_funcs", False)]
    for name in [name for name in sys.modules if name == "xl_funcs" or name.startswith("xl_funcs.")]:
        del sys.modules[name]
    sys.meta_path.insert(0, BundledModules())


install()

# ---- what Lite registers -------------------------------------------------------

'''
