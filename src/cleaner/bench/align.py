"""Label rendered lines as content or not by aligning their tokens with a gold text.

Gold texts are re-wrapped and re-spaced, so lines are compared as sequences of
lowercase ``\\w+`` tokens, never as strings. The alignment has two passes:

1. **In order.** All page tokens (lines concatenated) are aligned with all gold
   tokens by :class:`difflib.SequenceMatcher` (longest common blocks, found
   recursively, so the alignment is monotonic). A block counts when it is at
   least :data:`MIN_BLOCK` tokens long, or when it is exactly one whole page
   line *and* one whole gold line (short headings and list items). Short blocks
   that are neither are chance matches of common words between unrelated text.
2. **Out of order.** Lines of at least :data:`MIN_MOVED_TOKENS` tokens left
   unaligned are looked up by their 4-token shingles among the gold tokens not
   yet aligned; each gold token is used once. This catches gold texts that put
   the headline or a lead paragraph elsewhere than the page does.

A line is content when at least :data:`LINE_SHARE` of its tokens are aligned to
content gold tokens. Lines without any token (``|``, ``* * *``) take the decision
of their neighbours: content only between two content lines.

Gold tokens may carry classes (L3S-GN1's span categories); only tokens of the
``content_classes`` count as content, the others are aligned too, so that a
line matching a "related" span is known to be one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

TOKEN = re.compile(r"\w+")
#: Shortest run of tokens that counts as a match on its own.
MIN_BLOCK = 3
#: Share of a line's tokens that must be aligned to content for the line to be content.
LINE_SHARE = 0.5
#: Shortest line that the out-of-order pass looks for.
MIN_MOVED_TOKENS = 8
SHINGLE = 4


def tokenize(text: str) -> list[str]:
    """Lowercase ``\\w+`` tokens of ``text``.

    >>> tokenize("Don't stop — 2,5 km!")
    ['don', 't', 'stop', '2', '5', 'km']
    """
    return TOKEN.findall(text.lower())


@dataclass(frozen=True)
class Alignment:
    """How the lines of a page align with a gold text.

    ``content`` is the per-line decision; ``classes`` the most frequent gold class
    among each line's aligned tokens (None when nothing aligned). ``recall`` is the
    share of content gold tokens aligned to content lines, ``precision`` the share
    of the content lines' tokens aligned to content gold tokens.
    """

    content: list[bool]
    classes: list[int | None]
    aligned: list[int]
    tokens: list[int]
    recall: float
    precision: float

    @property
    def confidence(self) -> float:
        """F1 of alignment recall and precision: high when the gold is found, and only it."""
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def align(lines: Sequence[str], gold_lines: Sequence[str],
          gold_classes: Sequence[Sequence[int]] | None = None,
          content_classes: frozenset[int] = frozenset({1})) -> Alignment:
    """Align ``lines`` with ``gold_lines`` and decide which lines are content.

    ``gold_classes`` gives a class per token of each gold line (default: every
    gold token is class 1, content).

    >>> a = align(["Home", "News", "The bridge will close for the summer.", "Share this"],
    ...           ["the bridge will close", "for the summer"])
    >>> a.content, a.recall
    ([False, False, True, False], 1.0)
    """
    line_tokens = [tokenize(line) for line in lines]
    gold_line_tokens = [tokenize(line) for line in gold_lines]
    page = [tok for toks in line_tokens for tok in toks]
    gold = [tok for toks in gold_line_tokens for tok in toks]
    if gold_classes is None:
        classes = [1] * len(gold)
    else:
        classes = [c for line in gold_classes for c in line]
        if len(classes) != len(gold):
            raise ValueError("gold_classes must give one class per gold token")
    line_of = [i for i, toks in enumerate(line_tokens) for _ in toks]
    line_start = _starts(line_tokens)
    gold_start = _starts(gold_line_tokens)
    gold_line_of = [i for i, toks in enumerate(gold_line_tokens) for _ in toks]

    # Page token index -> gold token index.
    match: dict[int, int] = {}
    ids: dict[str, int] = {}
    a = [ids.setdefault(tok, len(ids)) for tok in page]
    b = [ids.setdefault(tok, len(ids)) for tok in gold]
    # autojunk (ignoring tokens in over 1 % of the gold as block seeds) only for long golds,
    # where it keeps the matcher fast; blocks still extend over such tokens.
    for i, j, size in SequenceMatcher(None, a, b, autojunk=len(b) > 2000).get_matching_blocks():
        if size == 0:
            continue
        if size < MIN_BLOCK and not _whole_lines(i, j, size, line_of, line_start, line_tokens,
                                                 gold_line_of, gold_start, gold_line_tokens):
            continue
        for k in range(size):
            match[i + k] = j + k

    aligned_lines = [0] * len(lines)
    for k in match:
        aligned_lines[line_of[k]] += 1
    _align_moved(line_tokens, line_start, gold, match, aligned_lines)

    content: list[bool] = []
    line_classes: list[int | None] = []
    aligned: list[int] = []
    for i, toks in enumerate(line_tokens):
        counts: Counter[int] = Counter()
        for k in range(line_start[i], line_start[i] + len(toks)):
            gold_at = match.get(k)
            if gold_at is not None:
                counts[classes[gold_at]] += 1
        on_content = sum(n for c, n in counts.items() if c in content_classes)
        aligned.append(on_content)
        content.append(bool(toks) and on_content >= LINE_SHARE * len(toks))
        line_classes.append(_top_class(counts, content[-1], content_classes))
    _fill_tokenless(lines, line_tokens, content)

    gold_content = sum(1 for c in classes if c in content_classes)
    covered = sum(1 for k, j in match.items() if content[line_of[k]] and classes[j] in content_classes)
    kept = sum(len(toks) for toks, keep in zip(line_tokens, content) if keep)
    kept_aligned = sum(n for n, keep in zip(aligned, content) if keep)
    return Alignment(
        content=content, classes=line_classes, aligned=aligned,
        tokens=[len(toks) for toks in line_tokens],
        recall=covered / gold_content if gold_content else 0.0,
        precision=kept_aligned / kept if kept else 0.0,
    )


def _starts(token_lines: list[list[str]]) -> list[int]:
    starts, at = [], 0
    for toks in token_lines:
        starts.append(at)
        at += len(toks)
    return starts


def _whole_lines(i: int, j: int, size: int, line_of: list[int], line_start: list[int],
                 line_tokens: list[list[str]], gold_line_of: list[int], gold_start: list[int],
                 gold_line_tokens: list[list[str]]) -> bool:
    line, gline = line_of[i], gold_line_of[j]
    return (line_start[line] == i and len(line_tokens[line]) == size
            and gold_start[gline] == j and len(gold_line_tokens[gline]) == size)


def _align_moved(line_tokens: list[list[str]], line_start: list[int], gold: list[str],
                 match: dict[int, int], aligned_lines: list[int]) -> None:
    candidates = [i for i, toks in enumerate(line_tokens)
                  if len(toks) >= MIN_MOVED_TOKENS and aligned_lines[i] < LINE_SHARE * len(toks)]
    if not candidates:
        return
    used = set(match.values())
    free: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(gold) - SHINGLE, -1, -1):
        if not any(j + d in used for d in range(SHINGLE)):
            free[tuple(gold[j:j + SHINGLE])].append(j)
    if not free:
        return
    for i in candidates:
        toks, start = line_tokens[i], line_start[i]
        found: dict[int, int] = {}
        shingles = len(toks) - SHINGLE + 1
        hits = 0
        for s in range(shingles):
            spots = free.get(tuple(toks[s:s + SHINGLE]))
            while spots and any(spots[-1] + d in used for d in range(SHINGLE)):
                spots.pop()
            if not spots:
                continue
            j = spots[-1]
            hits += 1
            for d in range(SHINGLE):
                found.setdefault(start + s + d, j + d)
        if hits < LINE_SHARE * shingles:
            continue
        for k, j in found.items():
            if k not in match and j not in used:
                match[k] = j
                used.add(j)


def _top_class(counts: Counter[int], content: bool, content_classes: frozenset[int]) -> int | None:
    if content:
        counts = Counter({c: n for c, n in counts.items() if c in content_classes})
    if not counts:
        return None
    # Ties go to the smaller class number, so the result does not depend on dict order.
    return min(counts, key=lambda c: (-counts[c], c))


def _fill_tokenless(lines: Sequence[str], line_tokens: list[list[str]], content: list[bool]) -> None:
    previous: bool | None = None
    pending: list[int] = []
    for i, toks in enumerate(line_tokens):
        if toks:
            for k in pending:
                content[k] = bool(previous) and content[i]
            pending.clear()
            previous = content[i]
        elif lines[i].strip():
            pending.append(i)
    for k in pending:
        content[k] = False
