"""Decisions: from rule hits and scores to one label and a keep/drop per line.

In order: blank lines are ``blank``; a hard rule's label decides its line;
the scorer decides the rest against a threshold, fixed or the page's own (see
:func:`page_threshold`) (where it keeps nothing, the lines scoring close
to the page's best are kept) (at or above the threshold ``body``, or ``byline``
where byline rules fired; below it the label of the evidence rules that fired,
else the kind of chrome the scorer names, or ``other``); a short undecided
line wedged in one block between two lines of the
same chrome label takes that label; a byline just above the first kept
paragraph is kept as the article's, with the lines between them that no rule
named (the standfirst); the headline is found above the byline or
the first body line (kept when it sits above the article's byline, or when
the scorer is hand-set; a learned scorer's headline above the body is only
named, as it scored headlines itself); a kept body or byline line the scorer
takes for a reader comment is named ``comments``, and so is one it read
between two lines of a thread; and the options say which labels are kept.

>>> from cleaner.lines import Document
>>> from cleaner.rules.engine import RuleSet
>>> doc = Document.from_text("Subscribe\\nNever miss it\\nSubscribe")
>>> hits = RuleSet.load().apply(doc)
>>> [d.label.value for d in decide(doc, hits, [0.9, 0.9, 0.9], "test")]
['subscription', 'subscription', 'subscription']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import regex

from cleaner.labels import ARTICLE_LABELS, Label
from cleaner.lines import Document
from cleaner.rules.engine import RuleHits
from cleaner.rules.matchers import phrase_key

DEFAULT_THRESHOLD = 0.5
#: A line longer than this is prose in its own right, whatever surrounds it.
SANDWICH_MAX_WORDS = 20
#: Headlines are short and do not end like a sentence.
TITLE_MIN_WORDS = 2
TITLE_MAX_WORDS = 30
#: How many non-blank lines above the byline or first body line a headline may sit.
TITLE_LOOKBACK = 3
#: How many non-blank lines above the first kept paragraph the article's byline may sit
#: (a standfirst and a widget line between them).
HEAD_LOOKBACK = 3
#: A page is rarely all chrome: when the threshold keeps no line, the lines
#: scoring at least this share of the page's best score are kept instead.
FALLBACK_SHARE = 0.8
#: A kept line is a reader comment, not the article, when the scorer gives it at
#: least this probability of being one: the even odds its head was trained at.
COMMENT_PROBABILITY = 0.5

# A line scored exactly 1 makes "the page holds no content" impossible, as
# log1p(-1) = -inf says, but with a divide-by-zero warning on every such page.
_NEARLY_ONE = 1 - 1e-12
_SENTENCE_END = regex.compile(r"[.,;:]$")
_COMMENT_LABELS = (Label.BODY, Label.BYLINE)


@dataclass(frozen=True)
class Decision:
    """The label of one line, whether it is part of the article, the score and the reasons.

    ``content`` is the decision; the label says what the line is, so a dropped
    listing date and a kept article date are both ``byline``.
    """

    label: Label
    content: bool
    score: float | None
    reasons: tuple[str, ...]


@dataclass
class PageLabels:
    """Every line's label and whether it is content, and the context steps that
    changed a line (``notes``): all a decision needs but its reasons spelled out."""

    labels: list[Label]
    content: list[bool]
    notes: dict[int, list[str]] = field(default_factory=dict)

    def note(self, i: int, step: str) -> None:
        self.notes.setdefault(i, []).append(f"context:{step}")


def decide(doc: Document, hits: RuleHits, scores: Sequence[float], scorer: str,
           threshold: float = DEFAULT_THRESHOLD, promote_title: bool = True,
           fallback: bool = True, kinds: Sequence[Label | None] = (),
           comments: Sequence[float] = ()) -> list[Decision]:
    """Label every line of ``doc``; see the module docstring for the order of steps.

    ``kinds`` names, per line, the chrome a scorer takes it for if dropped;
    ``comments`` is each line's probability of being a reader comment if kept.
    """
    page = label_page(doc, hits, scores, threshold, promote_title, fallback, kinds, comments)
    return [Decision(label, page.content[i], line_score(hits, scores, label, i),
                     line_reasons(hits, page, scorer, i))
            for i, label in enumerate(page.labels)]


def label_page(doc: Document, hits: RuleHits, scores: Sequence[float],
               threshold: float | None = DEFAULT_THRESHOLD, promote_title: bool = True,
               fallback: bool = True, kinds: Sequence[Label | None] = (),
               comments: Sequence[float] = ()) -> PageLabels:
    """The steps of :func:`decide`, without the reasons; ``threshold`` None: the
    page's own (:func:`page_threshold`), for scores that are probabilities."""
    if threshold is None:
        open_lines = [i for i, line in enumerate(doc.norm) if line and hits.winner[i] is None]
        threshold = page_threshold([len(doc.norm[i]) for i in open_lines], [scores[i] for i in open_lines])
    labels: list[Label] = []
    content: list[bool] = []
    for i, (line, fired, winner) in enumerate(zip(doc.norm, hits.fired, hits.winner)):
        if not line:
            label, keep = Label.BLANK, False
        elif winner is not None:
            label = winner.label
            keep = label in ARTICLE_LABELS
        else:
            # A line is named by the evidence that fired on it: a dropped one by
            # its chrome label (else by the kind the scorer names), a kept one as
            # byline where byline rules fired.
            keep = scores[i] >= threshold
            if keep:
                label = Label.BYLINE if any(r.label is Label.BYLINE for r in fired) \
                    else Label.BODY
            else:
                label = fired[0].label if fired else (kinds[i] if kinds else None) or Label.OTHER
        labels.append(label)
        content.append(keep)
    page = PageLabels(labels, content)
    if fallback and not any(content):
        _fallback(hits, scores, page)
    _sandwich(doc, hits, page)
    _article_head(doc, hits, page)
    _find_title(doc, hits, page, promote_title)
    _reader_comments(comments, page)
    return page


def page_threshold(sizes: Sequence[float], probabilities: Sequence[float]) -> float:
    """The threshold at which a page's lines give the most expected precision plus recall.

    The benchmark's F1 is taken of precision and recall each averaged over
    pages, so a page adds to it through the sum of its precision and recall
    (weighed alike while the two are about equal). Given each line's size and
    calibrated probability of being content, keeping the k most probable lines
    gives an expected ``A`` of content in ``B`` kept, of ``G`` on the page:
    precision ``A / B``, recall ``A / G``. The best k is found in one pass.
    Adding a line pays when its probability is above ``(A / B) / (1 + B / G)``:
    on a page the model reads well, kept size and content size are about equal
    and that is about half the expected precision, near the best fixed
    threshold; on a page it is unsure of, each likely line carries more of the
    page's recall and the threshold falls. Keeping nothing scores 2 where the
    page holds no content, with probability the product of ``1 - p``; where
    that is the better bet the threshold is ``inf`` (and the fallback step
    decides, as for a fixed threshold no line reaches).

    >>> page_threshold([100, 100, 100], [0.9, 0.6, 0.1])
    0.6
    >>> page_threshold([100, 100], [0.01, 0.001])
    inf
    """
    size, p = np.asarray(sizes, dtype=float), np.asarray(probabilities, dtype=float)
    expected = float(size @ p)
    if expected <= 0:
        return float("inf")
    order = np.argsort(-p, kind="stable")
    found = np.cumsum(size[order] * p[order])
    gain = found / np.cumsum(size[order]) + found / expected
    best = int(np.argmax(gain))
    if 2 * np.exp(np.log1p(-np.minimum(p, _NEARLY_ONE)).sum()) >= gain[best]:
        return float("inf")
    return float(p[order[best]])


def line_score(hits: RuleHits, scores: Sequence[float], label: Label, i: int) -> float | None:
    """The scorer's score of line ``i``, None where a hard rule decided it or it is blank."""
    return None if (hits.winner[i] is not None or label is Label.BLANK) else scores[i]


def line_reasons(hits: RuleHits, page: PageLabels, scorer: str, i: int) -> tuple[str, ...]:
    """The rules that fired on line ``i``, the scorer where it decided, and the context steps."""
    if page.labels[i] is Label.BLANK:
        return ()
    fired = tuple(r.id for r in hits.fired[i])
    if hits.winner[i] is None:
        fired += (f"model:{scorer}",)
    return fired + tuple(page.notes.get(i, ()))


def _sandwich(doc: Document, hits: RuleHits, page: PageLabels) -> None:
    """Give a short line the chrome label of both its block neighbours.

    Lines a region decided are eligible too: what two line rules say about the
    lines around it is more specific than the block it sits in.
    """
    # Lines a line rule decided (not a region).
    decided = {i for i, winner in enumerate(hits.winner)
               if winner is not None and winner.kind != "region"}
    labels = page.labels
    for i in sorted(k + 1 for k in decided if k + 2 in decided and k + 1 not in decided):
        if labels[i] is Label.BLANK:
            continue
        above, below = hits.winner[i - 1], hits.winner[i + 1]
        if above.label != below.label or above.label in ARTICLE_LABELS:  # type: ignore[union-attr]
            continue
        if doc.norm[i].count(" ") + 1 > SANDWICH_MAX_WORDS:
            continue
        labels[i] = above.label  # type: ignore[union-attr]
        page.content[i] = False
        page.note(i, "sandwich")


def _fallback(hits: RuleHits, scores: Sequence[float], page: PageLabels) -> None:
    """Keep the best-scoring undecided lines of a page where nothing passed the threshold."""
    open_lines = [i for i, label in enumerate(page.labels)
                  if label is not Label.BLANK and hits.winner[i] is None and scores[i] > 0]
    if not open_lines:
        return
    floor = FALLBACK_SHARE * max(scores[i] for i in open_lines)
    for i in open_lines:
        if scores[i] >= floor:
            evidence = [r.label for r in hits.fired[i]]
            page.labels[i] = Label.BYLINE if Label.BYLINE in evidence else Label.BODY
            page.content[i] = True
            page.note(i, "fallback")


def _article_head(doc: Document, hits: RuleHits, page: PageLabels) -> None:
    """Keep the article's byline and the lines between it and the first paragraph.

    Golds that leave bylines out teach a scorer to drop them, and the standfirst
    under them, as "by NAME DATE" also opens reader comments; but a byline just
    above the article's first kept paragraph (a kept headline is no paragraph)
    is the article's. Lines in between that no rule named (a standfirst) are
    kept with it; chrome a rule named is not.
    """
    labels, content = page.labels, page.content
    first = next((i for i, label in enumerate(labels)
                  if label is Label.BODY and content[i] and not _title_like(doc.norm[i])), None)
    if first is None:
        return
    i = next((k for k in _lines_above(labels, first, HEAD_LOOKBACK) if labels[k] is Label.BYLINE),
             None)
    if i is None:
        return
    for k in range(i, first):
        if content[k] or labels[k] is Label.BLANK or hits.winner[k] is not None:
            continue
        if k == i or all(r.label is Label.BYLINE for r in hits.fired[k]):
            labels[k] = Label.BYLINE if hits.fired[k] else Label.BODY
            content[k] = True
            page.note(k, "head")


def _reader_comments(comments: Sequence[float], page: PageLabels) -> None:
    """Name ``comments`` the kept lines the scorer takes for reader comments.

    Body lines and bylines: a comment's "NAME says: DATE" is a byline to the
    rules. The last step, so that naming them changes no other step's
    decision: with comments kept, the output is what it would be without it.
    """
    for i, p in enumerate(comments):
        if p >= COMMENT_PROBABILITY and page.content[i] and page.labels[i] in _COMMENT_LABELS:
            page.labels[i] = Label.COMMENTS
            page.note(i, "comments")
    # A thread is a region: a kept line the head read (it lies below the
    # thread's header) between two of the thread's lines, such as the first
    # comment's "NAME says:" under the header, is the thread's at any odds.
    lines = [i for i, label in enumerate(page.labels) if label is not Label.BLANK]
    for above, i, below in zip(lines, lines[1:], lines[2:]):
        if (comments and comments[i] > 0 and page.content[i] and page.labels[i] in _COMMENT_LABELS
                and page.labels[above] is page.labels[below] is Label.COMMENTS):
            page.labels[i] = Label.COMMENTS
            page.note(i, "comments")


def _title_candidate(doc: Document, hits: RuleHits, labels: list[Label], i: int) -> bool:
    """A line the scorer decided, or one a region swept in that is not the region's header.

    A feed block can run up to the byline and take the headline with it; its
    header line ("News Feed"), lines rules named and lines the sandwich step
    relabelled are chrome in their own right.
    """
    regions = [r for r in hits.fired[i] if r.kind == "region"]
    if hits.winner[i] is not None and hits.winner[i] not in regions:
        return False
    if labels[i] not in (Label.BODY, Label.OTHER) and labels[i] not in {r.label for r in regions}:
        return False
    key = phrase_key(doc.norm[i])
    return not any(key in {phrase_key(p) for p in r.region_start} for r in regions)


def _find_title(doc: Document, hits: RuleHits, page: PageLabels, promote: bool) -> None:
    """Mark the headline: the title-like line just above the byline, else above the body."""
    labels, content = page.labels, page.content
    anchor = next((i for i, lab in enumerate(labels) if lab is Label.BYLINE and content[i]), None)
    # Right above the article's own byline, a title-like line is the headline
    # whoever scored it; above the first body line that takes a hand-set scorer.
    promote = promote or anchor is not None
    if anchor is None:
        anchor = next((i for i, lab in enumerate(labels) if lab is Label.BODY), None)
    if anchor is None:
        return
    # The article's kept byline (and blank lines) sit between a headline and its anchor.
    for i in _lines_above(labels, anchor, TITLE_LOOKBACK,
                          step_over=lambda k: labels[k] is Label.BYLINE and content[k]):
        if _title_candidate(doc, hits, labels, i) and _title_like(doc.norm[i]):
            if not (promote or content[i]):
                return
            labels[i] = Label.TITLE
            content[i] = True
            page.note(i, "title")
            return


def _lines_above(labels: Sequence[Label], start: int, limit: int,
                 step_over: Callable[[int], bool] = lambda k: False) -> Iterator[int]:
    """The non-blank lines above ``start``, nearest first, at most ``limit`` of them;
    lines ``step_over`` names are passed without counting."""
    seen, i = 0, start - 1
    while i >= 0 and seen < limit:
        if labels[i] is not Label.BLANK and not step_over(i):
            yield i
            seen += 1
        i -= 1


def _title_like(line: str) -> bool:
    words = line.count(" ") + 1
    return TITLE_MIN_WORDS <= words <= TITLE_MAX_WORDS and not _SENTENCE_END.search(line)
