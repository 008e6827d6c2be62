"""One ``mittelverteilung check`` with the reader chosen: ``python -m tests.benchmarks.reader_worker heute|neu FILE``.

"heute" swaps in today's reader (``openpyxl_reader``) before the command runs;
"neu" runs the command as it is. The parent measures time and peak memory and
limits both (reader_cases).
"""

from __future__ import annotations

import sys

from xl_funcs import cli


def main(argv: list[str]) -> int:
    which, path = argv
    if which == "heute":
        from xl_funcs.readers import file_reader

        from .openpyxl_reader import snapshot_of_file

        file_reader.snapshot_of_file = snapshot_of_file
    return cli.main(["check", path])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
