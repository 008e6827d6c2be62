"""A Kreis that fills in its Rückmeldung in LibreOffice Calc and saves it as xlsx again.

LibreOffice runs headless with a fresh profile and a German locale; a small
Basic macro placed in that profile opens the workbook, types the values into
the given cells of the sheet "Rückmeldung" (only unlocked cells accept them
in the program's interface; the macro types only there) and stores the file
with LibreOffice's own xlsx export, as a Kreis using LibreOffice would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

SHEET = "Rückmeldung"


def soffice() -> str:
    program = shutil.which("soffice")
    assert program, "LibreOffice (soffice) fehlt: bash .ci/setup installiert es"
    return program


def _run(profile: Path, *arguments: str) -> None:
    done = subprocess.run(
        [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", *arguments],
        capture_output=True,
        check=False,
        text=True,
        timeout=90,
        env={**os.environ, "LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8"},
    )
    assert done.returncode == 0, done.stderr


def _basic_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def fill_with_libreoffice(source: Path, target: Path, values: dict[str, object], work_dir: Path) -> Path:
    """``values``: cell of the Rückmeldung (``"C16"``) -> text or number, typed as a user would."""
    profile = work_dir / "lo-profile"
    if not (profile / "user" / "basic" / "Standard" / "script.xlb").exists():
        _run(profile, "--terminate_after_init")  # LibreOffice writes its default Basic library on first start
    lines = [
        "Sub Main",
        "  Dim loadArgs(0) As New com.sun.star.beans.PropertyValue",
        '  loadArgs(0).Name = "Hidden"',
        "  loadArgs(0).Value = True",
        f'  doc = StarDesktop.loadComponentFromURL(ConvertToURL({_basic_string(str(source))}), "_blank", 0, loadArgs())',
        f"  sheet = doc.Sheets.getByName({_basic_string(SHEET)})",
    ]
    for cell, value in values.items():
        call = f"setValue({value})" if isinstance(value, (int, float)) else f"setString({_basic_string(str(value))})"
        lines.append(f"  sheet.getCellRangeByName({_basic_string(cell)}).{call}")
    lines += [
        "  Dim store(0) As New com.sun.star.beans.PropertyValue",
        '  store(0).Name = "FilterName"',
        '  store(0).Value = "Calc MS Excel 2007 XML"',
        f"  doc.storeToURL(ConvertToURL({_basic_string(str(target))}), store())",
        "  doc.close(True)",
        "End Sub",
    ]
    library = profile / "user" / "basic" / "Standard"
    (library / "Kreis.xba").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">\n'
        '<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Kreis" '
        'script:language="StarBasic">' + _xml("\n".join(lines)) + "</script:module>\n",
        encoding="utf-8",
    )
    index = library / "script.xlb"
    text = index.read_text(encoding="utf-8")
    if 'library:name="Kreis"' not in text:
        index.write_text(
            text.replace("</library:library>", ' <library:element library:name="Kreis"/>\n</library:library>'),
            encoding="utf-8",
        )
    _run(profile, "macro:///Standard.Kreis.Main()")
    assert target.is_file(), f"LibreOffice hat {target} nicht geschrieben"
    return target
