"""Which rules cost content: for every reason the cleaner gave, the gold lines it dropped.

A line may carry several reasons (rules, ``model:...``, ``context:...``); each
of them is charged with the line. A *false drop* is a line the reason fired
on that the gold calls content and the cleaner dropped; its tokens are the
content lost. Rows are sorted by tokens lost, then false drops: the damage.

>>> from cleaner.bench.page import Page
>>> from cleaner.bench.runner import PageRun
>>> page = Page("d", "s", "p", ["Share this", "Follow the money."], ["share", "body"], [False, True], 1.0, "")
>>> run = PageRun("", (False, False), 0.0, 0, ("share", "share"), (("share.x",), ("share.x",)))
>>> rule_damage([page], [run])[0]
RuleDamage(rule='share.x', fired=2, content=1, false_drops=1, tokens_lost=3, pages=1)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.bench.metrics import tokens
from cleaner.bench.page import Page
from cleaner.bench.report import text_table
from cleaner.bench.runner import PageRun


@dataclass(frozen=True)
class RuleDamage:
    """What one reason did over the corpus: lines fired on, content among them, content lost."""

    rule: str
    fired: int
    content: int
    false_drops: int
    tokens_lost: int
    pages: int


def rule_damage(pages: Sequence[Page], runs: Sequence[PageRun]) -> list[RuleDamage]:
    """One row per reason seen in the cleaner's runs, most damaging first."""
    counts: dict[str, list[int]] = {}
    seen_on: dict[str, set[int]] = {}
    for number, (page, run) in enumerate(zip(pages, runs, strict=True)):
        if run.reasons is None or run.kept is None:
            raise ValueError("rule damage needs the cleaner's per-line reasons")
        for line, content, kept, reasons in zip(page.lines, page.content, run.kept, run.reasons):
            dropped = content and not kept
            lost = len(tokens(line)) if dropped else 0
            for reason in reasons:
                row = counts.setdefault(reason, [0, 0, 0, 0])
                row[0] += 1
                row[1] += content
                row[2] += dropped
                row[3] += lost
                seen_on.setdefault(reason, set()).add(number)
    rows = [RuleDamage(rule, fired, content, drops, lost, len(seen_on[rule]))
            for rule, (fired, content, drops, lost) in counts.items()]
    return sorted(rows, key=lambda r: (-r.tokens_lost, -r.false_drops, -r.fired, r.rule))


def format_rule_report(rows: Sequence[RuleDamage], config: str) -> str:
    """The report as a text table."""
    title = (f"rule report for {config}: lines each reason fired on, how many were gold content, "
             "and the content it dropped")
    return text_table(title, ("rule", "lines", "content", "false drops", "tokens lost", "pages"),
                      [(r.rule, r.fired, r.content, r.false_drops, r.tokens_lost, r.pages) for r in rows])
