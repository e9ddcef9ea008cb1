"""Compiled matchers: phrase keys, phrase tries and time-bounded patterns.

Phrases are compared by :func:`phrase_key` (case-folded, spaces folded, leading
bullets and trailing punctuation dropped), so ``"Skip to content »"`` and
``"skip to content"`` are one phrase. Many literals (``contains`` phrases, pattern
keywords) compile into one trie-shaped expression that finds every occurrence,
overlapping ones included, in one scan of the whole page. Literal tries cannot
backtrack badly, so they use the standard :mod:`re`, three times faster here
than ``regex``; rule patterns use ``regex`` for its timeout and Unicode classes.

>>> phrase_key("  • Skip to  Content »")
'skip to content'
>>> trie_pattern(["sign up", "sign in", "subscribe"])
's(?:ign\\\\ (?:in|up)|ubscribe)'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

import regex

#: Seconds one pattern may spend on one line before the rule is disabled: far
#: above what any sane pattern needs on a 4 KB line, far below a hang.
PATTERN_TIMEOUT_S = 0.2

_EDGE_PUNCT_LEAD = regex.compile(r"^[\p{P}\p{S}\s]+")
_EDGE_PUNCT_TRAIL = regex.compile(r"[\p{P}\p{S}\s]+$")
_SPACE = regex.compile(r"\s+")


def phrase_key(text: str) -> str:
    """The form in which phrases and lines are compared."""
    text = text.casefold()
    if not text or not (text[0].isalnum() and text[-1].isalnum()) or "  " in text \
            or not text.isprintable():
        text = _SPACE.sub(" ", text)
        text = _EDGE_PUNCT_TRAIL.sub("", _EDGE_PUNCT_LEAD.sub("", text))
    return text


class LiteralScanner:
    """Finds every occurrence of many literals in the lines of a page.

    With ``words=True`` an occurrence must stand on word boundaries. Because the
    trie prefers the longest literal at a position, the literals that are
    prefixes of it (and, for words, end on a boundary there) are reported too.

    >>> scan = LiteralScanner(["sign", "sign up", "up"], words=True)
    >>> [sorted(found) for found in scan.find(["please sign up", "signal"])]
    [['sign', 'sign up', 'up'], []]
    """

    def __init__(self, literals: Iterable[str], *, words: bool) -> None:
        self.literals = sorted({x for x in literals if x})
        body = trie_pattern(self.literals)
        if words:
            body = r"(?<!\w)(" + body + r")(?!\w)"
        else:
            body = "(" + body + ")"
        self._pattern = re.compile(body) if self.literals else None
        self._also = {
            lit: [p for p in self.literals
                  if lit.startswith(p) and (not words or len(p) == len(lit)
                                            or not (lit[len(p)].isalnum() or lit[len(p)] == "_"))]
            for lit in self.literals
        }

    def find(self, lines: Sequence[str]) -> list[set[str]]:
        """For each line, the set of literals occurring in it (lines must not hold newlines)."""
        found: list[set[str]] = [set() for _ in lines]
        if self._pattern is None or not lines:
            return found
        starts = []
        offset = 0
        for line in lines:
            starts.append(offset)
            offset += len(line) + 1
        text = "\n".join(lines)
        pattern = self._pattern
        for match in pattern.finditer(text):
            hits = [match]
            # A scan does not look inside its own matches; literals that start
            # there are found by matching at each inner position.
            at, end = match.start() + 1, match.end()
            while at < end:
                inner = pattern.match(text, at)
                if inner is not None:
                    hits.append(inner)
                    end = max(end, inner.end())
                at += 1
            for hit in hits:
                found[bisect_right(starts, hit.start()) - 1].update(self._also[hit.group(1)])
        return found


def trie_pattern(phrases: Iterable[str]) -> str:
    """One regular-expression alternation, factored as a trie, matching any phrase."""
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_to_regex(trie)


def _trie_to_regex(node: dict[str, dict]) -> str:
    # Recursion is safe here: the depth is one phrase's length.
    branches = [re.escape(char) + _trie_to_regex(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in node else body


def compile_pattern(pattern: str, case_sensitive: bool) -> regex.Pattern[str]:
    """Compile a rule's pattern; raises :class:`regex.error` when it is invalid."""
    flags = regex.UNICODE | (0 if case_sensitive else regex.IGNORECASE)
    return regex.compile(pattern, flags)
