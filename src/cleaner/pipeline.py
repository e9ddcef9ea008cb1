"""The pipeline: text in, lines, rules, scores, decisions, result out.

A :class:`Cleaner` holds one configuration, compiled once (rules and model are
loaded on first use and shared by every cleaner of the process), and is cheap
to call on any number of pages.

>>> c = Cleaner(title=False)
>>> c.clean("Skip to content\\nThe talks ended without a deal, and both sides said they would meet again soon.")
'The talks ended without a deal, and both sides said they would meet again soon.'
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from cleaner.decide import decide
from cleaner.decode import decode_bytes
from cleaner.labels import Label
from cleaner.lines import Document
from cleaner.model.base import LineScorer, resolve_scorer
from cleaner.result import Analysis, LineResult
from cleaner.rules.engine import RuleSet


class Cleaner:
    """A configured cleaner.

    Parameters:
        rules: a user rule file, or several, that add, override or disable rules.
        builtin: use the built-in rule packs (generic and language packs).
        site: a domain or URL; adds the built-in site packs for that site.
        model: ``"default"``, ``"heuristic"``, ``"none"`` or a model file path.
        threshold: lines scoring at least this are content; raise it for precision.
            None (the default) uses the model's own threshold, learned in training.
        title: keep the headline in the output.
        byline: keep the article's author, date and reading-time lines in the output.
        fallback: where no line reaches the threshold, keep the lines scoring close
            to the page's best rather than return nothing.
    """

    def __init__(self, *, rules: str | Path | Sequence[str | Path] | None = None,
                 builtin: bool = True, site: str | None = None,
                 model: str | Path | None = "default", threshold: float | None = None,
                 title: bool = True, byline: bool = True, fallback: bool = True) -> None:
        if rules is None:
            rules = ()
        elif isinstance(rules, (str, Path)):
            rules = (rules,)
        self.rules = tuple(rules)
        self.builtin = builtin
        self.site = site
        self.model = model
        self.threshold = threshold
        self.title = title
        self.byline = byline
        self.fallback = fallback

    @cached_property
    def ruleset(self) -> RuleSet:
        """The compiled rules (raises :class:`cleaner.RuleError` for a bad rule file)."""
        return RuleSet.load(builtin=self.builtin, site=self.site, user_files=self.rules)

    @cached_property
    def scorer(self) -> LineScorer:
        """The scorer for lines no hard rule decided."""
        return resolve_scorer(self.model)

    def analyze(self, text: str | bytes) -> Analysis:
        """Label every line of ``text`` and say why."""
        if isinstance(text, (bytes, bytearray)):
            text = decode_bytes(bytes(text))
        if not isinstance(text, str):
            raise TypeError(f"expected str or bytes, got {type(text).__name__}")
        doc = Document.from_text(text)
        hits = self.ruleset.apply(doc)
        scores = self.scorer.score(doc, hits)
        keep = {Label.BODY}
        if self.title:
            keep.add(Label.TITLE)
        if self.byline:
            keep.add(Label.BYLINE)
        threshold = self.scorer.threshold if self.threshold is None else self.threshold
        decisions = decide(doc, hits, scores, self.scorer.name, threshold,
                           promote_title=not self.scorer.learned, fallback=self.fallback)
        lines = tuple(LineResult(i, doc.lines[i], d.label, d.content and d.label in keep,
                                 d.score, d.reasons)
                      for i, d in enumerate(decisions))
        return Analysis(lines, hits.errors)

    def clean(self, text: str | bytes) -> str:
        """The article text of ``text``: kept lines, verbatim."""
        return self.analyze(text).text
