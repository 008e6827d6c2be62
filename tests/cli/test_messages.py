"""Messages say what is true, in German: no English text of the operating system reaches the user."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys

import pytest

from xl_funcs.os_errors import _REASONS, german_os_reason

# Words of the English texts the operating system gives (strerror); none may reach a message.
ENGLISH_OS_WORDS = re.compile(r"\b(No such|Permission|denied|directory|Is a|Not a|too long|Read-only|space left)\b")


def _allocate(*argv: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "xl_funcs.cli", "allocate", "--budget", "10", *argv],
        input=stdin, capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("code", sorted(_REASONS))
def test_every_known_os_error_is_told_in_german(code):
    error = OSError(code, os.strerror(code), "datei.xlsx")
    reason = german_os_reason(error)
    assert reason and not ENGLISH_OS_WORDS.search(reason), reason
    assert os.strerror(code) not in reason


def test_an_unknown_os_error_names_its_code_not_the_english_text():
    error = OSError(errno.EPROTO, os.strerror(errno.EPROTO))
    assert german_os_reason(error) == "Fehler des Betriebssystems (EPROTO)"


def test_allocate_on_a_missing_file_says_so_in_german(tmp_path):
    done = _allocate(str(tmp_path / "gewichte.txt"))
    assert done.returncode == 1 and done.stdout == ""
    assert "kann nicht gelesen werden (die Datei oder den Ordner gibt es nicht)" in done.stderr
    assert not ENGLISH_OS_WORDS.search(done.stderr), done.stderr


def test_allocate_on_a_folder_says_it_is_a_folder(tmp_path):
    done = _allocate(str(tmp_path))
    assert done.returncode == 1
    assert "(das ist ein Ordner, keine Datei)" in done.stderr
    assert not ENGLISH_OS_WORDS.search(done.stderr), done.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file; the text itself is checked above")
def test_allocate_on_an_unreadable_file_says_permission_in_german(tmp_path):
    path = tmp_path / "gewichte.txt"
    path.write_text("1\n2\n", encoding="utf-8")
    path.chmod(0)
    done = _allocate(str(path))
    assert done.returncode == 1 and "(keine Berechtigung)" in done.stderr


def test_allocate_permission_denied_is_german_when_open_fails(tmp_path, monkeypatch, capsys):
    # Root may read anything, so the refusal is made real at the open call, where the command meets it.
    import builtins

    from xl_funcs.cli import main

    real_open = builtins.open

    def refusing(file, *args, **kwargs):
        if str(file).endswith("gesperrt.txt"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing)
    assert main(["allocate", "--budget", "10", str(tmp_path / "gesperrt.txt")]) == 1
    err = capsys.readouterr().err
    assert "(keine Berechtigung)" in err and "Permission" not in err
