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

from cleaner.decide import PageLabels, label_page, line_reasons, line_score
from cleaner.decode import as_text
from cleaner.labels import Label
from cleaner.lines import Document
from cleaner.model.base import LineScorer, resolve_scorer
from cleaner.output import assemble
from cleaner.result import Analysis, LineResult
from cleaner.rules.engine import RuleHits, RuleSet
from cleaner.templates import SiteTemplates, with_template


class Cleaner:
    """A configured cleaner.

    Parameters:
        rules: a user rule file, or several, that add, override or disable rules.
        builtin: use the built-in rule packs (generic and language packs).
        site: a domain or URL; adds the built-in site packs for that site.
        model: ``"default"``, ``"fast"``, ``"heuristic"``, ``"none"`` or a model file path.
        threshold: lines scoring at least this are content; raise it for precision.
            None (the default): with a trained model, each page its own, the one
            that gives the page the most expected precision plus recall under the
            model's probabilities (:func:`cleaner.decide.page_threshold`); with a
            hand-set scorer, its fixed threshold.
        title: keep the headline in the output.
        byline: keep the article's author, date and reading-time lines in the output.
        comments: keep reader comments. Off (the default), the lines below a
            comments header that the model takes for reader comments are left
            out: the article alone.
        fallback: where no line reaches the threshold, keep the lines scoring close
            to the page's best rather than return nothing.
        templates: lines counted over many pages (:class:`cleaner.SiteTemplates`);
            a line found on enough pages of the page's site (the ``url`` given to
            :meth:`analyze` or :meth:`clean`, else ``site``) is dropped as its template.
    """

    def __init__(self, *, rules: str | Path | Sequence[str | Path] | None = None,
                 builtin: bool = True, site: str | None = None,
                 model: str | Path | None = "default", threshold: float | None = None,
                 title: bool = True, byline: bool = True, comments: bool = False,
                 fallback: bool = True, templates: SiteTemplates | None = None) -> None:
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
        self.comments = comments
        self.fallback = fallback
        self.templates = templates

    @cached_property
    def ruleset(self) -> RuleSet:
        """The compiled rules (raises :class:`cleaner.RuleError` for a bad rule file)."""
        return RuleSet.load(builtin=self.builtin, site=self.site, user_files=self.rules)

    @cached_property
    def scorer(self) -> LineScorer:
        """The scorer for lines no hard rule decided."""
        return resolve_scorer(self.model)

    def analyze(self, text: str | bytes, url: str | None = None) -> Analysis:
        """Label every line of ``text`` and say why (``url``: where the page is from,
        for the site templates)."""
        doc, hits, scores, page = self._label(text, url)
        keep = self._keep()
        lines = tuple(LineResult(i, doc.lines[i], label, page.content[i] and label in keep,
                                 line_score(hits, scores, label, i),
                                 line_reasons(hits, page, self.scorer.name, i))
                      for i, label in enumerate(page.labels))
        return Analysis(lines, hits.errors)

    def clean(self, text: str | bytes, url: str | None = None) -> str:
        """The article text of ``text``: kept lines, verbatim (``url`` as for :meth:`analyze`)."""
        # What analyze(text).text returns, without a record per line.
        doc, _, _, page = self._label(text, url)
        keep = self._keep()
        kept = [content and label in keep for label, content in zip(page.labels, page.content)]
        return assemble(doc.lines, kept, doc.blank)

    def _label(self, text: str | bytes,
               url: str | None = None) -> tuple[Document, RuleHits, Sequence[float], PageLabels]:
        doc = Document.from_text(as_text(text))
        hits = self.ruleset.apply(doc)
        scores = self.scorer.score(doc, hits)
        threshold = self.threshold
        if threshold is None and not self.scorer.learned:
            threshold = self.scorer.threshold
        def decide(hits: RuleHits) -> PageLabels:
            return label_page(doc, hits, scores.content, threshold, promote_title=not self.scorer.learned,
                              fallback=self.fallback, kinds=scores.kinds, comments=scores.comments)

        page = decide(hits)
        if self.templates is not None:
            template = self.templates.repeated(doc, url or self.site)
            # Where every kept line is template, the page is a copy of another, not chrome.
            if any(template) and not all(t for t, kept in zip(template, page.content) if kept):
                hits = with_template(hits, template)
                page = decide(hits)
        return doc, hits, scores.content, page

    def _keep(self) -> set[Label]:
        """The labels whose content lines are kept."""
        keep = {Label.BODY}
        if self.title:
            keep.add(Label.TITLE)
        if self.byline:
            keep.add(Label.BYLINE)
        if self.comments:
            keep.add(Label.COMMENTS)
        return keep
