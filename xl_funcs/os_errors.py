"""What the operating system reported, in German: its own texts ("No such file or directory") are English.

Shared by every floor that opens files; pure (no I/O), so it runs in xlwings Lite too.
"""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOENT: "die Datei oder den Ordner gibt es nicht",
    errno.EACCES: "keine Berechtigung",
    errno.EPERM: "keine Berechtigung",
    errno.EISDIR: "das ist ein Ordner, keine Datei",
    errno.ENOTDIR: "ein Teil des Pfads ist eine Datei, kein Ordner",
    errno.ENAMETOOLONG: "der Pfad ist zu lang",
    errno.ELOOP: "zu viele verkettete Verknüpfungen im Pfad",
    errno.EIO: "Ein-/Ausgabefehler des Datenträgers",
    errno.ENOSPC: "der Datenträger ist voll",
    errno.EROFS: "der Datenträger ist schreibgeschützt",
    errno.EBUSY: "die Datei ist in Gebrauch",
    errno.EMFILE: "zu viele geöffnete Dateien",
    errno.ENXIO: "das Gerät gibt es nicht",
    errno.EEXIST: "die Datei gibt es schon",
    errno.ENOTEMPTY: "der Ordner ist nicht leer",
    errno.EXDEV: "Datei und Ziel liegen auf verschiedenen Datenträgern",
}


def german_os_reason(error: OSError) -> str:
    """A short German phrase for ``error`` (no English text); the error code where no phrase is known."""
    reason = _REASONS.get(error.errno)
    if reason is not None:
        return reason
    if getattr(error, "winerror", None) in (32, 33):
        return "die Datei ist in einem anderen Programm geöffnet"
    code = errno.errorcode.get(error.errno, error.errno) if error.errno is not None else type(error).__name__
    return f"Fehler des Betriebssystems ({code})"
