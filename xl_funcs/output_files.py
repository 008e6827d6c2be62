"""Writing a run's output files so that nobody ever sees half of it, and two runs never mix.

The files of one run (the official table's xlsx, CSV and PDF; the 44 Kreis
workbooks with their Versandliste and ZIPs) go into a folder that may hold
other things too, among them last run's files, which must stay readable until
the new ones are complete. So a run

1. takes the folder's lock ``.mittelverteilung.lock`` (an OS lock on that
   file: ``fcntl.flock``, on Windows ``msvcrt.locking``). The operating system
   drops it when the process ends, however it ends, so a crashed run never
   blocks the next; a second run meanwhile is refused with a German message;
2. finishes what a crashed earlier run left behind (step 6);
3. writes every new file into a staging folder ``.mittelverteilung-neu-…/neu``
   inside the output folder (same file system, so a rename moves a file
   without copying) and flushes each to disk (``fsync``);
4. keeps a hard link (or copy) of every file it will replace in ``…/alt``, as
   the way back (the journal lies beside both, so no output name can clash);
5. writes the journal: the list of names, then atomically renames the journal
   into place. Before this moment the run counts as not having happened; after
   it, as done. Then each staged file replaces its target with ``os.replace``
   (atomic: a reader sees the old file or the new one, never part of either);
6. removes the staging folder. If the process dies between journal and
   clean-up, the next run finds the journal and finishes the renames
   (roll forward: the staged files are known to be complete). A staging
   folder without a journal is from a run that died earlier: it is deleted
   and the old files were never touched.

If a rename fails (on Windows: the file is open in Excel), the journal is
switched to "zurück" and every file already replaced gets its old version
back from step 4, so the folder is as it was; a crash during that is again
finished by the next run.

``fsync`` makes the files survive a power failure, not just a killed process.
Nothing here ever opens an existing output file for writing.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
import socket
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Self

from .os_errors import german_os_reason

LOCK_NAME = ".mittelverteilung.lock"
STAGING_PREFIX = ".mittelverteilung-neu-"
JOURNAL_NAME = "journal.json"
_NEW_DIR = "neu"  # the staged files, apart from the journal and the backups whatever their names
_BACKUP_DIR = "alt"
_FORWARD, _BACK = "vorwärts", "zurück"


class OutputError(Exception):
    """The output folder cannot be written; German message. The folder's files are as they were."""


class OutputBusy(OutputError):
    """Another run holds the output folder's lock."""


# Tests set this to observe each step of a run (and crash or fail at one); None in normal use.
step_hook: Callable[[str, str], None] | None = None


def _step(name: str, detail: str = "") -> None:
    if step_hook is not None:
        step_hook(name, detail)


def install_files(
    files: Mapping[str, bytes],
    out_dir: str | os.PathLike,
    *,
    protect: tuple[Path, ...] = (),
) -> list[Path]:
    """Install ``files`` (name -> bytes) into ``out_dir`` all together or not at all; return the paths."""
    with OutputRun(out_dir, files.keys(), protect=protect) as run:
        for name, data in files.items():
            run.write(name, data)
        return run.commit()


class OutputRun:
    """One run's writes into ``out_dir``, used as a context manager.

    ``names`` are all files the run will install. Entering creates the folder
    if needed, takes the lock, finishes a crashed run's leftovers and opens the
    staging folder; ``write`` (or a tool writing to ``staged(name)`` followed by
    ``add``) stages files; ``commit`` installs them. Leaving without commit (an
    exception) discards the staging folder and leaves ``out_dir`` as it was,
    including not creating it.
    """

    def __init__(self, out_dir: str | os.PathLike, names, *, protect: tuple[Path, ...] = ()) -> None:
        self.out_dir = Path(out_dir)
        self.names = tuple(names)
        _check_names(self.names)
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise OutputError(f"{self.out_dir} ist kein Ordner.")
        protected = {Path(path).resolve() for path in protect}
        for name in self.names:
            if (self.out_dir / name).resolve() in protected:
                raise OutputError(
                    f"{self.out_dir / name} ist eine Eingabe dieses Laufs (die Eingabe-Arbeitsmappe oder eine gelesene "
                    "Datei) und wird nicht überschrieben; bitte ein anderes Ausgabeziel wählen."
                )
        self.staging: Path | None = None
        self._staged: set[str] = set()
        self._created: list[Path] = []
        self._lock: _FolderLock | None = None
        # "offen": nothing installed yet, leaving discards; "journal": the journal decides (roll forward,
        # or back after a failed rename); "fertig": installed and cleaned up.
        self._phase = "offen"

    def __enter__(self) -> Self:
        try:
            self._created = _make_dirs(self.out_dir)
            self._lock = _FolderLock(self.out_dir)
            self._lock.acquire()
            _recover_locked(self.out_dir)
            self.staging = self.out_dir / (STAGING_PREFIX + secrets.token_hex(6))
            self.staging.mkdir()
            (self.staging / _NEW_DIR).mkdir()
            _step("staging")
        except OutputError:
            self._abandon()
            raise
        except OSError as error:
            self._abandon()
            raise OutputError(_german_os_error(error, self.out_dir)) from None
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if self._phase == "offen":
            self._abandon()
        elif self._phase == "journal":  # interrupted after the journal (Ctrl+C, a failed rollback): finish it
            try:
                _recover_locked(self.out_dir)
            except OSError:
                pass  # the journal stays; the next run finishes it
            self._release()

    def staged(self, name: str) -> Path:
        """Where ``name`` is staged; a tool may write there, then call ``add(name)``."""
        self._known(name)
        return self.staging / _NEW_DIR / name

    def write(self, name: str, data: bytes) -> None:
        self._known(name)
        try:
            _step("write", name)
            _write_durably(self.staging / _NEW_DIR / name, data)
            _step("written", name)
        except OSError as error:
            raise OutputError(_german_os_error(error, self.out_dir)) from None
        self._staged.add(name)

    def add(self, name: str) -> None:
        """Stage a file a tool wrote to ``staged(name)``: flushed to disk like the others."""
        self._known(name)
        path = self.staging / _NEW_DIR / name
        if not path.is_file():
            raise OutputError(f"{name} wurde nicht erzeugt.")
        try:
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
        except OSError as error:
            raise OutputError(_german_os_error(error, self.out_dir)) from None
        self._staged.add(name)

    def commit(self) -> list[Path]:
        missing = [name for name in self.names if name not in self._staged]
        if missing:
            raise OutputError("Nicht alle Dateien wurden erzeugt: " + ", ".join(missing))
        staging = self.staging
        try:
            replaced = _keep_old_versions(self.out_dir, staging, self.names)
            _write_journal(staging, _FORWARD, self.names, replaced)
        except OSError as error:
            raise OutputError(_german_os_error(error, self.out_dir)) from None
        self._phase = "journal"
        _step("journal")
        for name in self.names:
            try:
                _step("replace", name)
                os.replace(staging / _NEW_DIR / name, self.out_dir / name)
            except OSError as error:
                self._undo(_german_os_error(error, self.out_dir, self.out_dir / name), replaced)
            _step("replaced", name)
        _fsync_dir(self.out_dir)
        self._phase = "fertig"
        _step("cleanup")
        shutil.rmtree(staging, ignore_errors=True)
        self._release()
        return [self.out_dir / name for name in self.names]

    def _undo(self, message: str, replaced: list[str]) -> None:
        """A rename failed: give every target its old version back, then raise OutputError."""
        try:
            _write_journal(self.staging, _BACK, self.names, replaced)
            _step("rollback")
            _roll_back(self.out_dir, self.staging, self.names, replaced)
        except OSError as second:
            raise OutputError(
                f"{message} Die bisherigen Dateien konnten nicht sofort wiederhergestellt werden "
                f"({german_os_reason(second)}); der nächste Lauf in {self.out_dir} stellt sie wieder her."
            ) from None
        self._phase = "offen"  # as if nothing had happened: leaving discards the staging folder
        raise OutputError(message + " Die bisherigen Dateien sind unverändert.")

    def _known(self, name: str) -> None:
        if name not in self.names:
            raise ValueError(f"{name!r} is not one of this run's files")

    def _abandon(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        self._release()
        for folder in reversed(self._created):  # innermost first; only folders this run made and left empty
            try:
                folder.rmdir()
            except OSError:
                break

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def recover(out_dir: str | os.PathLike) -> list[str]:
    """Finish what crashed runs left in ``out_dir`` (under its lock); return the names rolled forward.

    Every run does this itself before writing; this is for tests and tools that only want to tidy up.
    """
    out_dir = Path(out_dir)
    lock = _FolderLock(out_dir)
    try:
        lock.acquire()
    except OSError as error:
        raise OutputError(_german_os_error(error, out_dir)) from None
    try:
        return _recover_locked(out_dir)
    finally:
        lock.release()


def _recover_locked(out_dir: Path) -> list[str]:
    installed: list[str] = []
    for staging in sorted(out_dir.glob(STAGING_PREFIX + "*")):
        if not staging.is_dir():
            continue
        journal = _read_journal(staging)
        if journal is not None:
            direction, names, replaced = journal
            if direction == _FORWARD:
                for name in names:
                    if (staging / _NEW_DIR / name).is_file():
                        os.replace(staging / _NEW_DIR / name, out_dir / name)
                        installed.append(name)
            else:
                _roll_back(out_dir, staging, names, replaced)
            _fsync_dir(out_dir)
        _step("recovered", staging.name)
        shutil.rmtree(staging, ignore_errors=True)
    return installed


def _check_names(names: tuple[str, ...]) -> None:
    for name in names:
        if not _plain(name) or name == LOCK_NAME or name.startswith(STAGING_PREFIX):
            raise ValueError(f"not a plain file name, or one of the run's own: {name!r}")
    if len({name.casefold() for name in names}) != len(names):
        raise ValueError("two files would get the same name (Windows ignores case)")


def _make_dirs(folder: Path) -> list[Path]:
    """Create ``folder`` and missing parents; return those created, outermost first."""
    missing = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    created = []
    for path in reversed(missing):
        try:
            path.mkdir()
        except FileExistsError:
            continue
        except OSError:
            for made in reversed(created):
                try:
                    made.rmdir()
                except OSError:
                    break
            raise
        created.append(path)
    return created


def _write_durably(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _keep_old_versions(out_dir: Path, staging: Path, names: tuple[str, ...]) -> list[str]:
    """Hard-link (or copy) each file about to be replaced into staging/alt; return their names."""
    backups = staging / _BACKUP_DIR
    backups.mkdir()
    replaced = []
    for name in names:
        target = out_dir / name
        if not os.path.lexists(target):
            continue
        if target.is_dir() or target.is_symlink():
            raise OutputError(f"{target} ist keine gewöhnliche Datei und wird nicht ersetzt.")
        try:
            os.link(target, backups / name)
        except OSError:  # a file system without hard links (some network drives, FAT)
            shutil.copy2(target, backups / name)
        replaced.append(name)
    return replaced


def _write_journal(staging: Path, direction: str, names: tuple[str, ...], replaced: list[str]) -> None:
    text = json.dumps({"richtung": direction, "dateien": list(names), "ersetzt": replaced}, ensure_ascii=False)
    temporary = staging / (JOURNAL_NAME + ".tmp")
    temporary.unlink(missing_ok=True)
    _write_durably(temporary, text.encode("utf-8"))
    os.replace(temporary, staging / JOURNAL_NAME)
    _fsync_dir(staging)


def _read_journal(staging: Path) -> tuple[str, list[str], list[str]] | None:
    try:
        content = json.loads((staging / JOURNAL_NAME).read_text(encoding="utf-8"))
        direction, names, replaced = content["richtung"], content["dateien"], content["ersetzt"]
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no journal (the run died before committing) or not ours: nothing to finish
    if direction not in (_FORWARD, _BACK) or not all(isinstance(n, str) for n in (*names, *replaced)):
        return None
    names = [name for name in names if _plain(name)]
    return direction, names, [name for name in replaced if _plain(name)]


def _plain(name: str) -> bool:
    return bool(name) and name not in (".", "..") and "/" not in name and "\\" not in name


def _roll_back(out_dir: Path, staging: Path, names, replaced) -> None:
    """Give every target its old version (from staging/alt) or remove it if it did not exist before."""
    backups = staging / _BACKUP_DIR
    for name in names:
        target = out_dir / name
        if name in replaced:
            if (backups / name).exists():
                os.replace(backups / name, target)
        elif not (staging / _NEW_DIR / name).exists():  # installed by this run although there was no file before
            target.unlink(missing_ok=True)
    _fsync_dir(out_dir)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder for fsync; NTFS journals renames itself
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


class _FolderLock:
    """An exclusive OS lock on ``out_dir/.mittelverteilung.lock``, released when the process ends."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.path = out_dir / LOCK_NAME
        self.descriptor: int | None = None

    def acquire(self) -> None:
        for _ in range(100):
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(descriptor):
                holder = _read_holder(descriptor)
                os.close(descriptor)
                raise OutputBusy(
                    f"In {self.out_dir} schreibt gerade ein anderer Lauf von mittelverteilung{holder}. "
                    "Bitte warten, bis er fertig ist, und dann erneut starten."
                )
            # The previous holder may have removed the lock file between our open and our lock:
            # then we hold a lock on a file nobody else sees, and must lock the new one.
            if _same_file(descriptor, self.path):
                self.descriptor = descriptor
                _write_holder(descriptor)
                _step("locked")
                return
            os.close(descriptor)
        raise OutputError(f"Die Sperrdatei {self.path} lässt sich nicht sperren.")

    def release(self) -> None:
        if self.descriptor is None:
            return
        descriptor, self.descriptor = self.descriptor, None
        if os.name == "nt":  # Windows cannot remove an open file: unlock, close, then remove if still free
            _unlock(descriptor)
            os.close(descriptor)
            try:
                self.path.unlink()
            except OSError:
                pass
            return
        try:
            self.path.unlink()  # while still locked, so that no one else locks the removed file unnoticed
        except OSError:
            pass
        os.close(descriptor)  # releases the lock


def _try_lock(descriptor: int) -> bool:
    if os.name == "nt":
        import msvcrt

        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


def _unlock(descriptor: int) -> None:
    if os.name == "nt":
        import msvcrt

        try:
            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path)
    except OSError:
        return False
    held = os.fstat(descriptor)
    return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)


def _write_holder(descriptor: int) -> None:
    # Windows locks byte 0 exclusively: the holder's text starts at byte 1 there.
    text = f" Prozess {os.getpid()} auf {socket.gethostname()}, seit {datetime.now():%d.%m.%Y %H:%M:%S}\n"
    try:
        if os.name != "nt":
            os.ftruncate(descriptor, 0)
        os.lseek(descriptor, 1 if os.name == "nt" else 0, os.SEEK_SET)
        os.write(descriptor, text.encode("utf-8"))
    except OSError:
        pass  # the text only helps a person; the lock itself is what counts


def _read_holder(descriptor: int) -> str:
    try:
        os.lseek(descriptor, 1 if os.name == "nt" else 0, os.SEEK_SET)
        text = os.read(descriptor, 200).decode("utf-8", "replace").strip()
    except OSError:
        return ""
    return f" ({text})" if text else ""


def _german_os_error(error: OSError, out_dir: Path, path: Path | None = None) -> str:
    where = path or (Path(error.filename) if error.filename else out_dir)
    code = error.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return f"Auf dem Datenträger von {out_dir} ist nicht genug Platz (Datenträger voll oder Kontingent erschöpft)."
    if code == errno.EROFS:
        return f"{out_dir} liegt auf einem schreibgeschützten Datenträger; dort kann nichts geschrieben werden."
    if getattr(error, "winerror", None) in (32, 33):  # sharing/lock violation: open in another program
        return f"Die Datei {where} ist in einem anderen Programm geöffnet (z. B. Excel). Bitte dort schließen und erneut starten."
    if code in (errno.EACCES, errno.EPERM):
        if path is not None:
            return (
                f"Die Datei {where} lässt sich nicht ersetzen: keine Schreibberechtigung, oder sie ist in einem "
                "anderen Programm geöffnet (z. B. Excel; dann dort schließen und erneut starten)."
            )
        return f"Keine Schreibberechtigung für {where}."
    if code == errno.ENOENT:
        return f"Der Ordner {out_dir} lässt sich nicht anlegen oder ist verschwunden."
    if code == errno.ENOTDIR:
        return f"{where} liegt nicht in einem Ordner (ein Teil des Pfads ist eine Datei)."
    if code == errno.ENAMETOOLONG:
        return f"Der Pfad {where} ist zu lang."
    return f"In {out_dir} kann nicht geschrieben werden ({german_os_reason(error)})."
