"""Word evidence: which words sit in an article's lines and which in chrome, learned.

A line's words tell what kind of line it is in a way its shape cannot:
"subscribe", "archives", "password" and "trackback" are chrome's words,
"although", "therefore" and "said" prose's. The lexicon holds, for each word
of the train split's lines, its log-odds of standing on a gold line, smoothed
towards the prior by ``PRIOR`` pseudo-occurrences and relative to it (0 is no
evidence). Learned from data, kept as data (a model file's ``lexicon``: words
and weights, readable).

Only words seen on at least ``MIN_SITES`` sites are kept, so that one site's
template, its names and its topics stay out: a lexicon is meant for sites it
has not seen. Tokens holding a digit are left out too: years and dates tell
when a corpus was crawled, not what a line is (the date shape is a feature of
its own). Words the lexicon does not hold weigh 0, so text in a language it
does not know is neutral rather than suspect.

>>> lexicon = Lexicon({"subscribe": -3.0, "although": 2.0})
>>> from cleaner.features.shape import shape_stats
>>> s = shape_stats(["Subscribe now", "Although it rained, they met."], lexicon)
>>> s["lex_mean"].tolist(), s["lex_min"].tolist(), s["lex_max"].tolist()
([-1.5, 0.4], [-3.0, 0.0], [0.0, 2.0])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property

import numpy as np

from cleaner.features.shape import line_tokens, word_hashes

#: A word must be seen on this many sites of the training pages to be kept.
MIN_SITES = 30
#: Pseudo-occurrences pulling a word's odds towards the prior: a word seen a
#: few times says little. On the train split's out-of-fold token F1 (a one-stage
#: probe, one rendering) 5, 10, 20, 40 and 80 scored within 0.4 point of one
#: another, with no trend (``benchmarks/RESULTS.md``, stop 17).
PRIOR = 10.0
#: Weights are stored to this many decimals, in memory as in the model file, so
#: that a model trained in memory scores as its saved file does.
DECIMALS = 3


class Lexicon:
    """Words and their weights; scores lines by the words on them.

    >>> Lexicon({"rss": -2.5}).weight("rss"), Lexicon({"rss": -2.5}).weight("prose")
    (-2.5, 0.0)
    """

    def __init__(self, weights: Mapping[str, float]) -> None:
        self.weights = dict(sorted(weights.items()))

    def weight(self, word: str) -> float:
        """The weight of one (lower-cased) word; 0 where the lexicon does not hold it."""
        return self.weights.get(word, 0.0)

    @cached_property
    def _table(self) -> tuple[np.ndarray, np.ndarray]:
        """The words' token hashes, sorted, and their weights in that order."""
        hashes = word_hashes(list(self.weights))
        order = np.argsort(hashes)
        return hashes[order], np.fromiter(self.weights.values(), float, count=len(hashes))[order]

    def line_scores(self, owner: np.ndarray, hashes: np.ndarray,
                    m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per line: the mean weight of its tokens, the lowest (at most 0) and the
        highest (at least 0); ``owner`` and ``hashes`` give each token's line (in
        order) and hash, ``m`` the number of lines."""
        mean, low, high = np.zeros(m), np.zeros(m), np.zeros(m)
        known, table = self._table
        if not len(hashes) or not len(known):
            return mean, low, high
        at = np.minimum(np.searchsorted(known, hashes), len(known) - 1)
        weights = np.where(known[at] == hashes, table[at], 0.0)
        mean = np.bincount(owner, weights=weights, minlength=m) / np.maximum(
            np.bincount(owner, minlength=m), 1)
        # Tokens come in line order: each line's run starts where the owner changes.
        first = np.flatnonzero(np.diff(owner, prepend=-1))
        low[owner[first]] = np.minimum(np.minimum.reduceat(weights, first), 0.0)
        high[owner[first]] = np.maximum(np.maximum.reduceat(weights, first), 0.0)
        return mean, low, high

    def to_dict(self) -> dict[str, float]:
        return dict(self.weights)

    @classmethod
    def from_dict(cls, data: Mapping[str, float]) -> Lexicon:
        """The lexicon :meth:`to_dict` wrote; raises ValueError on a malformed one."""
        if not isinstance(data, Mapping):
            raise ValueError("a lexicon is an object of words and weights")
        return cls({str(word): float(weight) for word, weight in data.items()})


def learn_lexicon(pages: Iterable[tuple[str, Sequence[str], Sequence[bool]]],
                  min_sites: int = MIN_SITES, prior: float = PRIOR) -> Lexicon:
    """The lexicon of ``pages``: each a site, its lines, and whether each line is gold.

    Pass only the lines the model is to decide (not those a hard rule drops):
    words on those are the evidence the model lacks.

    >>> pages = [(f"site{k}", ["Subscribe to our newsletter", "The vote was close."],
    ...           [False, True]) for k in range(3)]
    >>> lexicon = learn_lexicon(pages, min_sites=3, prior=1.0)
    >>> lexicon.weight("subscribe") < 0 < lexicon.weight("vote")
    True
    """
    hashes: list[np.ndarray] = []
    gold: list[np.ndarray] = []
    sites: list[np.ndarray] = []
    words: dict[int, str] = {}
    site_ids: dict[str, int] = {}
    for site, lines, truth in pages:
        owner, page_hashes, digit, page_words = line_tokens(list(lines))
        keep = ~digit
        hashes.append(page_hashes[keep])
        gold.append(np.asarray(truth, dtype=bool)[owner[keep]])
        sites.append(np.full(int(keep.sum()), site_ids.setdefault(site, len(site_ids))))
        words.update(zip(page_hashes[keep].tolist(), (w for w, k in zip(page_words, keep) if k)))
    if not hashes or not sum(map(len, hashes)):
        return Lexicon({})
    every, on_gold, site_of = np.concatenate(hashes), np.concatenate(gold), np.concatenate(sites)
    unique, inverse = np.unique(every, return_inverse=True)
    in_gold = np.bincount(inverse, weights=on_gold, minlength=len(unique))
    in_chrome = np.bincount(inverse, weights=~on_gold, minlength=len(unique))
    pairs = np.unique(inverse.astype(np.int64) * len(site_ids) + site_of)
    n_sites = np.bincount(pairs // len(site_ids), minlength=len(unique))
    share = float(on_gold.mean())
    if share in (0.0, 1.0):
        return Lexicon({})
    odds = (np.log((in_gold + prior * share) / (in_chrome + prior * (1 - share)))
            - np.log(share / (1 - share)))
    kept = np.flatnonzero(n_sites >= min_sites)
    return Lexicon({words[int(unique[k])]: round(float(odds[k]), DECIMALS) for k in kept})
