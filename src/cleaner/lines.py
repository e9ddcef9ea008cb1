"""Text to lines: segmentation and the normalised form rules and features read.

Lines break at everything :meth:`str.splitlines` knows (``\\n``, ``\\r\\n``,
``\\r``, U+2028, U+2029, form feed, vertical tab, NEL and the file separators).
Each line keeps its original text for output; matching uses a normalised copy
with zero-width characters removed, NBSP and other spaces folded to one space
and ends stripped, cut to :data:`MATCH_CHARS` so a 50 MB line costs no more to
match than a long paragraph.

>>> doc = Document.from_text("Title\\r\\n\\u00a0\\u00a0Body\\u200b text\\u2028")
>>> doc.lines, doc.norm
(('Title', '\\xa0\\xa0Body\\u200b text'), ('Title', 'Body text'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

#: Normalised lines are cut to this many characters: chrome lines are short, and
#: what a rule needs to see of a long line is in its first few thousand characters.
MATCH_CHARS = 4096

_ZERO_WIDTH = regex.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = regex.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Leading space is skipped before the cut, so a long indent cannot blank a line.
_LEADING = regex.compile(r"[\s\u00a0\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff\u00ad]*")
# Every character normalise folds, removes or strips but the plain space (what
# str.strip and the patterns above count as space); line breaks too, but for
# \n and \r, which a page holds between its lines.
_UNUSUAL = re.compile("[\t\x0b\x0c\x1c-\x1f\x85\xa0\xad\u1680\u2000-\u200d\u2028\u2029"
                      "\u202f\u205f\u2060\u3000\ufeff]")


def normalise(line: str) -> str:
    """The form of a line that rules and features see.

    >>> normalise("\\t Skip\\u00a0to\\u200b content  ")
    'Skip to content'
    """
    start = _LEADING.match(line).end()  # type: ignore[union-attr]
    head = line[start: start + MATCH_CHARS * 2]
    if head.isascii() and "  " not in head and "\t" not in head:
        # Most lines: nothing to fold but the ends (no NBSP, zero-width or tabs in ASCII).
        return head.strip(" \x0b\x0c\x1c\x1d\x1e\x1f\x85")[:MATCH_CHARS]
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", head)).strip()[:MATCH_CHARS]


def _plain(text: str) -> bool:
    """Whether ``text`` has no space but single plain spaces (and line breaks), so that
    normalising each of its lines only strips a space from either end."""
    return "  " not in text and _UNUSUAL.search(text) is None


@dataclass(frozen=True)
class Document:
    """A page split into lines: original text, normalised text, blank mask.

    >>> Document.from_text("a\\n\\nb").blank
    (False, True, False)
    """

    lines: tuple[str, ...]
    norm: tuple[str, ...]

    @classmethod
    def from_text(cls, text: str) -> Document:
        raw = tuple(text.splitlines())
        # Most pages, and most lines of the others, are plain: one test for the page saves
        # one per line.
        plain = _plain(text)
        return cls(raw, tuple([line.strip(" ")[:MATCH_CHARS] if plain or _plain(line)
                               else normalise(line) for line in raw]))

    @property
    def blank(self) -> tuple[bool, ...]:
        return tuple(not n for n in self.norm)

    def __len__(self) -> int:
        return len(self.lines)
