"""xlwings Lite's ``main.py`` and ``requirements.txt``, generated from this package.

Lite runs one ``main.py`` in Pyodide and installs only what ``requirements.txt``
names from PyPI (pure-Python wheels). Rather than publishing the package, the
generated ``main.py`` carries the package's own modules as source text, verbatim,
and a small importer that makes them importable under their real names. Lite
thus runs exactly the code the tests check, and a test regenerates the file to
prove it is up to date.

Which modules go in: ``ENTRY_MODULES`` and everything they import from
``xl_funcs`` (found by reading their imports, so adding a module means adding
one name here), except the modules in ``LEFT_OUT``, which only the command line
needs. Each entry module's public names become names of ``main.py``, which is
where Lite looks for ``@func`` and ``@script`` functions.

Package data goes in too (Lite has no files): every non-Python file in the
bundled packages' folders (``xl_funcs/data/kreise.csv``), and the table templates,
which lie at the repository root for staff to edit. The importer serves them to
``importlib.resources``, so the modules read them the same way in both places.
"""

from __future__ import annotations

import ast
import importlib.metadata
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import __version__

PACKAGE = "xl_funcs"

# Modules whose functions Lite shows; their imports from xl_funcs are bundled too.
ENTRY_MODULES: tuple[str, ...] = ("xl_funcs.excel.functions", "xl_funcs.excel.scripts")

# Modules imported by bundled ones that Lite must not get, with the reason (German: Lite shows it
# if the module is imported after all). Each may only be imported inside a function, never at
# module level; bundled_modules() checks that.
LEFT_OUT: dict[str, str] = {
    "xl_funcs.readers.file_reader": "es liest xlsx-Dateien (ihre XML-Teile, mit defusedxml); "
    "in Excel wird die offene Mappe gelesen (read_xlwings_book)",
}

# Pinned to the version the tests ran with; Pyodide's own packages must stay unpinned.
_PINNED = frozenset({"xlwings"})

_PACKAGE_DIR = Path(__file__).resolve().parents[1]


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


@dataclass(frozen=True)
class DataFile:
    location: str  # where importlib.resources finds it: "xl_funcs/data/kreise.csv"
    path: Path  # the file in the checkout

    @property
    def content(self) -> str | bytes:
        data = self.path.read_bytes()
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data

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
        if module is None or name in LEFT_OUT:
            raise LookupError(f"{name} ist kein Modul des Pakets {PACKAGE}, das in xlwings Lite laufen kann.")
        found[name] = module
        pending.extend(_parents(name))
        for imported, at_load in _package_imports(module):
            if imported not in LEFT_OUT:
                pending.append(imported)
            elif at_load:
                raise LookupError(
                    f"{name} importiert {imported} beim Laden, aber xlwings Lite bekommt es nicht "
                    f"({LEFT_OUT[imported]}); bitte erst in der Funktion importieren, die es braucht."
                )
    return sorted(found.values(), key=lambda module: module.name.split("."))


def data_files(modules: list[BundledModule]) -> list[DataFile]:
    """The package data the bundled modules may read, in a stable order."""
    files = []
    for module in modules:
        if module.is_package:
            folder = module.path.parent
            for path in _data_in(folder):
                files.append(DataFile(f"{module.name.replace('.', '/')}/{path.relative_to(folder).as_posix()}", path))
    if any(module.name == "xl_funcs.table.templates" for module in modules):
        from ..table import templates

        # In the checkout the templates lie at the repository root, where staff edit them.
        for name in templates.TEMPLATE_FILES:
            files.append(DataFile(f"{PACKAGE}/{templates.PACKAGE_FOLDER}/{name}", templates.TEMPLATE_DIR / name))
    return sorted(files, key=lambda file: file.location)


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
        parts.append(_rule(module.relative_path))
        parts.append(f"MODULES[{module.name!r}] = {_literal(module.source)}\n")
    parts.append(_FILES_HEADER)
    for file in data_files(modules):
        parts.append(_rule(file.relative_path))
        parts.append(f"FILES[{file.location!r}] = {_literal(file.content)}\n")
    parts.append(_rule("what the importer needs to know"))
    packages = ", ".join(repr(module.name) for module in modules if module.is_package)
    parts.append(f"PACKAGES = frozenset({{{packages}}})\n")
    left_out = "".join(f"    {name!r}: {reason!r},\n" for name, reason in LEFT_OUT.items())
    parts.append(f"LEFT_OUT = {{\n{left_out}}}\n")
    parts.append(_LOADER)
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
    # Both files or neither, under the folder's lock; OutputError with a German message otherwise.
    from ..output_files import install_files

    return install_files({name: text.encode("utf-8") for name, text in lite_files().items()}, directory)


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


def _data_in(folder: Path) -> list[Path]:
    """Files in a package's folder that are not Python, leaving out its subpackages (bundled on their own)."""
    found = []
    for directory, subdirectories, files in os.walk(folder):
        here = Path(directory)
        subdirectories[:] = sorted(
            name for name in subdirectories if name != "__pycache__" and not (here / name / "__init__.py").is_file()
        )
        found.extend(here / name for name in sorted(files) if not name.endswith((".py", ".pyc")))
    return found


def _rule(title: str) -> str:
    return f"\n# ---- {title} " + "-" * max(3, 72 - len(title)) + "\n"


def _parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:length]) for length in range(1, len(parts))]


# Code inside these runs only when called, not when the module is imported.
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def _package_imports(module: BundledModule) -> list[tuple[str, bool]]:
    """xl_funcs modules imported anywhere in ``module``, each with whether it is imported at load.

    Imports inside functions count too: Lite may call those functions.
    """
    tree = ast.parse(module.source)
    deferred = {id(node) for function in ast.walk(tree) if isinstance(function, _FUNCTIONS) for node in ast.walk(function)}
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported = [alias.name for alias in node.names if _module(alias.name)]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, node)
            if _module(base) is None:
                continue
            # ``from . import engine`` imports a module, ``from .x import y`` usually a name.
            imported = [base] + [f"{base}.{alias.name}" for alias in node.names if _module(f"{base}.{alias.name}")]
        else:
            continue
        names.extend((name, id(node) not in deferred) for name in imported)
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


def _literal(source: str | bytes) -> str:
    """The source as a raw triple-quoted string, so that it reads like the module itself."""
    if isinstance(source, bytes):
        return repr(source)
    candidate = "r'''" + source + "'''"
    try:
        if "'''" not in source and ast.literal_eval(candidate) == source:
            return candidate
    except (SyntaxError, ValueError):
        pass
    return repr(source)


_HEADER = '''\
"""Mittelverteilung Integrationsmanagement: Excel-Funktionen und Skripte für xlwings Lite.

Erzeugt mit `mittelverteilung lite` aus dem Paket xl_funcs {version}. Bitte nicht
hier ändern, sondern im Paket, und die Datei neu erzeugen: ein Test prüft, dass
sie aktuell ist und dieselben Ergebnisse liefert wie das Paket.

Unten stehen die Module des Pakets unverändert als Quelltext, danach seine
Datendateien (Liste der Kreise, Vorlagen der amtlichen Tabelle); ein kleiner
Importer am Ende macht die Module unter ihren echten Namen importierbar
(xl_funcs...) und die Dateien über importlib.resources lesbar.
"""

# Module name -> source text, exactly as in the package.
MODULES = {{}}
'''

_FILES_HEADER = '''
# Package data: location as importlib.resources sees it -> content, exactly as in the files.
FILES = {}
'''

_LOADER = '''
# ---- importer ----------------------------------------------------------------

import errno  # noqa: E402
import importlib.abc  # noqa: E402
import importlib.util  # noqa: E402
import io  # noqa: E402
import linecache  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from importlib.resources.abc import Traversable, TraversableResources  # noqa: E402


class BundledModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports the modules above by name, ahead of any installed copy, and serves FILES as their resources."""

    bundles_xl_funcs = True

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in MODULES:
            if fullname.partition(".")[0] == "xl_funcs":
                # The package lives only in this file: an installed copy must not fill a gap.
                reason = LEFT_OUT.get(fullname, "es wird hier nicht gebraucht")
                raise ModuleNotFoundError(f"{fullname} ist nicht in main.py enthalten: {reason}.", name=fullname)
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

    def get_resource_reader(self, fullname):
        package = fullname if fullname in PACKAGES else fullname.rpartition(".")[0]
        return BundledResources(package)

    @staticmethod
    def filename(name):
        suffix = "/__init__.py" if name in PACKAGES else ".py"
        return "main.py:" + name.replace(".", "/") + suffix


class BundledResources(TraversableResources):
    def __init__(self, package):
        self.package = package

    def files(self):
        return BundledFile(self.package.replace(".", "/"))


class BundledFile(Traversable):
    """A file or folder of FILES, with the part of pathlib.Path that importlib.resources offers."""

    def __init__(self, location):
        self.location = location

    @property
    def name(self):
        return self.location.rpartition("/")[2]

    def joinpath(self, *descendants):
        texts = [self.location, *(str(descendant) for descendant in descendants)]
        return BundledFile("/".join(part for text in texts for part in text.split("/") if part))

    def iterdir(self):
        prefix = self.location + "/"
        children = {key[len(prefix):].partition("/")[0] for key in FILES if key.startswith(prefix)}
        return iter([BundledFile(prefix + child) for child in sorted(children)])

    def is_file(self):
        return self.location in FILES

    def is_dir(self):
        return any(key.startswith(self.location + "/") for key in FILES)

    def open(self, mode="r", *args, **kwargs):
        if not self.is_file():
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), self.location)
        content = FILES[self.location]
        data = io.BytesIO(content.encode("utf-8") if isinstance(content, str) else content)
        return data if "b" in mode else io.TextIOWrapper(data, *args, **kwargs)

    def __repr__(self):
        return "main.py:" + self.location


def install():
    """Lite runs main.py again after every edit: drop the copies an earlier run imported."""
    sys.meta_path[:] = [finder for finder in sys.meta_path if not getattr(finder, "bundles_xl_funcs", False)]
    for name in [name for name in sys.modules if name == "xl_funcs" or name.startswith("xl_funcs.")]:
        del sys.modules[name]
    sys.meta_path.insert(0, BundledModules())


install()

# ---- what Lite registers -------------------------------------------------------

'''
