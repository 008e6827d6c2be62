"""``mittelverteilung serve``: the xlwings Server app in ``workbook/server`` on this machine.

The app is the real ``xlwings-server`` package; the project directory only
tells it where the custom functions and scripts are (``XLWINGS_PROJECT_DIR``),
so starting it is setting that and running uvicorn.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

_LICENCE_HINT = (
    "xlwings Server führt den PRO-Teil von xlwings aus und braucht die Umgebungsvariable "
    "XLWINGS_LICENSE_KEY. Für nichtkommerzielle Nutzung, auch durch eine Behörde wie ein Ministerium, "
    "gilt der Schlüssel „noncommercial“ (PolyForm Noncommercial 1.0.0):\n"
    "  XLWINGS_LICENSE_KEY=noncommercial mittelverteilung serve"
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="den xlwings-Server mit den Excel-Funktionen starten (Standard: http://127.0.0.1:8000)",
        description="Startet xlwings Server mit den Excel-Funktionen (ALLOCATE …) aus dem Projekt "
        "workbook/server. Excel lädt das Add-in über /manifest.xml; Excel selbst verlangt HTTPS "
        "(Zertifikat mit --cert/--key oder in certs/ des Projekts). Beenden mit Strg+C.",
    )
    parser.add_argument("--host", default="127.0.0.1", metavar="ADRESSE", help="Adresse (Standard: 127.0.0.1, nur dieser Rechner)")
    parser.add_argument("--port", type=int, default=8000, metavar="NUMMER", help="Port (Standard: 8000)")
    parser.add_argument("--project", metavar="VERZEICHNIS", help="Server-Projekt (Standard: workbook/server)")
    parser.add_argument("--cert", metavar="PEM", help="TLS-Zertifikat für HTTPS")
    parser.add_argument("--key", metavar="PEM", help="privater Schlüssel zum Zertifikat")
    for old, new in (("--projekt", "--project"), ("--zertifikat", "--cert"), ("--schluessel", "--key")):
        parser.add_old_spelling(old, new)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = Path(args.project) if args.project else _default_project()
    if project is None or not (project / "custom_functions").is_dir():
        shown = args.project or "workbook/server"
        print(f"Fehler: {shown} ist kein xlwings-Server-Projekt (custom_functions/ fehlt).", file=sys.stderr)
        return 1
    if not os.environ.get("XLWINGS_LICENSE_KEY"):
        print(f"Fehler: {_LICENCE_HINT}", file=sys.stderr)
        return 1
    certificate, key = _tls_files(project, args.cert, args.key)
    if (certificate is None) != (key is None):
        print("Fehler: für HTTPS werden Zertifikat und Schlüssel gebraucht.", file=sys.stderr)
        return 1
    for path in (certificate, key):
        if path is not None and not path.is_file():
            print(f"Fehler: {path} gibt es nicht.", file=sys.stderr)
            return 1

    os.environ["XLWINGS_PROJECT_DIR"] = str(project.resolve())
    os.environ["XLWINGS_ON_SERVER"] = "true"  # decides xlwings' decorator flavour at its import
    try:
        import uvicorn
        import xlwings_server  # noqa: F401 - only checked here; uvicorn imports the app by name
    except ImportError as missing:
        print(
            f"Fehler: {missing.name} ist nicht installiert; bitte `pip install \"mittelverteilung[server]\"`.",
            file=sys.stderr,
        )
        return 1

    scheme = "https" if certificate else "http"
    print(f"Mittelverteilung: xlwings Server auf {scheme}://{args.host}:{args.port} (Manifest: /manifest.xml)", flush=True)
    if not certificate:
        print("Hinweis: ohne Zertifikat nur HTTP; Excel selbst lädt Add-ins nur über HTTPS.", flush=True)
    uvicorn.run(
        "xlwings_server.main:main_app",
        host=args.host,
        port=args.port,
        ssl_certfile=str(certificate) if certificate else None,
        ssl_keyfile=str(key) if key else None,
        log_level="warning",
    )
    return 0


def _default_project() -> Path | None:
    """workbook/server of the working directory, else of the checkout this package runs from."""
    checkout = Path(__file__).resolve().parents[2]
    for base in (Path.cwd(), checkout):
        candidate = base / "workbook" / "server"
        if (candidate / "custom_functions").is_dir():
            return candidate
    return None


def _tls_files(project: Path, certificate: str | None, key: str | None) -> tuple[Path | None, Path | None]:
    if certificate or key:
        return (Path(certificate) if certificate else None, Path(key) if key else None)
    # Where `xlwings-server` itself looks (mkcert's default names).
    found_certificate = project / "certs" / "localhost+2.pem"
    found_key = project / "certs" / "localhost+2-key.pem"
    if found_certificate.is_file() and found_key.is_file():
        return found_certificate, found_key
    return None, None
