"""A hand-set scorer in the style of jusText, used until a learned model ships.

Each line gets a class from its own shape (length in words, stopword share,
terminal punctuation), then short and borderline lines take their class from
their neighbours, so a subheading between two paragraphs stays and a short
line amid chrome goes. Lines a hard rule decided, and lines inside a feed or
related block, count as bad.

>>> from cleaner.lines import Document
>>> from cleaner.rules.engine import RuleSet
>>> doc = Document.from_text("Menu\\n\\nThe talks in Geneva ended without a deal, and both sides said they would meet again next week.")
>>> [round(s, 2) > 0.5 for s in HeuristicScorer().score(doc, RuleSet([]).apply(doc)).content]
[False, False, True]
"""

from __future__ import annotations

import regex

from cleaner.features.stopwords import stopwords
from cleaner.labels import Label
from cleaner.lines import Document
from cleaner.model.base import Scores
from cleaner.rules.engine import RuleHits

#: A line of at least this many words with enough stopwords is prose on its own.
LONG_WORDS = 12
#: Below this many words a line is too short to judge alone.
SHORT_WORDS = 4
#: An unpunctuated line up to this long may be a subheading: its neighbours decide.
HEADING_WORDS = 10
#: Stopword shares: prose sits above HIGH; menus and lists below LOW.
STOPWORD_HIGH = 0.28
STOPWORD_LOW = 0.12
#: The highest score a line judged bad can get: just under the default threshold.
BAD_CEILING = 0.49
#: A short line between good lines no further than this many lines away is kept.
CONTEXT_REACH = 4

_WORD = regex.compile(r"\w+")
_TERMINAL = regex.compile(r"[.!?…:;\"”’)»]$")

GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"


class HeuristicScorer:
    """Scores lines by shape and context; see the module docstring."""

    name = "heuristic"
    learned = False
    threshold = 0.5

    def score(self, doc: Document, hits: RuleHits) -> Scores:
        stop = stopwords()
        quality: list[float] = []
        classes: list[str | None] = []
        for line, rule, fired in zip(doc.norm, hits.winner, hits.fired):
            if not line:
                quality.append(0.0)
                classes.append(None)
                continue
            words = _WORD.findall(line.casefold())
            n = len(words)
            share = sum(w in stop for w in words) / n if n else 0.0
            terminal = bool(_TERMINAL.search(line))
            quality.append(min(n / LONG_WORDS, 1.0) * 0.5 + min(share / STOPWORD_HIGH, 1.0) * 0.5)
            if rule is not None or any(r.kind == "region" for r in fired):
                classes.append(BAD)
            elif any(r.label is Label.BYLINE for r in fired):
                classes.append(NEAR)  # a byline is kept beside the article, not amid chrome
            elif n >= LONG_WORDS and share >= STOPWORD_HIGH:
                classes.append(GOOD)
            elif n < SHORT_WORDS or (n <= HEADING_WORDS and not terminal):
                classes.append(SHORT)
            elif share >= STOPWORD_LOW and (n >= 7 or terminal):
                classes.append(NEAR)
            else:
                classes.append(BAD if n >= SHORT_WORDS else SHORT)
        # The class decides which side of 0.5 a line falls; its shape quality
        # orders lines within a side, so a raised threshold drops the weakest first.
        final = _context(classes)
        return Scores([0.0 if c is None else (0.5 + q / 2 if c == GOOD else min(q / 2, BAD_CEILING))
                       for c, q in zip(final, quality)])


def _context(classes: list[str | None]) -> list[str | None]:
    """Resolve short and near lines from the nearest decided neighbours."""
    out = list(classes)
    for i, cls in enumerate(classes):
        if cls not in (SHORT, NEAR):
            continue
        before = _neighbour(classes, i, -1)
        after = _neighbour(classes, i, 1)
        if cls == NEAR:
            out[i] = GOOD if GOOD in (before, after) else BAD
        else:
            out[i] = GOOD if before == GOOD and after == GOOD else BAD
    return out


def _neighbour(classes: list[str | None], i: int, step: int) -> str:
    j, seen = i + step, 0
    while 0 <= j < len(classes) and seen < CONTEXT_REACH:
        cls = classes[j]
        if cls in (GOOD, BAD):
            return cls
        if cls is not None:
            seen += 1
        j += step
    return BAD
