"""Per-line shape statistics of a page, computed once per document as arrays.

The non-blank normalised lines are joined into one string. Character and
token statistics come from its code points as one numpy array: a table gives
each character's classes (word, digit, case, CJK), tokens are the runs of word
characters, and sums per line are ``numpy.bincount`` over the line each
character is on. Pattern statistics are one pass of one compiled pattern over
the page (those that need a digit only over the lines that hold one); match
positions are mapped back to lines with a binary search. There is no Python
loop per line and pattern, nor per token or character, which is what made a
first probe five times too slow.

CJK text has no spaces, so ``\\w+`` sees a sentence as one token; such
characters are counted on their own and two of them count as one word. Thai,
Lao, Khmer and Burmese are written without spaces between words too (a space
ends a clause), but with an alphabet: four of their characters count as a
word, and their vowel signs are letters of no token.
Combining marks (Unicode category M) are word characters too: ``\\w`` leaves
them out, which cut Hindi and other Indic words apart at every vowel sign and
counted the signs as punctuation.

The stoplists cover a dozen languages. On a page whose prose holds almost
none of their words, its own frequent short words without a capital stand in:
in any language the commonest words are its function words. With the
stoplists switched off, English pages scored by these alone lose nothing
(validation token F1 of stop 19's models: 0.921 with the stoplists, 0.874
without, 0.922 with the page's own).

Tokens are compared (with the stoplists, with each other) by a 64-bit hash of
their lower-cased code points, computed for all tokens at once; no token is cut
out as a string. A character whose lower case is two characters (the dotted
capital I) keeps its own code, so, as with ``str.lower``, such a token matches no
stopword.

A short line's template is its tokens with every run of numbers and every run
of capitalised words (names, months) standing for one slot: "Posted by Jane
Doe at 10:32 AM" and "Posted by Li Wei at 9:05 PM" share one. Comment threads
repeat one signature per comment; an article's lines seldom share a template.

>>> s = shape_stats(["Hello, world.", "東京は晴れです"])
>>> s["words"].tolist(), s["terminal"].tolist()
([2.0, 3.5], [1.0, 0.0])
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from operator import itemgetter, methodcaller
import re
from typing import TYPE_CHECKING
from unicodedata import category

import numpy as np

from cleaner.features.stopwords import stopwords

if TYPE_CHECKING:
    from cleaner.features.lexicon import Lexicon

#: Lines of at most this many words can be an instance of a template.
TEMPLATE_MAX_WORDS = 15
#: A page whose lines of at least FALLBACK_LONG_LINE tokens hold at least
#: FALLBACK_MIN_TOKENS tokens, fewer than FALLBACK_BELOW of them stopwords, is in a
#: language no stoplist knows (English prose has about 0.45; the corpus's English
#: pages, lists included, all have more than 0.11; Polish, Czech, Finnish, Turkish,
#: Indonesian and Vietnamese prose have 0 to 0.09). Its own words of at most
#: FALLBACK_MAX_LEN characters seen FALLBACK_MIN_COUNT times then count as stopwords too.
FALLBACK_LONG_LINE = 10
FALLBACK_MIN_TOKENS = 30
FALLBACK_BELOW = 0.15
FALLBACK_MAX_LEN = 4
FALLBACK_MIN_COUNT = 2
#: Multipliers of the token and template hashes (odd, so that their powers modulo
#: 2**64 stay distinct; the token one is large, so that code points mix).
_TOKEN_BASE = np.uint64(0x9E3779B97F4A7C15)
_TEMPLATE_BASE = np.uint64(1_000_003)

#: Characters of scripts written without spaces, and how many make a word.
CJK_CHARS_PER_WORD = 2.0
_CJK_RANGES = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
#: Alphabets written without spaces between words (Thai, Lao, Burmese, Khmer): their
#: words are some three to five characters, vowel and tone signs included.
SPACELESS_CHARS_PER_WORD = 4.0
_SPACELESS_RANGES = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\ua9e0-\ua9ff\uaa60-\uaa7f"
# Plain patterns use the standard re, several times faster than regex on them.
_CJK = re.compile(f"[{_CJK_RANGES}]")
_SPACELESS = re.compile(f"[{_SPACELESS_RANGES}]")
_CJK_STOP = re.compile("[的了是在和有也就都而及与之其のはがをにでとも]")
# A character of a word token: tokens are runs of them.
_WORD = re.compile(f"[^\\W{_CJK_RANGES}]")
_DIGIT = re.compile(r"\d")
# These run on the lower-cased text, so they need no case flag. A shape with
# several forms is several patterns, each opening with a fixed character or set:
# re jumps to the next place such a pattern can start, but tries a pattern of
# several branches at every character.
_URL = (re.compile(r"https?://"), re.compile(r"www\."),
        re.compile(r"\.(?:com|org|net|html?|php)\b"))
_EMAIL = re.compile(r"@(?<=\w@)[\w-]+\.\w")
_HANDLE = (re.compile(r"@(?<!\w@)\w"), re.compile(r"#(?<!\w#)\w"))
_PRICE = (re.compile(r"[$€£¥] ?\d"), re.compile(r"\d ?(?:€|\$|eur\b|usd\b)"))
# Starting with one character class (the times' common first digit) lets re scan for it.
_TIME = re.compile(r"\d(?::\d\d\b| (?:min|mins|minutes|hours?|days?) ago\b)")
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
# Two date patterns, each starting with what re can scan for quickly.
_DATE_NUMERIC = re.compile(r"\d(?:\d{3}-\d\d-\d\d|[/.]\d{1,2}[/.]\d\d| (?:" + _MONTHS + "))")
_DATE_MONTH = re.compile(r"(?<![a-z])(?:" + _MONTHS + r")[a-z]*\.? \d")
# A bullet opens its line: searched for in the text with a newline in front, where
# each line starts after a newline, so that re jumps from newline to newline.
_BULLET = re.compile(r"\n(?:[-*•·▪►◦‣–—>]|\d{1,3}[.)]|[a-z][.)]) ")
_SEPARATORS = re.compile(r"[|•·/»›]")
# Sentence ends of other scripts too: the Devanagari danda, Arabic's question
# mark, the Urdu, Armenian, Ethiopic, Khmer, Burmese and Tibetan full stops.
_TERMINAL_CHARS = frozenset('.!?。！？…"”’»)।॥؟۔։።។៕။།')
_COLON_CHARS = frozenset(":;,-–—")
#: A line that opens with one of these goes on with the sentence of the line
#: before: a renderer broke the sentence at a link or a bold run (", on the BBC").
_CONTINUING_CHARS = frozenset(",;:.)]}%”’，、。")
#: A line that ends with one of these is cut before its sentence ends.
_JOINING_CHARS = frozenset(",(-–—/&，、")
# A teaser cut short ends in an ellipsis; a sentence seldom does.
_ELLIPSES = ("…", "...", "…]", "...]", "…)", "...)")

# Character classes, one bit each.
_IS_WORD, _IS_DIGIT, _IS_CJK, _IS_UPPER, _IS_LOWER_OR_TITLE, _IS_SPACELESS = 1, 2, 4, 8, 16, 32

SHAPE_FEATURES = (
    "chars", "words", "tokens", "mean_word_len", "stop_share", "terminal", "colon_end", "ellipsis",
    "cap_share", "upper_share", "digit_share", "punct_share", "letter_share", "cjk_share",
    "url", "email", "handle", "price", "time", "date", "bullet", "separators", "template_repeat",
    "lex_mean", "lex_min", "lex_max", "continues", "runs_on",
)


def shape_stats(lines: Sequence[str], lexicon: Lexicon | None = None) -> dict[str, np.ndarray]:
    """Shape statistics of each (normalised, non-blank) line, one array per feature.

    With a ``lexicon``, its word evidence too (``lex_mean``, ``lex_min``,
    ``lex_max``: :meth:`cleaner.features.lexicon.Lexicon.line_scores`); without
    one, those columns are zero.
    """
    m = len(lines)
    if m == 0:
        return {name: np.zeros(0) for name in SHAPE_FEATURES}
    page = _Page(lines)
    text = page.text
    lower = text.lower()
    codes, flags, line_at, starts, ends = _scan(text)

    def per_line(chars: np.ndarray) -> np.ndarray:
        """How many characters of each line ``chars`` (a mask) selects."""
        return np.bincount(line_at[chars], minlength=m).astype(float)

    owner = line_at[starts]
    token_len = ends - starts
    # str.isupper of a token: no lower- or title-case character, and an upper-case one.
    upper, lower_or_title = (_counts_before(flags, bit) for bit in (_IS_UPPER, _IS_LOWER_OR_TITLE))
    shouting = ((lower_or_title[ends] == lower_or_title[starts])
                & (upper[ends] > upper[starts]) & (token_len > 1))
    start_flags = flags[starts]
    capital_token = (start_flags & _IS_UPPER).astype(bool)
    hashes = _token_hashes(_lower_codes(codes), starts, token_len)
    stop = _stopword_hashes()
    is_stop = stop[np.minimum(np.searchsorted(stop, hashes), len(stop) - 1)] == hashes
    tokens = np.bincount(owner, minlength=m).astype(float)
    if _knows_no_stopwords(is_stop, tokens[owner]):
        is_stop |= _page_stopwords(hashes, token_len, upper, starts, ends, flags)
    word_chars, stop_count, capital, shouting = (
        np.bincount(owner, weights=values, minlength=m)
        for values in (token_len, is_stop, capital_token, shouting))
    digits = per_line((flags & _IS_DIGIT).astype(bool))
    cjk = per_line((flags & _IS_CJK).astype(bool))
    cjk_stop = page.count(_CJK_STOP, text) if cjk.any() else np.zeros(m)
    spaceless = per_line((flags & _IS_SPACELESS).astype(bool))
    words = tokens + cjk / CJK_CHARS_PER_WORD + spaceless / SPACELESS_CHARS_PER_WORD
    # The model's "CJK" share is of every character that belongs to no spaced word.
    cjk += spaceless
    template_repeat = _template_repeats(owner, hashes, capital_token,
                                        (start_flags & _IS_DIGIT).astype(bool), words)
    chars = page.lengths.astype(float)
    safe_chars = np.maximum(chars, 1.0)
    safe_tokens = np.maximum(tokens, 1.0)
    spaces = per_line(codes == 32)
    letters = np.maximum(word_chars - digits, 0.0) + cjk
    last = list(map(itemgetter(-1), lines))
    continues, runs_on = _sentence_edges(lines, last, page, flags, owner, starts, ends)
    numeric = _numeric_lines(page, lower, digits)
    lex_mean, lex_min, lex_max = (lexicon.line_scores(owner, hashes, m) if lexicon is not None
                                  else (np.zeros(m), np.zeros(m), np.zeros(m)))
    return {
        "chars": chars,
        "words": words,
        "tokens": tokens,
        "mean_word_len": word_chars / safe_tokens,
        "stop_share": np.minimum((stop_count + cjk_stop / CJK_CHARS_PER_WORD)
                                 / np.maximum(words, 1.0), 1.0),
        "terminal": np.fromiter(map(_TERMINAL_CHARS.__contains__, last), float, count=m),
        "colon_end": np.fromiter(map(_COLON_CHARS.__contains__, last), float, count=m),
        "ellipsis": np.fromiter(map(methodcaller("endswith", _ELLIPSES), lines), float, count=m),
        "cap_share": capital / safe_tokens,
        "upper_share": shouting / safe_tokens,
        "digit_share": digits / safe_chars,
        "punct_share": np.maximum(chars - word_chars - cjk - spaces, 0.0) / safe_chars,
        "letter_share": np.minimum(letters / safe_chars, 1.0),
        "cjk_share": cjk / safe_chars,
        "url": page.has(lower, *_URL),
        "email": page.has(lower, _EMAIL, needs="@"),
        "handle": page.has(lower, *_HANDLE, needs="@#"),
        "price": numeric.has(*_PRICE, needs="0123456789"),
        "time": numeric.has(_TIME),
        "date": numeric.has(_DATE_NUMERIC, _DATE_MONTH),
        # Each line has at most one bullet, at its start. A match starts at the
        # newline before its line, which the newline in front puts at the line's start.
        "bullet": page.count(_BULLET, "\n" + text),
        "separators": page.count(_SEPARATORS, lower) / np.maximum(words, 1.0),
        "template_repeat": template_repeat,
        "lex_mean": lex_mean,
        "lex_min": lex_min,
        "lex_max": lex_max,
        "continues": continues,
        "runs_on": runs_on,
    }


def _sentence_edges(lines: Sequence[str], last: list[str], page: _Page, flags: np.ndarray,
                    owner: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where a renderer may have cut a sentence: whether each line opens as the
    continuation of one (a lower-case letter, a comma, a closing bracket or
    quote) and whether it ends mid-sentence (a comma or dash, or a word starting
    with a lower-case letter: "met one another on", not "Home").

    Capitalised words do not end a line mid-sentence here, so a menu of names
    is not read as one sentence; CJK has no case, so only its commas say so.
    """
    m = len(lines)
    continues = _lower(flags[page.starts]) | np.fromiter(
        map(_CONTINUING_CHARS.__contains__, map(itemgetter(0), lines)), bool, count=m)
    # Each line's last token (tokens are in page order), if the line has one and
    # the line ends with it.
    runs_on = np.fromiter(map(_JOINING_CHARS.__contains__, last), bool, count=m)
    if len(owner):
        last_token = np.searchsorted(owner, np.arange(m), side="right") - 1
        has = (last_token >= 0) & (owner[np.maximum(last_token, 0)] == np.arange(m))
        last_token = np.maximum(last_token, 0)
        ends_on_word = has & (ends[last_token] == page.starts + page.lengths)
        runs_on |= ends_on_word & _lower(flags[starts[last_token]])
    return continues.astype(float), runs_on.astype(float)


def _lower(flags: np.ndarray) -> np.ndarray:
    """Which of the characters with class bits ``flags`` are lower-case letters."""
    return (flags & (_IS_WORD | _IS_LOWER_OR_TITLE | _IS_UPPER)) == (_IS_WORD | _IS_LOWER_OR_TITLE)


def line_tokens(lines: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """The word tokens of ``lines``, in order, as :func:`shape_stats` sees them: the
    line each is on, its hash, whether it holds a digit, and its lower-cased text.

    >>> owner, hashes, digit, words = line_tokens(["Posted in 2009", "Read more"])
    >>> owner.tolist(), digit.tolist(), words
    ([0, 0, 0, 1, 1], [False, False, True, False, False], ['posted', 'in', '2009', 'read', 'more'])
    """
    if not lines:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=bool), []
    codes, flags, line_at, starts, ends = _scan("\n".join(lines))
    lowered = _lower_codes(codes)
    digits = _counts_before(flags, _IS_DIGIT)
    text = lowered.tobytes().decode("utf-32-le", "surrogatepass")
    return (line_at[starts], _token_hashes(lowered, starts, ends - starts),
            digits[ends] > digits[starts], [text[a:b] for a, b in zip(starts.tolist(), ends.tolist())])


def word_hashes(words: Sequence[str]) -> np.ndarray:
    """The token hash of each of ``words``, taken as they are (lower-case them first)."""
    codes = np.frombuffer("".join(words).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    return _token_hashes(codes, np.cumsum(lengths) - lengths, lengths)


def _scan(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The text's code points, their class bits, the line each is on (a newline
    counts toward the next; it is in no class), and where its word tokens start and end."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    flags = _char_flags(codes)
    line_at = np.cumsum(codes == 10)
    # Token edges alternate, a start then an end, where the word mask (padded
    # with a non-word on either side) changes.
    word = np.zeros(len(codes) + 2, dtype=bool)
    word[1:-1] = flags & _IS_WORD
    edges = np.flatnonzero(word[1:] != word[:-1])
    return codes, flags, line_at, edges[::2], edges[1::2]


def _knows_no_stopwords(is_stop: np.ndarray, tokens_on_line: np.ndarray) -> bool:
    """Whether the stoplists miss the page's language: its long lines hold enough
    tokens, and few of them are stopwords of any list (``tokens_on_line``: how
    many tokens each token's line holds)."""
    long = tokens_on_line >= FALLBACK_LONG_LINE
    return bool(long.sum() >= FALLBACK_MIN_TOKENS and is_stop[long].mean() < FALLBACK_BELOW)


def _page_stopwords(hashes: np.ndarray, token_len: np.ndarray, upper: np.ndarray,
                    starts: np.ndarray, ends: np.ndarray, flags: np.ndarray) -> np.ndarray:
    """Which tokens are the page's own stopwords: short, without a capital or a digit,
    and on the page at least ``FALLBACK_MIN_COUNT`` times (``upper`` counts the
    capitals before each character)."""
    digits = _counts_before(flags, _IS_DIGIT)
    eligible = np.flatnonzero((upper[ends] == upper[starts]) & (digits[ends] == digits[starts])
                              & (token_len <= FALLBACK_MAX_LEN))
    _, inverse, counts = np.unique(hashes[eligible], return_inverse=True, return_counts=True)
    out = np.zeros(len(hashes), dtype=bool)
    out[eligible] = counts[inverse] >= FALLBACK_MIN_COUNT
    return out


def _counts_before(flags: np.ndarray, bit: int) -> np.ndarray:
    """How many characters of class ``bit`` come before each position (and the
    total last): the characters of ``a:b`` hold one when the counts at ``a`` and
    ``b`` differ."""
    return np.concatenate(([0], np.cumsum((flags & bit).astype(bool))))


def _template_repeats(owner: np.ndarray, hashes: np.ndarray, capital: np.ndarray,
                      digit: np.ndarray, words: np.ndarray) -> np.ndarray:
    """1 for each short line whose template (module docstring) another short line shares.

    ``owner``, ``hashes``, ``capital`` and ``digit`` describe the page's tokens in
    order (their line, hash, and whether they start with a capital or a digit);
    ``words`` is each line's length in words. A slot's code is 1 (numbers), 2
    (names) or a plain word's hash; a template's key is a polynomial in its
    slots' codes, modulo 2**64, plus the number of slots.
    """
    m = len(words)
    out = np.zeros(m)
    on_short = np.flatnonzero(words[owner] <= TEMPLATE_MAX_WORDS)
    if len(on_short) < 2:
        return out
    line = owner[on_short]
    kind = np.where(digit[on_short], 1, np.where(capital[on_short], 2, 0))
    # A number or name after one of its own kind on the same line fills the same slot.
    repeat = np.concatenate(([False], (line[1:] == line[:-1]) & (kind[1:] == kind[:-1])
                             & (kind[1:] > 0)))
    slots = on_short[~repeat]
    line, kind = owner[slots], kind[~repeat]
    codes = np.where(kind == 0, hashes[slots], kind.astype(np.uint64))
    first = np.flatnonzero(np.concatenate(([True], line[1:] != line[:-1])))
    size = np.diff(np.append(first, len(line)))
    rank = np.arange(len(line)) - np.repeat(first, size)
    # Unsigned array arithmetic wraps modulo 2**64 without a warning.
    terms = codes * np.power(_TEMPLATE_BASE, rank.astype(np.uint64))
    keys = np.add.reduceat(terms, first) + size.astype(np.uint64)
    # One slot is no template (a lone name or word repeats for other reasons).
    lines, keys = line[first][size > 1], keys[size > 1]
    order = np.argsort(keys, kind="stable")
    same = keys[order][1:] == keys[order][:-1]
    shared = np.zeros(len(keys), dtype=bool)
    shared[1:] |= same
    shared[:-1] |= same
    out[lines[order]] = shared.astype(float)
    return out


def _token_hashes(codes: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """A polynomial in each token's ``codes``, modulo 2**64: tokens start at ``starts``
    and are ``lengths`` long."""
    if not len(starts):
        return np.zeros(0, dtype=np.uint64)
    offsets = np.cumsum(lengths) - lengths
    rank = np.arange(int(offsets[-1] + lengths[-1])) - np.repeat(offsets, lengths)
    terms = (codes[np.repeat(starts, lengths) + rank].astype(np.uint64)
             * np.power(_TOKEN_BASE, rank.astype(np.uint64)))
    return np.add.reduceat(terms, offsets)


@lru_cache(maxsize=1)
def _stopword_hashes() -> np.ndarray:
    """The sorted token hashes of the stopwords (the stoplists are already case-folded)."""
    return np.unique(word_hashes(sorted(stopwords())))


def _lower_codes(codes: np.ndarray) -> np.ndarray:
    """The code point of each character's lower case (its own where that is two characters)."""
    lowered = _bmp_lower()[np.minimum(codes, 0xFFFF)]
    astral = np.flatnonzero(codes > 0xFFFF)
    if len(astral):
        lowered[astral] = [_lower_code(chr(c)) for c in codes[astral].tolist()]
    return lowered


@lru_cache(maxsize=1)
def _bmp_lower() -> np.ndarray:
    return np.fromiter(map(_lower_code, map(chr, range(0x10000))), dtype=np.uint32,
                       count=0x10000)


def _lower_code(char: str) -> int:
    lowered = char.lower()
    return ord(lowered) if len(lowered) == 1 else ord(char)


class _Page:
    """Lines joined by newlines, where one scan of a pattern counts its matches in every line."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.m = len(lines)
        self.lengths = np.fromiter(map(len, lines), dtype=np.int64, count=self.m)
        self.starts = np.zeros(self.m, dtype=np.int64)
        self.starts[1:] = np.cumsum(self.lengths[:-1] + 1)
        self.text = "\n".join(lines)

    def count(self, pattern: re.Pattern[str], source: str) -> np.ndarray:
        """Matches of ``pattern`` per line, in ``source``: the text or a variant of it
        (a match's position is mapped to a line by the text's line starts)."""
        return _bincount([match.start() for match in pattern.finditer(source)], self.starts,
                         self.m)

    def has(self, source: str, *patterns: re.Pattern[str], needs: str = "") -> np.ndarray:
        """1 for lines where any of ``patterns`` matches; skipped when ``needs`` is absent."""
        if needs and not any(char in source for char in needs):
            return np.zeros(self.m)
        return np.minimum(sum(self.count(p, source) for p in patterns), 1.0)


class _LinesWithDigits:
    """Pattern tests (prices, times, dates) that only lines holding a digit can pass:
    they search the lower-cased lines with digits only, and give 0 for the others."""

    def __init__(self, m: int, rows: np.ndarray, page: _Page, source: str) -> None:
        self.m, self.rows, self.page, self.source = m, rows, page, source

    def has(self, *patterns: re.Pattern[str], needs: str = "") -> np.ndarray:
        out = np.zeros(self.m)
        if len(self.rows):
            out[self.rows] = self.page.has(self.source, *patterns, needs=needs)
        return out


def _numeric_lines(page: _Page, lower: str, digits: np.ndarray) -> _LinesWithDigits:
    rows = np.flatnonzero(digits)
    if len(lower) != len(page.text):
        # Lower-casing lengthened a line (a dotted capital I): positions in the
        # lower-cased page are mapped by the page's line starts, as they always were.
        return _LinesWithDigits(page.m, np.arange(page.m) if len(rows) else rows, page, lower)
    # Lower-casing maps characters one to one and never across a newline, so the
    # page's lower-cased lines are its lines lower-cased.
    lower_lines = lower.split("\n")
    subset = _Page([lower_lines[k] for k in rows])
    return _LinesWithDigits(page.m, rows, subset, subset.text)


def _char_flags(codes: np.ndarray) -> np.ndarray:
    """The class bits of each code point: a table look-up, but for characters beyond
    the Basic Multilingual Plane (emoji, rare CJK), which are classed one by one."""
    flags = _bmp_flags()[np.minimum(codes, 0xFFFF)]
    astral = codes > 0xFFFF
    if astral.any():
        flags[astral] = _flags_of(codes[astral].tobytes().decode("utf-32-le"))
    return flags


@lru_cache(maxsize=1)
def _bmp_flags() -> np.ndarray:
    bmp = np.arange(0x10000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    return _flags_of(bmp)


def _flags_of(chars: str) -> np.ndarray:
    """The class bits of each character of ``chars``, by the patterns and str methods
    the statistics are defined by."""
    n = len(chars)
    flags = np.zeros(n, dtype=np.uint8)
    for pattern, bit in ((_WORD, _IS_WORD), (_DIGIT, _IS_DIGIT), (_CJK, _IS_CJK)):
        flags[[match.start() for match in pattern.finditer(chars)]] |= bit
    kind = [category(c)[0] for c in chars]
    marks = np.fromiter((k == "M" for k in kind), bool, count=n)
    # Letters and signs of the spaceless alphabets; their digits stay word characters
    # and their full stops punctuation.
    spaceless = np.zeros(n, dtype=bool)
    spaceless[[match.start() for match in _SPACELESS.finditer(chars)]] = True
    spaceless &= marks | np.fromiter((k == "L" for k in kind), bool, count=n)
    flags[marks] |= _IS_WORD
    flags[spaceless] = (flags[spaceless] & np.uint8(0xFF ^ _IS_WORD)) | _IS_SPACELESS
    flags[np.fromiter(map(str.isupper, chars), bool, count=n)] |= _IS_UPPER
    # "A" + c is upper case unless c is lower or title case (str.isupper of one
    # character alone also calls title case upper).
    flags[~np.fromiter(map(str.isupper, map("A".__add__, chars)), bool, count=n)] \
        |= _IS_LOWER_OR_TITLE
    return flags


def _bincount(positions: list[int], starts: np.ndarray, m: int,
              weights: np.ndarray | None = None) -> np.ndarray:
    if not positions:
        return np.zeros(m)
    owner = np.searchsorted(starts, np.asarray(positions, dtype=np.int64), side="right") - 1
    return np.bincount(owner, weights=weights, minlength=m).astype(float)
