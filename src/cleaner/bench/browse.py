"""The error browser: the worst pages of a configuration, line by line against the gold.

``write_browser`` writes, into one directory, a text file per page and an
``index.html`` a person can open without a server: every line is coloured by
the cleaner's decision (kept/dropped) crossed with the gold (content or not),
with the gold label, the cleaner's label and the reasons beside it.
``plot_precision_recall`` adds a PNG of per-page precision against recall
when matplotlib is installed (the ``bench`` extra).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from cleaner.bench.page import Page
from cleaner.bench.runner import BenchResult, SystemRun

#: Pages shown when the caller does not say.
DEFAULT_WORST = 20
INDEX = "index.html"
PLOT = "precision-recall.png"


@dataclass(frozen=True)
class Mark:
    """How one line's decision compares with the gold."""

    code: str
    css: str
    meaning: str


MARKS = {
    (True, True): Mark("K+", "kc", "kept, content"),
    (True, False): Mark("K-", "kb", "kept, boilerplate (false keep)"),
    (False, True): Mark("D+", "dc", "dropped, content (false drop)"),
    (False, False): Mark("D-", "db", "dropped, boilerplate"),
}

_CSS = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2em; }
td { padding: 1px 6px; vertical-align: top; border-bottom: 1px solid #eee; }
td.n, td.m { font-family: monospace; color: #666; white-space: nowrap; }
td.l, td.r { font-size: 12px; color: #555; white-space: nowrap; }
td.t { width: 100%; }
.kc { background: #e6f4e6; } .kb { background: #fde8c8; }
.dc { background: #f8d0d0; } .db { color: #999; }
span.key { padding: 0 6px; margin-right: 6px; }
"""


def worst_pages(system: SystemRun, count: int) -> list[int]:
    """Indices of the ``count`` pages with the lowest F1 (ties in corpus order)."""
    order = sorted(range(len(system.scores)), key=lambda i: (system.scores[i].f1, i))
    return order[:count]


def _file_name(rank: int, page: Page) -> str:
    return f"{rank:03d}-{re.sub(r'[^A-Za-z0-9._-]+', '_', page.page_id)}.txt"


def _line_view(page: Page, system: SystemRun, index: int, line: int) -> tuple[Mark | None, str, list[str]]:
    """The mark, the system's label and the reasons of one line (None/"-"/[] where not known)."""
    run = system.runs[index]
    mark = MARKS[(run.kept[line], page.content[line])] if run.kept else None
    return mark, run.labels[line] if run.labels else "-", list(run.reasons[line]) if run.reasons else []


def page_text(page: Page, system: SystemRun, index: int) -> str:
    """One page's lines marked against the gold, as plain text."""
    score = system.scores[index]
    out = [f"# {page.page_id}  {page.dataset}  {page.site}  {system.name}: "
           f"P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}",
           "# " + "; ".join(f"{m.code} {m.meaning}" for m in MARKS.values()),
           "# line  mark  gold label / cleaner label  [reasons]  text"]
    for i, line in enumerate(page.lines):
        if not line.strip():
            out.append(f"{i:6d}")
            continue
        mark, label, reasons = _line_view(page, system, index, i)
        out.append(f"{i:6d}  {mark.code if mark else '??'}  {page.labels[i]}/{label}  "
                   f"[{','.join(reasons)}]  {line}")
    return "\n".join(out) + "\n"


def _page_html(page: Page, system: SystemRun, index: int, rank: int) -> str:
    score = system.scores[index]
    rows = []
    for i, line in enumerate(page.lines):
        if not line.strip():
            continue
        mark, label, reasons = _line_view(page, system, index, i)
        rows.append(f'<tr class="{mark.css if mark else ""}"><td class="n">{i}</td>'
                    f'<td class="m">{mark.code if mark else "??"}</td>'
                    f'<td class="l">{escape(page.labels[i])} / {escape(label)}</td>'
                    f'<td class="r">{escape(", ".join(reasons))}</td><td class="t">{escape(line)}</td></tr>')
    return (f'<h2 id="p{rank}">{rank}. {escape(page.page_id)} <small>({escape(page.dataset)}, '
            f'{escape(page.site)}) P {score.precision:.3f} R {score.recall:.3f} '
            f'F1 {score.f1:.3f}</small></h2>\n<table>\n' + "\n".join(rows) + "\n</table>")


def write_browser(directory: Path, result: BenchResult, system_name: str,
                  count: int = DEFAULT_WORST) -> list[Path]:
    """Write the worst ``count`` pages of ``system_name`` as text files and ``index.html``."""
    system = result.system(system_name)
    directory.mkdir(parents=True, exist_ok=True)
    chosen = worst_pages(system, count)
    written = []
    for rank, index in enumerate(chosen, 1):
        page = result.pages[index]
        path = directory / _file_name(rank, page)
        path.write_text(page_text(page, system, index), encoding="utf-8")
        written.append(path)
    legend = " ".join(f'<span class="key {m.css}">{m.code} {escape(m.meaning)}</span>'
                      for m in MARKS.values())
    contents = "\n".join(
        f'<li><a href="#p{rank}">{escape(result.pages[i].page_id)}</a> '
        f'F1 {system.scores[i].f1:.3f}</li>' for rank, i in enumerate(chosen, 1))
    sections = "\n".join(_page_html(result.pages[i], system, i, rank) for rank, i in enumerate(chosen, 1))
    html = (f"<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>cleaner bench: worst pages of "
            f"{escape(system.name)}</title><style>{_CSS}</style></head><body>\n"
            f"<h1>Worst {len(chosen)} pages of {escape(system.name)}</h1>\n"
            "<p>Each row: line number, mark, gold label / cleaner label, reasons, text. "
            f"Blank lines are left out.</p>\n<p>{legend}</p>\n<ol>{contents}</ol>\n{sections}\n"
            "</body></html>\n")
    index_path = directory / INDEX
    index_path.write_text(html, encoding="utf-8")
    return [index_path, *written]


def plot_precision_recall(path: Path, system: SystemRun) -> bool:
    """Scatter per-page recall against precision into a PNG; False without matplotlib."""
    try:
        import matplotlib
        matplotlib.use("Agg")  # files only; never open a window
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, ax = plt.subplots(figsize=(6, 6))
    ax.scatter([s.recall for s in system.scores], [s.precision for s in system.scores],
               s=12, alpha=0.5)
    summary = system.summary()
    ax.set(xlabel="recall", ylabel="precision", xlim=(-0.02, 1.02), ylim=(-0.02, 1.02),
           title=f"{system.name}: per-page shingle precision vs recall\n"
                 f"{summary.pages} pages, mean P {summary.precision:.3f}, R {summary.recall:.3f}")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return True
