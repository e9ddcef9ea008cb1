"""Site templates: the lines a site repeats on many of its pages are its chrome.

One page shows its template only through how the lines look; many pages of
one site show it outright. A blog's "About me" blurb, its sidebar blurbs and
its footer recur word for word on each of its pages, while each post is its
own. That is where a page's look misleads most: a well-written author bio
under a short post reads like the post. Over a crawl, a line found next to
the same neighbour on :data:`TEMPLATE_PAGES` pages of one site or more is
taken for the site's template and dropped, as a hard rule would drop it
(reason ``site.template``).

Two passes: :meth:`SiteTemplates.add` every page first (what is kept is an
8-byte fingerprint and a count per distinct pair of neighbouring lines), then
clean each page with a :class:`cleaner.Cleaner` given the templates and the
page's URL. A page whose every kept line is template is a copy of another
page (the same post at a second address), not a page of chrome: there the
templates are not applied.

>>> pages = [f"A post on topic {n}, written out in full sentences for the reader.\\n"
...          "Jane writes about gardens and the weather from a small town by the sea.\\n"
...          "She lives there with two cats, a boat and far too many books."
...          for n in range(3)]
>>> templates = SiteTemplates.from_pages((page, "https://example.org/") for page in pages)
>>> from cleaner import Cleaner
>>> Cleaner(templates=templates).clean(pages[0], url="https://example.org/post-0")
'A post on topic 0, written out in full sentences for the reader.'
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np

from cleaner.decode import as_text
from cleaner.labels import Label
from cleaner.lines import Document
from cleaner.rules.engine import RuleHits, site_of
from cleaner.rules.schema import Rule

#: A line next to the same neighbour on this many pages of one site (counting
#: the page being cleaned) is the site's template: two other pages, so that a
#: post published at two addresses keeps its lines.
TEMPLATE_PAGES = 3
#: Shorter lines ("Read more", "Photo: Reuters", a date) recur in articles as
#: well as in templates, and the rules and the model read them well already.
TEMPLATE_MIN_CHARS = 20

#: The hard decision a template line gets, listed among the line's reasons.
TEMPLATE_RULE = Rule(
    id="site.template", label=Label.OTHER, kind="template",
    description=f"A line found next to the same neighbour on {TEMPLATE_PAGES} or more pages "
                "of the page's site: its template.")


class SiteTemplates:
    """Fingerprints of the lines of many pages, counted per site.

    ``min_pages``: on how many pages of a site a line must be found next to the
    same neighbour to be its template; ``min_chars``: shorter lines are never template.
    Add every page, then ask: the first question after an add sorts all the
    counts again, so adding and asking by turns costs a sort per page.
    """

    def __init__(self, min_pages: int = TEMPLATE_PAGES, min_chars: int = TEMPLATE_MIN_CHARS) -> None:
        if min_pages < 2:
            raise ValueError(f"min_pages must be at least 2, got {min_pages}")
        self.min_pages = min_pages
        self.min_chars = min_chars
        self._chunks: list[np.ndarray] = []
        self._keys = np.zeros(0, dtype=np.uint64)
        self._counts = np.zeros(0, dtype=np.int64)
        self.pages = 0

    @classmethod
    def from_pages(cls, pages: Iterable[tuple[str | bytes, str | None]], **params: int) -> SiteTemplates:
        """Templates of ``(text, url)`` pairs; ``params`` as for the constructor.

        >>> SiteTemplates.from_pages([("Hello there", "example.org")]).pages
        1
        """
        templates = cls(**params)
        for text, url in pages:
            templates.add(text, url)
        return templates

    def add(self, text: str | bytes, url: str | None = None) -> None:
        """Count the lines of one page under its site (``url``: a URL or domain; None: one
        site for all pages without one). A line repeated within the page counts once.

        >>> t = SiteTemplates(); t.add("Same line twice over, a sidebar.\\nSame line twice over, a sidebar.")
        >>> t.pages
        1
        """
        doc = Document.from_text(as_text(text))
        _, keys = self._pairs(doc.norm, url)
        if len(keys):
            self._chunks.append(np.unique(keys))
        self.pages += 1

    def repeated(self, doc: Document, url: str | None = None) -> list[bool]:
        """Which lines of ``doc`` are its site's template.

        >>> t = SiteTemplates.from_pages([("Subscribe to the Weekly Gardener\\nHi", "a.org")] * 3)
        >>> t.repeated(Document.from_text("Subscribe to the Weekly Gardener\\nHi\\nHi"), "a.org")
        [True, False, False]
        """
        self._merge()
        mask = [False] * len(doc.norm)
        lines, keys = self._pairs(doc.norm, url)
        if not len(self._keys) or not len(keys):
            return mask
        at = np.minimum(np.searchsorted(self._keys, keys), len(self._keys) - 1)
        common = (self._keys[at] == keys) & (self._counts[at] >= self.min_pages)
        for n, i in enumerate(lines):
            if len(doc.norm[i]) >= self.min_chars and ((n > 0 and common[n - 1]) or (n < len(common) and common[n])):
                mask[i] = True
        return mask

    def _merge(self) -> None:
        """Fold the pages added since the last query into the sorted counts."""
        if not self._chunks:
            return
        keys = np.concatenate([self._keys, *self._chunks])
        counts = np.concatenate([self._counts] + [np.ones(len(c), dtype=np.int64) for c in self._chunks])
        self._chunks = []
        order = np.argsort(keys, kind="stable")
        keys, counts = keys[order], counts[order]
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        self._keys, self._counts = keys[starts], np.add.reduceat(counts, starts)

    @staticmethod
    def _pairs(norm: Sequence[str], url: str | None) -> tuple[list[int], np.ndarray]:
        """The page's non-blank lines, and a fingerprint of each pair of neighbours among them.

        Pairs, not lines: a post's headline and first paragraph recur on the
        site's other pages too (in their "recent posts" lists and teasers), but
        next to other titles; in the post they stand next to its own lines. A
        template line stands next to the same line on every page. The site is
        part of the fingerprint: another site's same lines are other lines.
        """
        site = site_of(url) if url else ""
        lines = [i for i, line in enumerate(norm) if line]
        digests = b"".join(hashlib.blake2b(f"{site}\n{norm[a]}\n{norm[b]}".encode("utf-8", "surrogatepass"),
                                           digest_size=8).digest() for a, b in zip(lines, lines[1:]))
        return lines, np.frombuffer(digests, dtype=np.uint64)


def with_template(hits: RuleHits, template: Sequence[bool]) -> RuleHits:
    """``hits`` with :data:`TEMPLATE_RULE` deciding the template lines no hard rule decided."""
    fired = tuple((TEMPLATE_RULE,) + rules if is_template else rules
                  for rules, is_template in zip(hits.fired, template))
    winner = tuple(TEMPLATE_RULE if is_template and rule is None else rule
                   for rule, is_template in zip(hits.winner, template))
    return RuleHits(fired, winner, hits.errors)
