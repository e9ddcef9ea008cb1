"""The result of analysing a page: one record per input line, serialisable to JSON.

>>> from cleaner import analyze
>>> a = analyze("Skip to content\\n\\nThe talks ended without a deal, and both sides said they would meet again next week.")
>>> [(line.label.value, line.kept) for line in a.lines]
[('navigation', False), ('blank', False), ('body', True)]
>>> a.lines[0].reasons
('navigation.skip-links',)
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from cleaner.labels import Label
from cleaner.output import assemble


@dataclass(frozen=True)
class LineResult:
    """What the cleaner decided about one input line, and why.

    ``score`` is the scorer's probability that the line is content (None where a
    hard rule decided or the line is blank); ``reasons`` names the rules that
    fired, and ``model:<name>`` or ``context:<step>`` where those decided.
    """

    index: int
    text: str
    label: Label
    kept: bool
    score: float | None
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "text": self.text, "label": self.label.value,
                "kept": self.kept, "score": None if self.score is None else round(self.score, 4),
                "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Analysis:
    """Every input line with its label, decision and reasons; ``text`` is the article."""

    lines: tuple[LineResult, ...]
    errors: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The cleaned article: kept lines, verbatim, with paragraph breaks kept."""
        return assemble([line.text for line in self.lines], [line.kept for line in self.lines],
                        [line.label is Label.BLANK for line in self.lines])

    def label_counts(self) -> dict[str, int]:
        """How many lines got each label."""
        return dict(Counter(line.label.value for line in self.lines))

    def rule_counts(self) -> dict[str, int]:
        """How many lines each rule (or model/context step) fired on."""
        return dict(Counter(reason for line in self.lines for reason in line.reasons))

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "lines": [line.to_dict() for line in self.lines],
                "labels": self.label_counts(), "errors": list(self.errors)}

    def to_json(self, **kwargs: Any) -> str:
        """The analysis as JSON (keyword arguments go to :func:`json.dumps`)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)
