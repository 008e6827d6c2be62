"""``xl_funcs.output_files`` on a real file system: all files or none, last run's files kept until the new ones
are complete, a failure at any step leaves the folder as it was, a crash is finished by the next run.

Failures are injected through ``output_files.step_hook`` (called at each step of a run), raising the
OSError the operating system would raise there; real full and read-only file systems are in
``test_full_and_read_only.py``, real kills in ``test_kill.py``.
"""

from __future__ import annotations

import errno
import json
import os

import pytest

from xl_funcs import output_files
from xl_funcs.output_files import (
    LOCK_NAME,
    STAGING_PREFIX,
    OutputBusy,
    OutputError,
    OutputRun,
    install_files,
    recover,
)

from .cli_runs import folder_state

OLD = {"a.xlsx": b"alte Fassung a", "b.csv": b"alte Fassung b"}
NEW = {"a.xlsx": b"neue Fassung a" * 100, "b.csv": b"neue Fassung b" * 100, "c.pdf": b"neu c"}


@pytest.fixture
def folder(tmp_path):
    out = tmp_path / "ausgabe"
    out.mkdir()
    for name, data in OLD.items():
        (out / name).write_bytes(data)
    (out / "Notizen.txt").write_text("gehört dem Nutzer", encoding="utf-8")
    return out


@pytest.fixture
def hook(monkeypatch):
    """Set what happens at each step: ``hook.at[(step, detail)] = exception``; ``hook.seen`` lists the steps."""

    class Hook:
        def __init__(self):
            self.at: dict[tuple[str, str], BaseException] = {}
            self.seen: list[tuple[str, str]] = []

        def __call__(self, step: str, detail: str) -> None:
            self.seen.append((step, detail))
            if (step, detail) in self.at:
                raise self.at.pop((step, detail))

    installed = Hook()
    monkeypatch.setattr(output_files, "step_hook", installed)
    return installed


def files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def only_user_and(folder, expected: dict[str, bytes]) -> bool:
    return files(folder) == {**expected, "Notizen.txt": "gehört dem Nutzer".encode()}


def test_installs_all_files_and_leaves_nothing_else(folder, hook):
    paths = install_files(NEW, folder)
    assert paths == [folder / name for name in NEW]
    assert only_user_and(folder, NEW)
    assert [step for step, _ in hook.seen] == [
        "locked",
        "staging",
        "write",
        "written",
        "write",
        "written",
        "write",
        "written",
        "journal",
        "replace",
        "replaced",
        "replace",
        "replaced",
        "replace",
        "replaced",
        "cleanup",
    ]
    assert not list(folder.glob(".*"))  # no lock file, no staging folder


def test_creates_the_folder_with_parents(tmp_path):
    target = tmp_path / "neu" / "tief" / "ausgabe"
    install_files(NEW, target)
    assert files(target) == NEW


ALL_STEPS_BEFORE_JOURNAL = [
    ("locked", ""),
    ("staging", ""),
    ("write", "a.xlsx"),
    ("written", "b.csv"),
    ("write", "c.pdf"),
]


@pytest.mark.parametrize("step", ALL_STEPS_BEFORE_JOURNAL, ids=lambda s: f"{s[0]}-{s[1]}")
def test_disk_full_at_any_step_before_the_journal_changes_nothing(folder, hook, step):
    hook.at[step] = OSError(errno.ENOSPC, "No space left on device")
    with pytest.raises(OutputError) as caught:
        install_files(NEW, folder)
    assert "nicht genug Platz" in str(caught.value)
    assert only_user_and(folder, OLD)
    assert not list(folder.glob(".*"))


def test_failure_in_a_new_folder_removes_the_folder_again(tmp_path, hook):
    target = tmp_path / "neu" / "ausgabe"
    hook.at[("written", "b.csv")] = OSError(errno.ENOSPC, "No space left on device")
    with pytest.raises(OutputError):
        install_files(NEW, target)
    assert not (tmp_path / "neu").exists()


@pytest.mark.parametrize("failing", list(NEW))
def test_a_failed_rename_puts_every_old_file_back(folder, hook, failing):
    """On Windows a file open in Excel cannot be replaced: the run undoes the renames it already made."""
    hook.at[("replace", failing)] = PermissionError(errno.EACCES, "Permission denied")
    with pytest.raises(OutputError) as caught:
        install_files(NEW, folder)
    message = str(caught.value)
    assert f"{folder / failing} lässt sich nicht ersetzen" in message and "z. B. Excel" in message
    assert "Die bisherigen Dateien sind unverändert." in message
    assert only_user_and(folder, OLD)  # c.pdf, new in this run, is gone again
    assert not list(folder.glob(".*"))


def test_interrupted_after_the_journal_is_finished_at_once(folder, hook):
    """Ctrl+C between two renames: the run completes what the journal says before it ends."""
    hook.at[("replaced", "a.xlsx")] = KeyboardInterrupt()
    with pytest.raises(KeyboardInterrupt):
        install_files(NEW, folder)
    assert only_user_and(folder, NEW)
    assert not list(folder.glob(".*"))


def test_interrupted_before_the_journal_changes_nothing(folder, hook):
    hook.at[("written", "c.pdf")] = KeyboardInterrupt()
    with pytest.raises(KeyboardInterrupt):
        install_files(NEW, folder)
    assert only_user_and(folder, OLD)
    assert not list(folder.glob(".*"))


def crashed_run(folder, hook, step) -> None:
    """A run that dies at ``step`` without any clean-up (as under SIGKILL): its lock is gone, its files stay."""

    class Died(BaseException):
        pass

    hook.at[step] = Died()
    run = OutputRun(folder, NEW)
    run.__enter__()
    try:
        for name, data in NEW.items():
            run.write(name, data)
        run.commit()
    except Died:
        run._lock.release()  # what the kernel does for a dead process; nothing else is tidied
    else:
        raise AssertionError("the run did not reach the step")


def test_crash_between_renames_is_rolled_forward_by_the_next_run(folder, hook):
    crashed_run(folder, hook, ("replaced", "a.xlsx"))
    # visible meanwhile: a.xlsx new, b.csv old, both complete
    assert files(folder)["a.xlsx"] == NEW["a.xlsx"] and files(folder)["b.csv"] == OLD["b.csv"]
    assert recover(folder) == ["b.csv", "c.pdf"]
    assert only_user_and(folder, NEW)
    assert not list(folder.glob(".*"))


def test_crash_before_the_journal_is_discarded_by_the_next_run(folder, hook):
    crashed_run(folder, hook, ("written", "b.csv"))
    staging = list(folder.glob(STAGING_PREFIX + "*"))
    assert len(staging) == 1 and (staging[0] / "neu" / "a.xlsx").exists()
    assert recover(folder) == []
    assert only_user_and(folder, OLD)
    assert not list(folder.glob(".*"))


def test_crash_during_a_rollback_is_rolled_back_by_the_next_run(folder, hook):
    """A rename fails, the rollback starts, and the process dies during it: the next run finishes the rollback."""

    class Died(BaseException):
        pass

    hook.at[("replace", "b.csv")] = PermissionError(errno.EACCES, "Permission denied")
    hook.at[("rollback", "")] = Died()
    run = OutputRun(folder, NEW)
    run.__enter__()
    for name, data in NEW.items():
        run.write(name, data)
    with pytest.raises(Died):
        run.commit()
    run._lock.release()
    journal = json.loads(next(folder.glob(STAGING_PREFIX + "*/journal.json")).read_text(encoding="utf-8"))
    assert journal["richtung"] == "zurück"
    assert files(folder)["a.xlsx"] == NEW["a.xlsx"]  # replaced before the failure
    assert recover(folder) == []
    assert only_user_and(folder, OLD)


def test_the_next_publish_finishes_a_crashed_run_first(folder, hook):
    crashed_run(folder, hook, ("replaced", "b.csv"))
    newer = {"a.xlsx": b"dritte Fassung a", "b.csv": b"dritte Fassung b", "c.pdf": b"dritte c"}
    install_files(newer, folder)
    assert only_user_and(folder, newer)
    assert not list(folder.glob(".*"))


def test_a_damaged_journal_counts_as_no_journal(folder):
    staging = folder / (STAGING_PREFIX + "kaputt")
    (staging / "neu").mkdir(parents=True)
    (staging / "neu" / "a.xlsx").write_bytes(b"halb")
    (staging / "journal.json").write_text('{"richtung": "vorwärts", "dateien": ["../../etc/x"', encoding="utf-8")
    assert recover(folder) == []
    assert only_user_and(folder, OLD)
    assert not staging.exists()


def test_a_journal_naming_paths_outside_the_folder_is_not_followed(folder, tmp_path):
    staging = folder / (STAGING_PREFIX + "fremd")
    staging.mkdir()
    (staging / "x").write_bytes(b"x")
    journal = {"richtung": "vorwärts", "dateien": ["../draussen.txt", "x/../../y"], "ersetzt": []}
    (staging / "journal.json").write_text(json.dumps(journal), encoding="utf-8")
    assert recover(folder) == []
    assert not (tmp_path / "draussen.txt").exists()


def test_outputs_may_carry_the_names_the_run_uses_inside_its_staging_folder(folder):
    own = {"journal.json": b"Ausgabe, kein Journal", "journal.json.tmp": b"auch", "alt": b"keine Sicherung", "neu": b"x"}
    install_files(own, folder)
    assert only_user_and(folder, {**OLD, **own})


def test_a_second_run_on_the_same_folder_is_refused_in_german(folder):
    with OutputRun(folder, NEW) as first:
        with pytest.raises(OutputBusy) as caught:
            install_files({"d.txt": b"x"}, folder)
        message = str(caught.value)
        assert f"In {folder} schreibt gerade ein anderer Lauf von mittelverteilung" in message
        assert f"Prozess {os.getpid()}" in message and "erneut starten" in message
        for name, data in NEW.items():
            first.write(name, data)
        first.commit()
    assert only_user_and(folder, NEW)


def test_a_lock_file_left_by_a_dead_process_does_not_block(folder):
    (folder / LOCK_NAME).write_text(" Prozess 999999 auf irgendwo, seit 01.01.2025 00:00:00\n", encoding="utf-8")
    install_files(NEW, folder)
    assert only_user_and(folder, NEW)
    assert not (folder / LOCK_NAME).exists()


def test_the_input_workbook_is_never_a_target(folder):
    workbook = folder / "a.xlsx"
    before = folder_state(folder)
    with pytest.raises(OutputError, match="ist eine Eingabe dieses Laufs .* und wird nicht überschrieben"):
        install_files(NEW, folder, protect=(workbook,))
    assert folder_state(folder) == before


def test_a_folder_in_the_way_of_a_file(folder):
    (folder / "c.pdf").mkdir()
    with pytest.raises(OutputError, match="keine gewöhnliche Datei"):
        install_files(NEW, folder)
    assert only_user_and(folder, OLD) and (folder / "c.pdf").is_dir()
    assert not list(folder.glob(".*"))


def test_output_path_is_a_file(tmp_path):
    path = tmp_path / "datei"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="ist kein Ordner"):
        install_files(NEW, path)


def test_file_names_must_be_plain():
    for bad in ("../x", "a/b", "a\\b", "..", "", ".mittelverteilung.lock", ".mittelverteilung-neu-x", "A.xlsx|a.xlsx"):
        names = bad.split("|")
        with pytest.raises(ValueError):
            OutputRun("egal", names)


@pytest.mark.parametrize(
    "error, fragment",
    [
        (OSError(errno.ENOSPC, "No space left on device"), "nicht genug Platz"),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), "Kontingent erschöpft"),
        (OSError(errno.EROFS, "Read-only file system"), "schreibgeschützten Datenträger"),
        (PermissionError(errno.EACCES, "Permission denied"), "Keine Schreibberechtigung"),
        (OSError(errno.EIO, "Input/output error"), "kann nicht geschrieben werden (Ein-/Ausgabefehler des Datenträgers)"),
        (OSError(errno.EPROTO, "Protocol error"), "kann nicht geschrieben werden (Fehler des Betriebssystems (EPROTO))"),
    ],
)
def test_every_write_failure_gives_a_german_message(folder, hook, error, fragment):
    hook.at[("write", "b.csv")] = error
    with pytest.raises(OutputError) as caught:
        install_files(NEW, folder)
    assert fragment in str(caught.value)
    assert error.strerror not in str(caught.value)  # the operating system's English text stays out
    assert only_user_and(folder, OLD)


def test_old_files_are_readable_through_the_whole_run(folder, hook):
    """At every step the targets hold either their complete old or their complete new bytes."""
    observed = []

    def look(step, detail):
        observed.append({name: (folder / name).read_bytes() if (folder / name).exists() else None for name in NEW})

    hook.at.clear()
    output_files.step_hook = look
    install_files(NEW, folder)
    for state in observed:
        for name, data in state.items():
            assert data in (OLD.get(name), NEW[name]), (name, data)
    assert len(observed) == 16
