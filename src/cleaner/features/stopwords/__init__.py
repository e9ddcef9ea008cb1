"""Stoplists for the major languages, as data files (``<lang>.txt``, one word per
whitespace-separated token), loaded once.

The features use their union, whatever the page's language: a line's share
of stopwords is high for prose in any of them and low for chrome. A word put
in any list counts on every page, so one that is also a frequent English
token ("ve" of "I've", "met", "Sen.") would make English chrome look like
prose.

>>> "the" in stopwords()
True
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The union of all shipped stoplists, case-folded."""
    words: set[str] = set()
    for entry in resources.files(__name__).iterdir():
        if entry.name.endswith(".txt"):
            words.update(w.casefold() for w in entry.read_text(encoding="utf-8").split())
    return frozenset(words)
