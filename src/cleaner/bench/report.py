"""The tables of a bench run: one per dataset and one overall, as text and as JSON rows.

>>> from cleaner.bench.page import Page
>>> from cleaner.bench.runner import run_bench
>>> page = Page("d", "s", "p", ["Some article text here."], ["body"], [True], 1.0, "Some article text here.")
>>> tables = table_rows(run_bench([page], [], ["identity"], data_dir=None, workers=1))
>>> list(tables), tables["overall"][0]["f1"]
(['d', 'overall'], 1.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cleaner.bench.runner import BenchResult, SystemRun

#: Name of the table over all pages.
OVERALL = "overall"

_COLUMNS = (("system", "{}"), ("pages", "{}"), ("precision", "{:.3f}"), ("recall", "{:.3f}"),
            ("f1", "{:.3f}"), ("line_accuracy", "{:.3f}"), ("pages_per_s", "{:.1f}"),
            ("mb_per_s", "{:.2f}"), ("errors", "{}"))
_HEADERS = {"system": "system", "pages": "pages", "precision": "P", "recall": "R", "f1": "F1",
            "line_accuracy": "line acc", "pages_per_s": "pages/s", "mb_per_s": "MB/s",
            "errors": "errors"}

NOTE = ("P, R: 4-token shingle precision and recall, averaged over pages; F1 of the two means. "
        "line acc: kept vs gold content per non-blank line, averaged over pages (none for "
        "systems that do not keep lines). pages/s and MB/s: per core, each system's calls timed "
        "in one process; MB/s is of the input each system reads (rendered text, or raw HTML "
        "for the HTML references).")


def groups(result: BenchResult) -> dict[str, list[int]]:
    """Page indices per dataset (sorted by name), then all of them under ``overall``."""
    by_dataset: dict[str, list[int]] = {}
    for i, page in enumerate(result.pages):
        by_dataset.setdefault(page.dataset, []).append(i)
    return {**dict(sorted(by_dataset.items())), OVERALL: list(range(len(result.pages)))}


def row(system: SystemRun, indices: list[int]) -> dict[str, Any]:
    """One table row: the system's scores and speed on the pages at ``indices``."""
    summary = system.summary(indices)
    pages_per_s, mb_per_s = system.speed(indices)
    return {"system": system.name, "kind": system.kind, "pages": summary.pages,
            "precision": summary.precision, "recall": summary.recall, "f1": summary.f1,
            "line_accuracy": summary.line_accuracy, "pages_per_s": pages_per_s,
            "mb_per_s": mb_per_s, "errors": system.errors(indices)}


def table_rows(result: BenchResult) -> dict[str, list[dict[str, Any]]]:
    """Every table of the run: group name -> one row per system."""
    return {name: [row(system, indices) for system in result.systems]
            for name, indices in groups(result).items()}


def text_table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A fixed-width table under ``title``: first column left-aligned, the others right.

    >>> print(text_table("t", ("a", "n"), [("x", 10)]))
    t
    a   n
    x  10
    """
    cells = [list(header)] + [[str(cell) for cell in r] for r in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    return "\n".join([title] + ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                                          for i, (cell, w) in enumerate(zip(line, widths))).rstrip()
                                for line in cells])


def format_table(title: str, rows: list[dict[str, Any]]) -> str:
    """One bench table; missing values print as ``-``."""
    pages = rows[0]["pages"] if rows else 0
    return text_table(f"{title} ({pages} pages)", [_HEADERS[key] for key, _ in _COLUMNS],
                      [["-" if r[key] is None else fmt.format(r[key]) for key, fmt in _COLUMNS]
                       for r in rows])


def format_tables(result: BenchResult) -> str:
    """All tables, the overall one last, and the note on what the columns mean."""
    tables = table_rows(result)
    blocks = [format_table(name, rows) for name, rows in tables.items()]
    return "\n\n".join(blocks) + f"\n\n{NOTE}\nwall time of the run: {result.seconds:.1f} s\n"
