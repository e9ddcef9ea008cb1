"""Per-line shape statistics of a page, computed once per document as arrays.

The non-blank normalised lines are joined into one string and each statistic
is one pass of one compiled pattern over it; match positions are mapped back
to lines with a binary search and summed with ``numpy.bincount``. Token
statistics take one ``findall`` per line and C-level maps over all the tokens.
There is no Python loop per line and pattern, nor per token, which is what
made a first probe five times too slow.

CJK text has no spaces, so ``\\w+`` sees a sentence as one token; such
characters are counted on their own and two of them count as one word.

>>> s = shape_stats(["Hello, world.", "東京は晴れです"])
>>> s["words"].tolist(), s["terminal"].tolist()
([2.0, 3.5], [1.0, 0.0])
"""

from __future__ import annotations

from collections.abc import Sequence
import re

import numpy as np

from cleaner.features.stopwords import stopwords

#: Characters of scripts written without spaces, and how many make a word.
CJK_CHARS_PER_WORD = 2.0
_CJK_RANGES = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
# Plain patterns use the standard re, several times faster than regex on them.
_CJK = re.compile(f"[{_CJK_RANGES}]")
_CJK_STOP = re.compile("[的了是在和有也就都而及与之其のはがをにでとも]")
_WORD = re.compile(f"[^\\W{_CJK_RANGES}]+")
_DIGIT = re.compile(r"\d+")
# These run on the lower-cased text, so they need no case flag.
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net|html?|php)\b")
_EMAIL = re.compile(r"(?<=\w)@[\w-]+\.\w")
_HANDLE = re.compile(r"[@#](?<!\w[@#])\w")
_PRICE = re.compile(r"[$€£¥] ?\d|\d ?(?:€|\$|eur\b|usd\b)")
_TIME = re.compile(r"\d:\d\d\b|\d (?:min|mins|minutes|hours?|days?) ago\b")
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
# Two date patterns, each starting with what re can scan for quickly.
_DATE_NUMERIC = re.compile(r"\d(?:\d{3}-\d\d-\d\d|[/.]\d{1,2}[/.]\d\d| (?:" + _MONTHS + "))")
_DATE_MONTH = re.compile(r"(?<![a-z])(?:" + _MONTHS + r")[a-z]*\.? \d")
_BULLET = re.compile(r"(?:[-*•·▪►◦‣–—>]|\d{1,3}[.)]|[a-z][.)]) ")
_SEPARATORS = re.compile(r"[|•·/»›]")
_TERMINAL_CHARS = frozenset('.!?。！？…"”’»)')
_COLON_CHARS = frozenset(":;,-–—")

SHAPE_FEATURES = (
    "chars", "words", "tokens", "mean_word_len", "stop_share", "terminal", "colon_end",
    "cap_share", "upper_share", "digit_share", "punct_share", "letter_share", "cjk_share",
    "url", "email", "handle", "price", "time", "date", "bullet", "separators",
)


def shape_stats(lines: Sequence[str]) -> dict[str, np.ndarray]:
    """Shape statistics of each (normalised, non-blank) line, one array per feature."""
    m = len(lines)
    lengths = np.fromiter((len(line) for line in lines), dtype=np.int64, count=m)
    starts = np.zeros(m, dtype=np.int64)
    if m:
        starts[1:] = np.cumsum(lengths[:-1] + 1)
    text = "\n".join(lines)
    lower = text.lower()

    def count(pattern: re.Pattern[str], source: str = lower) -> np.ndarray:
        return _bincount([match.start() for match in pattern.finditer(source)], starts, m)

    def has(*patterns: re.Pattern[str], needs: str = "") -> np.ndarray:
        """1 for lines where any of ``patterns`` matches; skipped when ``needs`` is absent."""
        if needs and not any(char in lower for char in needs):
            return np.zeros(m)
        return np.minimum(sum(count(p) for p in patterns), 1.0)

    # One findall per line, then C-level maps over all the page's tokens and a
    # sum per line: no Python step per token.
    per_line = [_WORD.findall(line) for line in lines]
    found = [token for tokens_of_line in per_line for token in tokens_of_line]
    n = len(found)
    counts = np.fromiter(map(len, per_line), dtype=np.int64, count=m)
    token_len = np.fromiter(map(len, found), float, count=n)
    is_stop = np.fromiter(map(stopwords().__contains__, map(str.lower, found)), float, count=n)
    capital = np.fromiter(map(str.isupper, [token[0] for token in found]), float, count=n)
    shouting = np.fromiter(map(str.isupper, found), float, count=n) * (token_len > 1)
    tokens = counts.astype(float)
    word_chars, stop_count, capital, shouting = (
        _sum_per_line(values, counts) for values in (token_len, is_stop, capital, shouting))
    digit_runs = [match.span() for match in _DIGIT.finditer(text)]
    digits = _bincount([a for a, _ in digit_runs], starts, m,
                       weights=np.fromiter((b - a for a, b in digit_runs), float,
                                           count=len(digit_runs)))
    if _CJK.search(text):
        cjk = count(_CJK, text)
        cjk_stop = count(_CJK_STOP, text)
    else:
        cjk = cjk_stop = np.zeros(m)
    words = tokens + cjk / CJK_CHARS_PER_WORD
    chars = lengths.astype(float)
    safe_chars = np.maximum(chars, 1.0)
    safe_tokens = np.maximum(tokens, 1.0)
    spaces = np.fromiter((line.count(" ") for line in lines), float, count=m)
    letters = np.maximum(word_chars - digits, 0.0) + cjk
    ends = [line[-1] for line in lines]
    return {
        "chars": chars,
        "words": words,
        "tokens": tokens,
        "mean_word_len": word_chars / safe_tokens,
        "stop_share": np.minimum((stop_count + cjk_stop / CJK_CHARS_PER_WORD)
                                 / np.maximum(words, 1.0), 1.0),
        "terminal": np.fromiter((e in _TERMINAL_CHARS for e in ends), float, count=m),
        "colon_end": np.fromiter((e in _COLON_CHARS for e in ends), float, count=m),
        "cap_share": capital / safe_tokens,
        "upper_share": shouting / safe_tokens,
        "digit_share": digits / safe_chars,
        "punct_share": np.maximum(chars - word_chars - cjk - spaces, 0.0) / safe_chars,
        "letter_share": np.minimum(letters / safe_chars, 1.0),
        "cjk_share": cjk / safe_chars,
        "url": np.minimum(count(_URL), 1.0),
        "email": has(_EMAIL, needs="@"),
        "handle": has(_HANDLE, needs="@#"),
        # Prices, times and dates all hold a digit.
        "price": has(_PRICE, needs="0123456789") if digit_runs else np.zeros(m),
        "time": has(_TIME) if digit_runs else np.zeros(m),
        "date": has(_DATE_NUMERIC, _DATE_MONTH) if digit_runs else np.zeros(m),
        "bullet": np.fromiter((bool(_BULLET.match(line)) for line in lines), float, count=m),
        "separators": count(_SEPARATORS) / np.maximum(words, 1.0),
    }


def _sum_per_line(values: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Sums of consecutive runs of ``values``, ``counts[k]`` long for line ``k``."""
    owner = np.repeat(np.arange(len(counts)), counts)
    return np.bincount(owner, weights=values, minlength=len(counts)).astype(float)


def _bincount(positions: list[int], starts: np.ndarray, m: int,
              weights: np.ndarray | None = None) -> np.ndarray:
    if not positions:
        return np.zeros(m)
    owner = np.searchsorted(starts, np.asarray(positions, dtype=np.int64), side="right") - 1
    return np.bincount(owner, weights=weights, minlength=m).astype(float)
