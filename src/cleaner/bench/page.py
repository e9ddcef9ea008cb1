"""One labelled page of the benchmark corpus, as stored in the cached JSONL."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Page:
    """A rendered page whose lines are labelled against human gold text.

    ``lines`` are what a scraper would see (one block element per line);
    ``labels`` holds one project label per line (``body``, ``title``, ``related``,
    ``comments``, ``other``, ...; blank lines are ``blank``); ``content`` is the
    binary truth per line (True where the line is part of the gold text).
    ``gold`` is the gold text itself, which the token metric compares against.

    >>> p = Page("dragnet", "example.com", "dragnet/1", ["Hi."], ["body"], [True], 1.0, "Hi.")
    >>> Page.from_json(p.to_json()) == p
    True
    """

    dataset: str
    site: str
    page_id: str
    lines: list[str]
    labels: list[str]
    content: list[bool]
    confidence: float
    gold: str
    html_path: str = ""
    renderer: str = "cleaner"
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The rendered page text, lines joined with newlines."""
        return "\n".join(self.lines)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> Page:
        return cls(**json.loads(line))
