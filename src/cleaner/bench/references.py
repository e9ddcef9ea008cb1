"""Reference systems measured beside the cleaner: what a user would otherwise run.

Each reference is a :class:`Reference` whose ``extract`` takes the rendered
page (``source == "lines"``) or the page's raw HTML as text (``source ==
"html"``) and returns a :class:`Prediction`. Line references also say which
lines they kept, so line accuracy applies to them; HTML references produce
text only. jusText and trafilatura are imported inside the functions that
use them, so importing the bench costs nothing when they are not run.

>>> from cleaner.bench.page import Page
>>> page = Page("d", "s", "p", ["Menu", "The talks ended without a deal on Monday."], ["navigation", "body"],
...             [False, True], 1.0, "The talks ended without a deal on Monday.")
>>> REFERENCES["c4"].extract(page).kept
(False, True)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Literal

from cleaner.bench.page import Page
from cleaner.html import decode_html


@dataclass(frozen=True)
class Prediction:
    """What a system extracted from one page; ``kept`` per rendered line where it decides lines."""

    text: str
    kept: tuple[bool, ...] | None = None


@dataclass(frozen=True)
class Reference:
    """A named reference system and what it reads."""

    name: str
    description: str
    source: Literal["lines", "html"]
    extract: Callable[..., Prediction]


# --- identity ---------------------------------------------------------------------------------

def identity(page: Page) -> Prediction:
    """No cleaning: every rendered line is kept (the recall ceiling, the precision floor)."""
    return Prediction(page.text, (True,) * len(page.lines))


def oracle(page: Page) -> Prediction:
    """The gold's lines: the best any line selector can do on this rendering.

    Below 1.0 where the renderer puts article and chrome on one line (a layout
    table laid out as a grid) or the gold words match no line.
    """
    return _from_kept(page, tuple(page.content))


# --- C4 line filter -----------------------------------------------------------------------------
# The rules of the C4 corpus (Raffel et al. 2020, "Exploring the Limits of Transfer Learning
# with a Unified Text-to-Text Transformer", section 2.2) as implemented in TensorFlow Datasets'
# c4_utils. C4 filters pages for a training corpus; here each rule is applied to lines.

#: A kept line ends in terminal punctuation or an end quotation mark.
C4_END_MARKS = (".", "?", "!", '"', "\u201d")
#: A kept line has at least this many whitespace-separated words.
C4_MIN_WORDS = 3
#: A line holding a "word" longer than this is dropped (minified code, data URIs).
C4_MAX_WORD_LENGTH = 1000
#: Lines naming these are dropped: cookie and terms notices (TFDS ``POLICY_SUBSTRINGS``).
C4_POLICY_PHRASES = ("terms of use", "privacy policy", "cookie policy", "uses cookies",
                     "use of cookies", "use cookies")
#: C4 drops lines mentioning javascript ("enable JavaScript" warnings). It drops whole pages
#: containing "lorem ipsum" or a curly bracket (code); a line filter drops those lines instead.
C4_BANNED_SUBSTRINGS = ("javascript", "lorem ipsum", "{")
# Not carried over: the page-level rules that decide whether a page enters the corpus rather
# than which lines are its text (fewer than 5 sentences, the bad-words list, deduplication).


def c4_keep(line: str) -> bool:
    """True for a line the C4 rules keep.

    >>> c4_keep("The minister resigned on Monday."), c4_keep("Read more"), c4_keep("We use cookies.")
    (True, False, False)
    """
    stripped = line.strip()
    words = stripped.split()
    lowered = stripped.lower()
    return (stripped.endswith(C4_END_MARKS)
            and len(words) >= C4_MIN_WORDS
            and all(len(word) <= C4_MAX_WORD_LENGTH for word in words)
            and not any(phrase in lowered for phrase in C4_POLICY_PHRASES)
            and not any(banned in lowered for banned in C4_BANNED_SUBSTRINGS))


def c4_filter(page: Page) -> Prediction:
    """The lines of ``page`` that :func:`c4_keep` keeps."""
    return _from_kept(page, tuple(c4_keep(line) for line in page.lines))


# --- jusText ------------------------------------------------------------------------------------

@cache
def _stoplist(language: str) -> frozenset[str]:
    """A jusText stoplist; ``"all"`` is the union of every language's (as trafilatura's fallback)."""
    import justext
    if language == "all":
        return frozenset().union(*(justext.get_stoplist(name) for name in justext.get_stoplists()))
    return frozenset(justext.get_stoplist(language))


def _justext(html: str, language: str) -> list[tuple[str, bool]]:
    """jusText's paragraphs of ``html`` with default parameters: (text, is boilerplate)."""
    import justext
    return [(p.text, p.is_boilerplate) for p in justext.justext(html, _stoplist(language))]


def justext_lines(page: Page, language: str = "English") -> Prediction:
    """jusText on the rendered lines, each non-blank line wrapped as one ``<p>`` paragraph.

    jusText makes one paragraph per ``<p>``; should its count of paragraphs ever
    differ from the non-blank lines, its kept text is still scored but no
    per-line decision is claimed.
    """
    wanted = [i for i, line in enumerate(page.lines) if line.strip()]
    body = "".join(f"<p>{escape(page.lines[i])}</p>" for i in wanted)
    paragraphs = _justext(f"<html><body>{body}</body></html>", language) if wanted else []
    if len(paragraphs) != len(wanted):
        return Prediction("\n".join(text for text, boiler in paragraphs if not boiler))
    kept = [False] * len(page.lines)
    for i, (_, boilerplate) in zip(wanted, paragraphs):
        kept[i] = not boilerplate
    return _from_kept(page, tuple(kept))


def justext_html(html: str, language: str = "English") -> Prediction:
    """jusText on the raw HTML (default parameters): its non-boilerplate paragraphs."""
    return Prediction("\n".join(text for text, boiler in _justext(html, language) if not boiler))


# --- trafilatura --------------------------------------------------------------------------------

def trafilatura_html(html: str) -> Prediction:
    """trafilatura on the raw HTML: defaults, but without comments and with tables.

    Comments are off because the gold texts of the corpus leave reader comments
    out; tables are in (trafilatura's default too) because article tables are
    gold text.
    """
    import trafilatura
    # trafilatura logs a warning for every page it finds nothing in; the score says so already.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    text = trafilatura.extract(html, include_comments=False, include_tables=True)
    return Prediction(text or "")


# --- registry ---------------------------------------------------------------------------------

def _from_kept(page: Page, kept: Sequence[bool]) -> Prediction:
    return Prediction("\n".join(line for line, k in zip(page.lines, kept) if k), tuple(kept))


REFERENCES: dict[str, Reference] = {ref.name: ref for ref in (
    Reference("identity", "no cleaning: all rendered lines", "lines", identity),
    Reference("oracle", "the gold's lines: the ceiling of any line selector", "lines", oracle),
    Reference("justext-lines", "jusText on the rendered lines, English stoplist", "lines",
              justext_lines),
    Reference("justext-lines-all", "jusText on the rendered lines, all stoplists", "lines",
              lambda page: justext_lines(page, "all")),
    Reference("c4", "the C4 line filter", "lines", c4_filter),
    Reference("trafilatura", "trafilatura on the raw HTML", "html", trafilatura_html),
    Reference("justext-html", "jusText on the raw HTML, English stoplist", "html", justext_html),
)}


def read_html(data_dir: Path, page: Page) -> tuple[str, int]:
    """The raw HTML of ``page`` decoded as the corpus renderer decodes it, and its size in bytes.

    Raises OSError when the file is missing or unreadable.
    """
    data = (data_dir / page.html_path).read_bytes()
    return decode_html(data), len(data)
