"""The interface every scorer fills, and how a ``model=`` option becomes a scorer.

A scorer sees the whole page (its lines and what the rules said about each)
and returns, per line, the probability that the line is article content
(blank lines get 0; the decision step compares it with the threshold) and,
where it can tell, what kind of chrome the line is if it is dropped.

>>> resolve_scorer("heuristic").name
'heuristic'
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Protocol

from cleaner.labels import Label
from cleaner.lines import Document
from cleaner.rules.engine import RuleHits


class Scores(NamedTuple):
    """A scorer's verdict on one page.

    ``content`` holds each line's probability of being article content;
    ``kinds`` (empty where the scorer names none) the kind of chrome each line
    is taken for should it be dropped (``comments``, ``related``, ``other``),
    None for lines it has no word on; ``comments`` (empty where the scorer
    cannot tell) each line's probability of being a reader comment rather than
    the article, should it be content.
    """

    content: Sequence[float]
    kinds: Sequence[Label | None] = ()
    comments: Sequence[float] = ()


class LineScorer(Protocol):
    """Anything that scores the lines of a page.

    ``threshold`` is the scorer's fixed decision threshold: a hand-set scorer's
    default; a trained model's is its best fixed threshold out of fold, for
    information, since by default its probabilities get each page's own
    (:func:`cleaner.decide.page_threshold`). ``learned`` scorers give calibrated
    probabilities, and were trained on pages whose headlines are content, so
    they score headlines themselves and the headline step only names the line;
    for hand-set scorers it also keeps it.
    """

    name: str
    learned: bool
    threshold: float

    def score(self, doc: Document, hits: RuleHits) -> Scores:
        """Probability of content for each line of ``doc``, and the kinds it names."""
        ...


class KeepAll:
    """The scorer of ``model="none"``: every line no rule decided is content."""

    name = "none"
    learned = False
    threshold = 0.5

    def score(self, doc: Document, hits: RuleHits) -> Scores:
        return Scores([0.0 if not line else 1.0 for line in doc.norm])


def resolve_scorer(model: str | Path | None) -> LineScorer:
    """The scorer for a ``model=`` option, built once per process.

    ``"default"`` is the model shipped in the package (gradient-boosted trees),
    or the heuristic scorer where none is shipped; ``"fast"`` the shipped
    all-logistic model (about 1.2 times the speed, 1 point of F1 less);
    ``"heuristic"``; ``"none"`` (or None); or the path of a model file written
    by ``cleaner train``.
    """
    return _resolve(str(model) if model is not None else "none")


@lru_cache(maxsize=8)
def _resolve(model: str) -> LineScorer:
    from cleaner.model.heuristic import HeuristicScorer

    if model == "none":
        return KeepAll()
    if model == "heuristic":
        return HeuristicScorer()
    from cleaner.model.shipped import SHIPPED, load_model_file, shipped_model

    if model in SHIPPED:
        return shipped_model(model) or HeuristicScorer()

    return load_model_file(Path(model))
