"""Compiled matchers: phrase keys, literal scanners and time-bounded patterns.

Phrases are compared by :func:`phrase_key` (case-folded, spaces folded, leading
bullets and trailing punctuation dropped), so ``"Skip to content »"`` and
``"skip to content"`` are one phrase. Many literals (``contains`` phrases, pattern
keywords) are found together, every occurrence in one scan of the whole page,
by an Aho-Corasick automaton: a literal set cannot backtrack, and the automaton
scans three to four times faster than the same set as one regular expression.
Rule patterns use ``regex`` for its timeout and Unicode classes.

>>> phrase_key("  • Skip to  Content »")
'skip to content'
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate, repeat

import ahocorasick
import regex

#: Seconds one pattern may spend on one line before the rule is disabled: far
#: above what any sane pattern needs on a 4 KB line, far below a hang.
PATTERN_TIMEOUT_S = 0.2

_EDGE_PUNCT_LEAD = regex.compile(r"^[\p{P}\p{S}\s]+")
_EDGE_PUNCT_TRAIL = regex.compile(r"[\p{P}\p{S}\s]+$")
_SPACE = regex.compile(r"\s+")
_ASCII_EDGE = "".join(c for c in map(chr, range(32, 127)) if not c.isalnum())


def phrase_key(text: str) -> str:
    """The form in which phrases and lines are compared."""
    return folded_key(text.casefold())


def folded_key(folded: str) -> str:
    """:func:`phrase_key` of a text that is already case-folded (folding twice changes nothing)."""
    # Each step runs only where it can change something: every space but the
    # plain one is unprintable, and no letter or digit is punctuation or a symbol.
    if "  " in folded or not folded.isprintable():
        folded = _SPACE.sub(" ", folded)
    elif folded.isascii():
        # Printable ASCII: all that is not a letter or digit is punctuation, a
        # symbol or the space.
        return folded.strip(_ASCII_EDGE)
    if folded and not folded[0].isalnum():
        folded = _EDGE_PUNCT_LEAD.sub("", folded)
    if folded and not folded[-1].isalnum():
        folded = _EDGE_PUNCT_TRAIL.sub("", folded)
    return folded


def folded_keys(lines: Sequence[str], limit: int) -> list[str]:
    """The :func:`folded_key` of each of the case-folded ``lines`` that is at most
    ``limit`` long; longer lines stand as they are.

    >>> folded_keys(["skip to content »", "- menu", "see more on the next page »"], 20)
    ['skip to content', 'menu', 'see more on the next page »']
    """
    if all(map(str.isascii, lines)) and all(map(str.isprintable, lines)) \
            and not any(map(str.__contains__, lines, repeat("  "))):
        # Plain ASCII lines (most pages): each takes folded_key's fast path.
        return [line.strip(_ASCII_EDGE) if len(line) <= limit else line for line in lines]
    return [folded_key(line) if len(line) <= limit else line for line in lines]


class LiteralScanner:
    """Finds every occurrence of many literals in the lines of a page.

    One Aho-Corasick automaton (:mod:`ahocorasick`) holds the literals and
    reports every occurrence, overlapping ones included, in one pass over the
    page. With ``words=True`` an occurrence must stand on word boundaries (the
    characters around it are not letters, digits or ``_``, as for ``\\w``).

    >>> scan = LiteralScanner(["sign", "sign up", "up"], words=True)
    >>> {i: sorted(found) for i, found in scan.find(["please sign up", "signal"]).items()}
    {0: ['sign', 'sign up', 'up']}
    """

    def __init__(self, literals: Iterable[str], *, words: bool) -> None:
        self.literals = sorted({x for x in literals if x})
        self.words = words
        self._automaton: ahocorasick.Automaton | None = None
        if self.literals:
            self._automaton = ahocorasick.Automaton()
            for literal in self.literals:
                self._automaton.add_word(literal, (len(literal) - 1, literal))
            self._automaton.make_automaton()

    def find(self, lines: Sequence[str]) -> dict[int, set[str]]:
        """The literals occurring in each line that holds any, by line index
        (lines must not hold newlines)."""
        found: dict[int, set[str]] = {}
        if self._automaton is None or not lines:
            return found
        starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        text = "\n".join(lines)
        last = len(text) - 1
        words = self.words
        for end, (span, literal) in self._automaton.iter(text):
            start = end - span
            if words and ((start and _is_word(text[start - 1]))
                          or (end < last and _is_word(text[end + 1]))):
                continue
            found.setdefault(bisect_right(starts, start) - 1, set()).add(literal)
        return found


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def compile_pattern(pattern: str, case_sensitive: bool) -> regex.Pattern[str]:
    """Compile a rule's pattern; raises :class:`regex.error` when it is invalid."""
    flags = regex.UNICODE | (0 if case_sensitive else regex.IGNORECASE)
    return regex.compile(pattern, flags)


def line_start_pattern(pattern: str, case_sensitive: bool) -> regex.Pattern[str] | None:
    """``pattern`` compiled to find its matches in many lines at once, where it can.

    That takes a pattern that matches only at the start of a line (it opens with
    ``^`` and has no ``|`` outside a group) and sees nothing beyond the line it
    matches in (see :func:`_line_local`). Then ``\\n(?:pattern)``, searched in
    the lines joined by newlines with one more in front, matches after just the
    newlines of the lines where ``pattern`` matches alone, and the search jumps
    from newline to newline instead of being called once per line.

    >>> line_start_pattern(r"^skip to (content|menu)\\b", False).pattern
    '\\\\n(?:^skip to (content|menu)\\\\b)'
    >>> line_start_pattern(r"^[^.]+$", False), line_start_pattern(r"^a|b", False)
    (None, None)
    """
    if not (pattern.startswith("^") and _line_local(pattern)):
        return None
    flags = regex.UNICODE | regex.MULTILINE | (0 if case_sensitive else regex.IGNORECASE)
    try:
        return regex.compile(r"\n(?:" + pattern + ")", flags)
    except regex.error:
        return None  # not a valid pattern: compile_pattern says why


# What a line-local pattern may hold. Escapes: classes that cannot match a
# newline, word boundaries, and escaped punctuation (checked apart). Groups:
# non-capturing, capturing, named, atomic, look-arounds and case-insensitive
# ones. Unicode properties: general categories (a newline is a control, Cc).
_LOCAL_ESCAPES = frozenset("dwSbB")
_LOCAL_GROUP = regex.compile(r"\?(?:[:=!>]|<[=!]|P?<\w+>|i[:)])")
_LOCAL_PROPERTY = regex.compile(
    r"p(?:\{(?:L[ultmo]?|N[dlo]?|P[cdsefio]?|S[mcko]?|M[nce]?)\}|[LNPSM])")
_QUANTIFIER = regex.compile(r"\{\d*,?\d*\}")


def _line_local(pattern: str) -> bool:
    """Whether ``pattern`` sees nothing beyond the line it matches in, and has no
    ``|`` outside a group.

    Nothing in such a pattern can match a newline, and what ``^``, ``$``
    (multiline), ``\\b`` and look-arounds see at a line's ends is the same for a
    newline as for the ends of the string. The test is conservative: what it
    does not know (negated classes, ``\\s``, ``\\A``, inline flags but ``i``,
    fuzzy matching, back-references...) makes it say no.

    >>> _line_local(r"^(sign up|log in)\\b"), _line_local(r"^[^.]+$"), _line_local(r"a\\s+b")
    (True, False, False)
    """
    depth, i, n = 0, 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char < " " or (char == "|" and depth == 0):
            return False  # a control character (a newline maybe), or a top-level branch
        if char == "\\":
            size = _local_escape(pattern, i + 1)
            if not size:
                return False
            i += 1 + size
            continue
        if char == "[":
            i = _local_class_end(pattern, i + 1)
            if i < 0:
                return False
        elif char == "(":
            depth += 1
            if pattern.startswith("?", i + 1):
                group = _LOCAL_GROUP.match(pattern, i + 1)
                if group is None:
                    return False
                i = group.end() - 1
                depth -= pattern[i] == ")"  # (?i) opens no group
        elif char == ")":
            depth -= 1
        elif char == "{" and not _QUANTIFIER.match(pattern, i):
            return False  # fuzzy matching, or a brace regex may read either way
        i += 1
    return True


def _local_escape(pattern: str, i: int) -> int:
    """The length of the line-local escape that starts at ``pattern[i]`` (after the
    backslash), or 0."""
    if i >= len(pattern):
        return 0
    char = pattern[i]
    if char in _LOCAL_ESCAPES or (" " <= char and not char.isalnum() and char != "_"):
        return 1
    prop = _LOCAL_PROPERTY.match(pattern, i)
    return prop.end() - i if prop else 0


def _local_class_end(pattern: str, i: int) -> int:
    """The index of the ``]`` that closes the line-local class whose body starts at
    ``pattern[i]``, or -1 (a negated or nested class, or an escape not line-local)."""
    if pattern.startswith("^", i):
        return -1
    if pattern.startswith("]", i):
        i += 1  # a leading "]" is literal
    while i < len(pattern):
        char = pattern[i]
        if char == "]":
            return i
        if char < " " or char == "[":
            return -1
        if char == "\\":
            size = _local_escape(pattern, i + 1)
            if not size:
                return -1
            i += 1 + size
        else:
            i += 1
    return -1
