"""Kept lines out: the article text, as a subsequence of the input lines.

Kept lines appear verbatim and in order. Between two kept lines there is one
empty line where the input had at least one blank line between them, and none
where it had none, so paragraphs stay apart and nothing is invented.

>>> assemble(["A", "menu", "", "B", "C"], [True, False, False, True, True],
...          [False, False, True, False, False])
'A\\n\\nB\\nC'
"""

from __future__ import annotations

from collections.abc import Sequence


def assemble(lines: Sequence[str], kept: Sequence[bool], blank: Sequence[bool]) -> str:
    """Join the kept lines, with a paragraph break where the input had a blank line."""
    out: list[str] = []
    gap = False
    for line, keep, empty in zip(lines, kept, blank):
        if keep:
            if gap and out:
                out.append("")
            out.append(line)
            gap = False
        elif empty:
            gap = True
    return "\n".join(out)
