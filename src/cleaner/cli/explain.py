"""The ``--explain`` table: one row per input line with decision, label, score, reasons.

>>> from cleaner import analyze
>>> print(explain_table(analyze("Skip to content")))
   0 drop navigation   -     navigation.skip-links  | Skip to content
"""

from __future__ import annotations

from cleaner.result import Analysis

#: Columns are padded to these widths; wider values push the row, never truncate.
REASON_WIDTH = 22
LABEL_WIDTH = 12
TEXT_CHARS = 160


def explain_table(analysis: Analysis) -> str:
    """Render the analysis as an aligned, greppable text table."""
    rows = []
    for line in analysis.lines:
        score = "-" if line.score is None else f"{line.score:.2f}"
        reasons = ",".join(line.reasons) or "-"
        text = line.text if len(line.text) <= TEXT_CHARS else line.text[:TEXT_CHARS] + "…"
        rows.append(f"{line.index:4d} {'keep' if line.kept else 'drop'} "
                    f"{line.label.value:<{LABEL_WIDTH}} {score:<5} {reasons:<{REASON_WIDTH}} | {text}")
    return "\n".join(rows)
