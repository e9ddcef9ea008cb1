"""The feature matrix of a page: one row per non-blank line, named columns.

Rows hold the line's own shape, the evidence of its words (a model's
lexicon, :mod:`cleaner.features.lexicon`), where it sits, the run of lines
its sentence spans (a renderer may cut a paragraph at its links), how often it
repeats, what the rules said about it (a rule can be only evidence here), and
the same for its neighbours and the windows around it. ``FEATURE_NAMES``
fixes the column order that model files refer to.

>>> from cleaner.lines import Document
>>> from cleaner.rules.engine import RuleSet
>>> doc = Document.from_text("Menu\\n\\nThe talks ended without a deal on Friday.")
>>> rows, X = line_features(doc, RuleSet.load().apply(doc))
>>> rows.tolist(), X.shape == (2, len(FEATURE_NAMES))
([0, 2], True)
"""

from __future__ import annotations

from collections import Counter
from operator import not_

import numpy as np

from cleaner.features.context import (
    block_stats,
    columns,
    densest_run,
    run_totals,
    window_mean,
    window_means,
)
from cleaner.features.lexicon import Lexicon
from cleaner.features.shape import shape_stats
from cleaner.labels import Label
from cleaner.lines import Document
from cleaner.rules.engine import RuleHits

#: Chrome labels whose rule hits are features (body/title/blank are not rule labels).
RULE_LABELS: tuple[Label, ...] = tuple(label for label in Label
                    if label not in (Label.BODY, Label.TITLE, Label.BLANK))
_LABEL_INDEX: dict[Label, int] = {label: n for n, label in enumerate(RULE_LABELS)}
#: A line with this many words and this stopword share is prose on its own.
PROSE_WORDS = 15.0
PROSE_STOP = 0.3
#: Radii, in non-blank lines, of the windows that describe a line's surroundings.
NEAR_RADIUS = 3
FAR_RADIUS = 10
DENSITY_RADIUS = 5
NEIGHBOUR_OFFSETS = (-2, -1, 1, 2)

_OWN = ("log_chars", "log_words", "mean_word_len", "stop_share", "terminal", "colon_end", "ellipsis",
        "cap_share", "upper_share", "digit_share", "punct_share", "letter_share", "cjk_share",
        "url", "email", "handle", "price", "time", "date", "bullet", "separators", "prose",
        "lex_mean", "lex_min", "lex_max", "continues", "runs_on")
_PLACE = ("rel_index", "rel_chars_before", "blank_before", "blank_after", "log_block_size",
          "opens_block", "log_repeat", "template_repeat", "rel_words_max",
          "log_words_vs_median", "density", "dist_peak",
          "run_log_words", "run_log_lines", "run_prose", "run_terminal")
_RULES = tuple(f"rule_{label.value}" for label in RULE_LABELS) + ("hard", "region")
#: Sections a page moves into and seldom leaves: past a comments, related or feed
#: header the lines are rarely the article's.
_SECTIONS = (Label.COMMENTS, Label.RELATED, Label.FEED)
_AFTER = tuple(f"after_{label.value}" for label in _SECTIONS) + ("w5_date", "w5_template", "w5_alternation")
_NEIGHBOUR = ("log_words", "stop_share", "terminal", "prose", "hard", "exists")
_WINDOW = ("prose", "hard", "log_words", "stop_share", "lex_mean", "run_prose")

FEATURE_NAMES: tuple[str, ...] = (
    _OWN + _PLACE + _RULES + _AFTER
    + tuple(f"n{o:+d}_{f}" for o in NEIGHBOUR_OFFSETS for f in _NEIGHBOUR)
    + tuple(f"w{r}_{f}" for r in (NEAR_RADIUS, FAR_RADIUS) for f in _WINDOW)
)


def line_features(doc: Document, hits: RuleHits,
                  lexicon: Lexicon | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Row indices (into ``doc.lines``) of the non-blank lines, and their feature matrix
    (the word-evidence columns from ``lexicon``, zero without one)."""
    n_lines = len(doc)
    blank = np.fromiter(map(not_, doc.norm), bool, count=n_lines)
    rows = np.flatnonzero(~blank).astype(np.int64, copy=False)
    m = len(rows)
    if m == 0:
        return rows, np.zeros((0, len(FEATURE_NAMES)))
    lines = [line for line in doc.norm if line]
    s = shape_stats(lines, lexicon)
    f: dict[str, np.ndarray] = {}
    log_words = np.log1p(s["words"])
    f["log_chars"] = np.log1p(s["chars"])
    f["log_words"] = log_words
    f["mean_word_len"] = np.minimum(s["mean_word_len"], 15.0) / 15.0
    for name in ("stop_share", "terminal", "colon_end", "ellipsis", "cap_share", "upper_share", "digit_share",
                 "punct_share", "letter_share", "cjk_share", "url", "email", "handle", "price",
                 "time", "date", "bullet", "lex_mean", "lex_min", "lex_max", "continues", "runs_on"):
        f[name] = s[name]
    f["separators"] = np.minimum(s["separators"], 1.0)
    prose = _prose(s["words"], s["stop_share"])
    f["prose"] = prose

    f["rel_index"] = rows / max(n_lines - 1, 1)
    before = np.concatenate(([0.0], np.cumsum(s["chars"])[:-1]))
    f["rel_chars_before"] = before / max(float(s["chars"].sum()), 1.0)
    blank_before = np.concatenate(([False], blank[:-1]))[rows].astype(float)
    blank_after = np.concatenate((blank[1:], [False]))[rows].astype(float)
    f["blank_before"], f["blank_after"] = blank_before, blank_after
    sizes, opens = block_stats(blank_before)
    f["log_block_size"], f["opens_block"] = np.log1p(sizes), opens
    counts = Counter(lines)
    f["log_repeat"] = np.log(np.fromiter(map(counts.__getitem__, lines), float, count=m))
    f["template_repeat"] = s["template_repeat"]
    f["rel_words_max"] = s["words"] / max(float(s["words"].max()), 1.0)
    f["log_words_vs_median"] = log_words - _median(log_words)
    # A renderer that gives each link or bold run its own line cuts a paragraph
    # into fragments that read as a menu; a line that goes on with the sentence
    # of the line right above it (no blank between) is read with it as one run.
    joined = np.zeros(m, dtype=bool)
    joined[1:] = ((blank_before[1:] == 0) & (s["terminal"][:-1] == 0)
                  & ((s["continues"][1:] > 0) | (s["runs_on"][:-1] > 0)))
    # Only a run's last line can end a sentence, so its terminal total is its end's.
    totals, run_lines = run_totals(joined, columns([s["words"], s["stop_share"] * s["words"], s["terminal"]]))
    run_words, run_stop, run_terminal = totals.T
    run_prose = _prose(run_words, run_stop / np.maximum(run_words, 1.0))
    f["run_log_words"], f["run_log_lines"] = np.log1p(run_words), np.log(run_lines)
    f["run_prose"], f["run_terminal"] = run_prose, run_terminal
    f["density"], f["dist_peak"] = densest_run(run_prose * s["words"], DENSITY_RADIUS)

    rule_hits = np.zeros((m, len(RULE_LABELS)))
    hard = np.zeros(m)
    region = np.zeros(m)
    # Rules fire on few lines: visit those only (no rule fires on a blank line).
    row_of = np.cumsum(~blank) - 1
    for i in [i for i, fired in enumerate(hits.fired) if fired and not blank[i]]:
        k = row_of[i]
        for rule in hits.fired[i]:
            rule_hits[k, _LABEL_INDEX[rule.label]] = 1.0
        winner = hits.winner[i]
        if winner is not None:
            hard[k] = 1.0
            region[k] = float(winner.kind == "region")
    for n, label in enumerate(RULE_LABELS):
        f[f"rule_{label.value}"] = rule_hits[:, n]
    f["hard"], f["region"] = hard, region
    for label in _SECTIONS:
        f[f"after_{label.value}"] = np.maximum.accumulate(rule_hits[:, _LABEL_INDEX[label]])
    # Comment threads alternate dated author lines with prose, and repeat one
    # signature template per comment.
    # Teaser lists alternate a headline with one summary; an article's paragraphs follow each other.
    alternation = np.abs(np.diff(prose, prepend=prose[:1]))
    f["w5_date"], f["w5_template"], f["w5_alternation"] = window_mean(
        columns([s["date"], s["template_repeat"], alternation]), 5).T

    exists = np.ones(m)
    own = {"log_words": log_words, "stop_share": s["stop_share"], "terminal": s["terminal"],
           "prose": prose, "hard": hard, "exists": exists, "lex_mean": s["lex_mean"],
           "run_prose": run_prose}
    # The neighbours' values, as context.shift gives them (zero beyond the page),
    # sliced from one zero-padded block instead of shifted one by one.
    reach = max(abs(o) for o in NEIGHBOUR_OFFSETS)
    padded = np.zeros((m + 2 * reach, len(_NEIGHBOUR)))
    padded[reach:reach + m] = columns([own[name] for name in _NEIGHBOUR])
    for offset in NEIGHBOUR_OFFSETS:
        block = padded[reach + offset:reach + offset + m]
        for n, name in enumerate(_NEIGHBOUR):
            f[f"n{offset:+d}_{name}"] = block[:, n]
    radii = (NEAR_RADIUS, FAR_RADIUS)
    windows = window_means(columns([own[name] for name in _WINDOW]), radii)
    for radius, means in zip(radii, windows):
        for n, name in enumerate(_WINDOW):
            f[f"w{radius}_{name}"] = means[:, n]
    return rows, columns([f[name] for name in FEATURE_NAMES])


def _prose(words: np.ndarray, stop_share: np.ndarray) -> np.ndarray:
    """How much a line (or run of lines) of ``words`` words reads as prose, 0 to 1."""
    return np.minimum(words / PROSE_WORDS, 1.0) * np.minimum(stop_share / PROSE_STOP, 1.0)


def _median(values: np.ndarray) -> float:
    """``numpy.median`` of a non-empty vector, without its overhead on short ones."""
    ordered = np.sort(values)
    k = len(ordered) // 2
    return float(ordered[k]) if len(ordered) % 2 else float((ordered[k - 1] + ordered[k]) / 2)
