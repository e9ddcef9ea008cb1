"""Run cleaner configurations and reference systems over corpus pages and score them.

The cleaner is timed in this one process, page by page, around the calls a
user makes (``analyze`` and the article text), so its pages/s is per core.
References run in worker processes, each page timed inside its worker, so
their pages/s is per core too; the workers only shorten the wall time.

>>> from cleaner.bench.page import Page
>>> gold = "The talks ended without a deal, and both sides said they would meet again."
>>> page = Page("d", "s", "p", ["Skip to content", gold], ["navigation", "body"], [False, True], 1.0, gold)
>>> result = run_bench([page], ["rules+model"], ["identity"], data_dir=None, workers=1)
>>> [(s.name, round(s.summary().f1, 2)) for s in result.systems]
[('rules+model', 1.0), ('identity', 0.88)]
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Hashable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cleaner import Cleaner
from cleaner.templates import SiteTemplates
from cleaner.bench.configs import AUTO_SITE, Config, parse_config
from cleaner.bench.metrics import PageScore, Summary, line_accuracy, score_shingles, shingles, summarize
from cleaner.bench.page import Page
from cleaner.bench.references import REFERENCES, Prediction, Reference, read_html

#: Pages per task sent to a reference worker: small enough to balance two workers.
CHUNK_PAGES = 16
_MB = 1_000_000


class BenchError(Exception):
    """A run that cannot go on (a cleaner that fails on a page, a bad configuration)."""


@dataclass(frozen=True)
class PageRun:
    """One system's output on one page, with the seconds its call took.

    ``kept`` is per rendered line where the system decides lines; ``labels``
    and ``reasons`` are the cleaner's per line. ``error`` is set when a
    reference failed on the page (its prediction is then empty).
    """

    text: str
    kept: tuple[bool, ...] | None
    seconds: float
    input_bytes: int
    labels: tuple[str, ...] | None = None
    reasons: tuple[tuple[str, ...], ...] | None = None
    error: str | None = None


@dataclass(frozen=True)
class SystemRun:
    """One system over all pages: its page runs and scores, aligned with the pages."""

    name: str
    kind: Literal["cleaner", "reference"]
    runs: tuple[PageRun, ...]
    scores: tuple[PageScore, ...]
    accuracies: tuple[float | None, ...]

    def summary(self, indices: Sequence[int] | None = None) -> Summary:
        """Scores over the pages at ``indices`` (all pages by default)."""
        chosen = range(len(self.runs)) if indices is None else indices
        return summarize([self.scores[i] for i in chosen], [self.accuracies[i] for i in chosen])

    def speed(self, indices: Sequence[int] | None = None) -> tuple[float, float]:
        """Pages per second and MB per second of input over the pages at ``indices``.

        Pages the system failed on are left out: they took no measured time.
        """
        chosen = range(len(self.runs)) if indices is None else indices
        done = [self.runs[i] for i in chosen if self.runs[i].error is None]
        seconds = sum(run.seconds for run in done)
        if seconds <= 0:
            return 0.0, 0.0
        return len(done) / seconds, sum(run.input_bytes for run in done) / _MB / seconds

    def errors(self, indices: Sequence[int] | None = None) -> int:
        """How many of the pages at ``indices`` the system failed on."""
        chosen = range(len(self.runs)) if indices is None else indices
        return sum(self.runs[i].error is not None for i in chosen)


@dataclass(frozen=True)
class BenchResult:
    """Every system measured on the same pages."""

    pages: tuple[Page, ...]
    systems: tuple[SystemRun, ...]
    seconds: float

    def system(self, name: str) -> SystemRun:
        return next(s for s in self.systems if s.name == name)


def run_bench(pages: Sequence[Page], configs: Sequence[str], references: Sequence[str],
              data_dir: Path | None, workers: int = 2) -> BenchResult:
    """Run every configuration, then every reference, on ``pages`` and score them."""
    start = time.perf_counter()
    pages = tuple(pages)
    parsed = [_parse(c) for c in configs]
    unknown = [name for name in references if name not in REFERENCES]
    if unknown:
        raise BenchError(f"unknown reference {unknown[0]!r} (known: {', '.join(REFERENCES)})")
    runs: list[tuple[str, Literal["cleaner", "reference"], list[PageRun]]] = [
        (config.name, "cleaner", run_config(config, pages)) for config in parsed]
    for name, page_runs in run_references(references, pages, data_dir, workers).items():
        runs.append((name, "reference", page_runs))
    gold = [shingles(page.gold) for page in pages]
    systems = tuple(_score(name, kind, pages, page_runs, gold) for name, kind, page_runs in runs)
    return BenchResult(pages, systems, time.perf_counter() - start)


def _parse(text: str) -> Config:
    try:
        return parse_config(text)
    except ValueError as exc:
        raise BenchError(str(exc)) from None


def run_config(config: Config, pages: Sequence[Page]) -> list[PageRun]:
    """The cleaner in ``config`` on every page, timed per page in this process
    (with ``templates=yes``, counting the pages' lines comes first, untimed)."""
    templates = SiteTemplates.from_pages((page.text, page.site) for page in pages) \
        if config.templates else None
    cleaners: dict[str | None, Cleaner] = {}
    out = []
    for page in pages:
        site = page.site if config.site == AUTO_SITE else None
        if site not in cleaners:
            cleaners[site] = _cleaner(config, site, templates)
        cleaner = cleaners[site]
        text = page.text
        try:
            began = time.perf_counter()
            analysis = cleaner.analyze(text, url=page.site)
            cleaned = analysis.text
            seconds = time.perf_counter() - began
        except Exception as exc:
            raise BenchError(f"{config.name} failed on {page.page_id}: {type(exc).__name__}: {exc}") from exc
        lines = analysis.lines
        out.append(PageRun(cleaned, tuple(line.kept for line in lines), seconds, len(text.encode()),
                           tuple(str(line.label) for line in lines),
                           tuple(line.reasons for line in lines)))
    return out


def _cleaner(config: Config, site: str | None, templates: SiteTemplates | None) -> Cleaner:
    """A cleaner for ``config``, warmed up so loading rules and model is not timed."""
    try:
        cleaner = Cleaner(**config.options(site), templates=templates)
        cleaner.analyze("warm up\n")
    except Exception as exc:
        raise BenchError(f"configuration {config.name!r}: {exc}") from None
    return cleaner


def run_references(names: Sequence[str], pages: Sequence[Page], data_dir: Path | None,
                   workers: int) -> dict[str, list[PageRun]]:
    """Every named reference on every page; ``workers`` > 1 spreads pages over processes."""
    # The slowest (HTML) references go first so both workers stay busy to the end.
    ordered = sorted(names, key=lambda name: REFERENCES[name].source != "html")
    tasks = [(name, list(pages[i:i + CHUNK_PAGES]), data_dir)
             for name in ordered for i in range(0, len(pages), CHUNK_PAGES)]
    results: dict[str, list[PageRun]] = {name: [] for name in names}
    if workers > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunks = list(pool.map(_reference_chunk, *zip(*tasks)))
    else:
        chunks = [_reference_chunk(*task) for task in tasks]
    for (name, _, _), chunk in zip(tasks, chunks):
        results[name].extend(chunk)
    return results


def _reference_chunk(name: str, pages: list[Page], data_dir: Path | None) -> list[PageRun]:
    reference = REFERENCES[name]
    return [_reference_page(reference, page, data_dir) for page in pages]


def _reference_page(reference: Reference, page: Page, data_dir: Path | None) -> PageRun:
    """One reference on one page; a failure is recorded as an empty prediction, not raised."""
    source: Page | str
    try:
        if reference.source == "html":
            if data_dir is None or not page.html_path:
                raise OSError("no HTML file for this page")
            source, size = read_html(data_dir, page)
        else:
            source, size = page, len(page.text.encode())
        began = time.perf_counter()
        prediction: Prediction = reference.extract(source)
        seconds = time.perf_counter() - began
    except Exception as exc:  # third-party extractors fail in many ways; score the page as empty
        return PageRun("", None, 0.0, 0, error=f"{type(exc).__name__}: {exc}")
    return PageRun(prediction.text, prediction.kept, seconds, size)


def _score(name: str, kind: Literal["cleaner", "reference"], pages: Sequence[Page],
           runs: Sequence[PageRun], gold: Sequence[Counter[Hashable]]) -> SystemRun:
    scores = tuple(score_shingles(shingles(run.text), want) for run, want in zip(runs, gold))
    accuracies = tuple(None if run.kept is None else line_accuracy(page.lines, run.kept, page.content)
                       for page, run in zip(pages, runs))
    return SystemRun(name, kind, tuple(runs), scores, accuracies)
