"""Compiled matchers: phrase keys, phrase tries and time-bounded patterns.

Phrases are compared by :func:`phrase_key` (case-folded, spaces folded, leading
bullets and trailing punctuation dropped), so ``"Skip to content »"`` and
``"skip to content"`` are one phrase. Many ``contains`` phrases compile into one
regular expression built from a trie, so a page costs one search per line
however many phrases the packs hold.

>>> phrase_key("  • Skip to  Content »")
'skip to content'
>>> trie_pattern(["sign up", "sign in", "subscribe"])
's(?:ign\\\\ (?:in|up)|ubscribe)'
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

#: Seconds one pattern may spend on one line before the rule is disabled: far
#: above what any sane pattern needs on a 4 KB line, far below a hang.
PATTERN_TIMEOUT_S = 0.2

_EDGE_PUNCT_LEAD = regex.compile(r"^[\p{P}\p{S}\s]+")
_EDGE_PUNCT_TRAIL = regex.compile(r"[\p{P}\p{S}\s]+$")
_SPACE = regex.compile(r"\s+")


def phrase_key(text: str) -> str:
    """The form in which phrases and lines are compared."""
    text = _SPACE.sub(" ", text.casefold())
    return _EDGE_PUNCT_TRAIL.sub("", _EDGE_PUNCT_LEAD.sub("", text))


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
    branches = [regex.escape(char) + _trie_to_regex(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in node else body


def compile_contains(phrases: Iterable[str]) -> regex.Pattern[str] | None:
    """A pattern finding any of ``phrases`` (already keyed) on word boundaries."""
    keys = sorted({p for p in phrases if p})
    if not keys:
        return None
    return regex.compile(r"(?<!\w)" + trie_pattern(keys) + r"(?!\w)")


def compile_pattern(pattern: str, case_sensitive: bool) -> regex.Pattern[str]:
    """Compile a rule's pattern; raises :class:`regex.error` when it is invalid."""
    flags = regex.UNICODE | (0 if case_sensitive else regex.IGNORECASE)
    return regex.compile(pattern, flags)
