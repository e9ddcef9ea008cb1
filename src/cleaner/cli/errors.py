"""Exit codes and one-line error reporting shared by the commands.

Exit codes: 0 success; 1 some input could not be cleaned (a file that could
not be read, a JSONL record passed through with an error); 2 usage error or
an invalid rule or model file.
"""

from __future__ import annotations

import signal
import sys

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """An error the command reports in one line before exiting with ``code``."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def report(prog: str, kind: str, message: str) -> None:
    """Print ``prog: kind: message`` on one line of stderr."""
    print(f"{prog}: {kind}: {' '.join(str(message).split())}", file=sys.stderr)


def die_quietly_on_broken_pipe() -> None:
    """Let a closed reader (``clean big.txt | head``) end the process like any Unix filter."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
