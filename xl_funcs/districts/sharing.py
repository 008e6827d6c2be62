"""``share``: one workbook per Kreis, the Versandliste (JSON and CSV) and one ZIP per Regierungsbezirk.

Order of work, so that bad input or a failure writes nothing: read and
calculate (InputProblems), build all 44 documents, render every file into
memory, check that the amounts across the files add up to the budget, and
only then install the files into the output directory (``install_files``,
the one place that writes). The same inputs give the same bytes: every
timestamp is the Stand date, names and order are fixed.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..calculation import Calculation, calculate
from ..engine.exact import whole_or_exact
from ..inputs import InputProblems, Inputs, Problem
from .manifest import IssuedFile, Manifest, manifest_csv, manifest_json
from .model import DistrictWorkbook, district_workbooks
from .wording import words


class ShareError(Exception):
    """Sharing failed for a reason other than the input (files, folders); German message."""


@dataclass(frozen=True)
class Shared:
    """What ``share`` wrote."""

    manifest: Manifest
    paths: tuple[Path, ...]  # every file written, workbooks first

    @property
    def workbook_paths(self) -> tuple[Path, ...]:
        return tuple(path for path in self.paths if path.suffix == ".xlsx")


def share(
    inputs: Inputs,
    out_dir: str | os.PathLike,
    *,
    protect: tuple[Path, ...] = (),
    progress: Callable[[str], None] = lambda message: None,
) -> Shared:
    """Write the 44 Kreis workbooks, ``Versandliste.json``/``.csv`` and the ZIPs into ``out_dir``.

    ``protect`` names files that must never be overwritten (the input workbook).
    Raises InputProblems for bad input and ShareError if the files cannot be written.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ShareError(f"{out_dir} ist kein Verzeichnis.")
    _require_deadline_ahead(inputs)
    progress("Berechne die Verteilung …")
    calculation = calculate(inputs)
    files, manifest = render_share(calculation, progress=progress)
    progress(f"Schreibe {len(files)} Dateien nach {out_dir} …")
    paths = install_files(files, out_dir, protect=protect)
    return Shared(manifest=manifest, paths=tuple(paths))


def _require_deadline_ahead(inputs: Inputs) -> None:
    """Workbooks go out only with a Rückmeldefrist the Kreise can still meet (not before the Stand)."""
    p = inputs.parameters
    if p.reply_deadline is not None and p.reply_deadline < p.stand:
        raise InputProblems(
            [
                Problem(
                    f"Rückmeldefrist: Die Frist {p.reply_deadline:%d.%m.%Y} liegt vor dem Stand {p.stand:%d.%m.%Y}; "
                    "so könnten die Kreise nicht fristgerecht antworten. Bitte auf dem Blatt „Parameter“ beim Namen "
                    "„Rückmeldefrist“ eine spätere Frist eintragen (oder die Zelle leeren)."
                )
            ]
        )


def render_share(
    calculation: Calculation, *, progress: Callable[[str], None] = lambda message: None
) -> tuple[dict[str, bytes], Manifest]:
    """Every file of a share run in memory: file name -> bytes, in the order they are written."""
    from .writer import render_district_workbook

    workbooks = district_workbooks(calculation)
    names = [workbook.file_name for workbook in workbooks]
    if len({name.casefold() for name in names}) != len(names):
        raise ShareError("Zwei Kreise bekämen denselben Dateinamen; bitte Kreisschlüssel und Namen prüfen.")
    rendered = []
    for number, workbook in enumerate(workbooks, start=1):
        progress(f"Arbeitsmappe {number}/{len(workbooks)}: {workbook.file_name}")
        rendered.append(render_district_workbook(workbook))

    total = sum(item.district.result.amount for item in rendered)
    if total != calculation.allocation.budget:
        raise AssertionError("the Kreis workbooks do not add up to the budget")  # the engine guarantees it

    p = calculation.inputs.parameters
    manifest = Manifest(
        year=p.year,
        stand=p.stand,
        budget=whole_or_exact(p.budget),
        total=whole_or_exact(total),
        inputs_sha256=calculation.inputs.digest,
        program=f"mittelverteilung {__version__}",
        files=tuple(_issued(item) for item in rendered),
        reply_deadline=p.reply_deadline,
    )
    files: dict[str, bytes] = {item.district.file_name: item.data for item in rendered}
    stem = words()["dateien"]["versandliste"]
    files[f"{stem}.json"] = manifest_json(manifest)
    files[f"{stem}.csv"] = manifest_csv(manifest)
    for zip_name, members in _by_zip(workbooks).items():
        progress(f"Bündle {zip_name} ({len(members)} Arbeitsmappen)")
        files[zip_name] = zip_bytes({name: files[name] for name in members}, p.stand)
    return files, manifest


def zip_bytes(members: dict[str, bytes], stand) -> bytes:
    """A ZIP of ``members`` in name order, every entry dated at the Stand, so equal inputs give equal bytes."""
    buffer = io.BytesIO()
    moment = (stand.year, stand.month, stand.day, 0, 0, 0)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=moment)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, members[name])
    return buffer.getvalue()


def install_files(files: dict[str, bytes], out_dir: Path, *, protect: tuple[Path, ...] = ()) -> list[Path]:
    """Write ``files`` into ``out_dir``, all together or not at all (``output_files``: folder lock, staging
    beside the targets, journal, atomic renames); last run's files stay readable until then.

    This is the one place ``share`` writes.
    """
    from ..output_files import OutputError
    from ..output_files import install_files as install_all

    try:
        return install_all(files, out_dir, protect=protect)
    except OutputError as error:
        raise ShareError(str(error)) from None


def _issued(item) -> IssuedFile:
    workbook: DistrictWorkbook = item.district
    district = workbook.result.district
    return IssuedFile(
        file_name=workbook.file_name,
        key=district.key,
        name=district.name,
        kind=district.kind,
        region=district.region,
        zip_name=workbook.zip_name,
        amount=whole_or_exact(workbook.result.amount),
        size=item.size,
        sha256=item.sha256,
        issue_number=workbook.issue_number,
        check_value=item.check_value,
        sheet_digests=dict(item.sheet_digests),
        input_cells=dict(item.input_cells),
        counts={field.year: field.issued for field in workbook.fields if field.is_count},
    )


def _by_zip(workbooks) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for workbook in workbooks:
        groups.setdefault(workbook.zip_name, []).append(workbook.file_name)
    return groups


