"""Decisions (cleaner.decide): rules, scores and threshold, the sandwich step, the headline."""

from __future__ import annotations

from typing import Any

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cleaner
from cleaner.decide import HEAD_LOOKBACK, SANDWICH_MAX_WORDS, TITLE_LOOKBACK, decide, page_threshold
from cleaner.labels import Label
from cleaner.lines import Document
from cleaner.rules.engine import RuleSet
from cleaner.rules.schema import parse_rules

PROSE = ("The talks in Geneva ended without a deal on Friday, and both sides said that they "
         "would meet again next week in the city to try once more for a settlement.")
PROSE2 = ("The minister told the reporters that there was still some hope for a settlement and "
          "that the work of the two teams would go on through the whole of the winter.")


def rules(*items: dict[str, Any]) -> RuleSet:
    return RuleSet(parse_rules({"rules": [{"description": "d", **i} for i in items]},
                               source="test.toml"))


SUB = {"id": "t.sub", "label": "subscription", "phrases": ["subscribe"]}
SHARE = {"id": "t.share", "label": "share", "phrases": ["share"]}
FEED = {"id": "t.feed", "label": "feed", "region": {"start": ["news feed"]}}
BYLINE = {"id": "t.by", "label": "byline", "pattern": "^by [A-Z]"}


def run(rs: RuleSet, text: str, scores: list[float] | None = None,
        threshold: float = 0.5) -> list[tuple[str, float | None, tuple[str, ...]]]:
    doc = Document.from_text(text)
    hits = rs.apply(doc)
    if scores is None:
        scores = [0.0 if not n else 0.9 for n in doc.norm]
    # The fallback (tested on its own below) would mask what the threshold does.
    return [(d.label.value, d.score, d.reasons)
            for d in decide(doc, hits, scores, "t", threshold, fallback=False)]


def labels(rs: RuleSet, text: str, scores: list[float] | None = None,
           threshold: float = 0.5) -> list[str]:
    return [label for label, _, _ in run(rs, text, scores, threshold)]


# --- basic steps -------------------------------------------------------------------

def test_blank_rule_and_score() -> None:
    out = run(rules(SHARE), "Share\n\nsome text here.\nmore text here.", [0.9, 0.0, 0.8, 0.1])
    assert out[0] == ("share", None, ("t.share",))
    assert out[1] == ("blank", None, ())
    assert out[2] == ("body", 0.8, ("model:t",))
    assert out[3] == ("other", 0.1, ("model:t",))


def test_a_hard_rule_beats_any_score() -> None:
    assert labels(rules(SHARE), "Share", [1.0]) == ["share"]


def test_evidence_rule_is_a_reason_not_a_decision() -> None:
    rs = rules({"id": "t.ev", "label": "feed", "pattern": "am$", "decision": "evidence"})
    assert run(rs, "some words 3 am", [0.9]) == [("body", 0.9, ("t.ev", "model:t"))]


@pytest.mark.parametrize(("score", "threshold", "label"), [
    (0.5, 0.5, "body"), (0.49, 0.5, "other"), (0.7, 0.8, "other"), (0.8, 0.8, "body"),
    (0.0, 0.0, "body"), (1.0, 1.0, "body"),
])
def test_threshold(score: float, threshold: float, label: str) -> None:
    # a lone line ending in '.' is never taken for a headline
    assert labels(rules(), "A plain line of text here.", [score], threshold) == [label]


def test_threshold_through_the_api() -> None:
    text = f"{PROSE}\n\nShort line here\n\n{PROSE2}"
    low = cleaner.analyze(text, threshold=0.0, title=False)
    high = cleaner.analyze(text, threshold=1.0, title=False, fallback=False)
    assert all(line.kept for line in low.lines if line.label is not Label.BLANK)
    assert sum(line.kept for line in high.lines) < sum(line.kept for line in low.lines)
    default = cleaner.analyze(text, title=False)
    scored = [line for line in default.lines if line.score is not None]
    own = page_threshold([len(line.text) for line in scored], [line.score for line in scored])
    for line in scored:
        assert line.kept == (line.score >= own)


def test_fallback_keeps_the_best_lines_when_nothing_passes() -> None:
    rs = rules()
    doc = Document.from_text("first line of text.\nsecond line of text.\nthird line of text.")
    hits = rs.apply(doc)
    scores = [0.30, 0.10, 0.27]
    out = decide(doc, hits, scores, "t", 0.5)
    assert [d.content for d in out] == [True, False, True]  # within 0.8 of the best (0.30)
    assert "context:fallback" in out[0].reasons
    assert not any(d.content for d in decide(doc, hits, scores, "t", 0.5, fallback=False))
    passing = decide(doc, hits, [0.6, 0.1, 0.1], "t", 0.5)
    assert [d.content for d in passing] == [True, False, False]  # no fallback when one passes


# --- the page's own threshold -------------------------------------------------------

def _expected_precision_plus_recall(sizes: list[float], p: list[float], threshold: float) -> float:
    kept = [(w, q) for w, q in zip(sizes, p) if q >= threshold]
    if not kept:
        return 2 * math.prod(1 - q for q in p)
    found = sum(w * q for w, q in kept)
    return found / sum(w for w, _ in kept) + found / sum(w * q for w, q in zip(sizes, p))


def test_a_page_the_model_reads_well_keeps_its_likely_lines() -> None:
    assert page_threshold([80, 90, 10, 12], [0.97, 0.93, 0.04, 0.02]) == 0.93


def test_on_a_page_the_model_is_unsure_of_the_threshold_falls() -> None:
    # Two paragraphs at 0.4 and 0.35: a fixed threshold of 0.45 would keep
    # nothing; each holds most of the page's likely content, so both are kept.
    assert page_threshold([300, 250, 20, 20], [0.40, 0.35, 0.05, 0.03]) == 0.35


def test_a_page_of_unlikely_lines_keeps_nothing_and_leaves_it_to_the_fallback() -> None:
    assert page_threshold([40, 40, 40], [0.02, 0.01, 0.01]) == math.inf
    assert page_threshold([], []) == math.inf
    doc = Document.from_text("first line of text.\nsecond line of text.")
    out = decide(doc, rules().apply(doc), [0.02, 0.018], "t", None)
    assert [d.content for d in out] == [True, True]
    assert all("context:fallback" in d.reasons for d in out)


_pages = st.lists(st.tuples(st.integers(1, 500), st.floats(0.0, 1.0)), max_size=30)


@given(_pages)
def test_the_page_threshold_is_the_best_of_all_thresholds(page: list[tuple[int, float]]) -> None:
    sizes, p = [float(w) for w, _ in page], [q for _, q in page]
    chosen = page_threshold(sizes, p)
    assert chosen == math.inf or chosen in p
    if sum(w * q for w, q in zip(sizes, p)) > 0:
        best = max(_expected_precision_plus_recall(sizes, p, t) for t in p + [math.inf])
        assert _expected_precision_plus_recall(sizes, p, chosen) == pytest.approx(best)


@given(_pages, st.randoms(use_true_random=False), st.integers(1, 1000))
def test_the_page_threshold_reads_neither_line_order_nor_the_unit_of_size(
        page: list[tuple[int, float]], rng: Any, scale: int) -> None:
    shuffled = page[:]
    rng.shuffle(shuffled)
    assert page_threshold([w for w, _ in page], [q for _, q in page]) == \
        page_threshold([w * scale for w, _ in shuffled], [q for _, q in shuffled])


def test_label_page_takes_the_pages_own_threshold_when_given_none() -> None:
    text = "first line of text.\nsecond line of text.\nthird line of text."
    doc = Document.from_text(text)
    hits = rules().apply(doc)
    scores = [0.9, 0.38, 0.05]
    fixed = [d.content for d in decide(doc, hits, scores, "t", 0.45)]
    own = [d.content for d in decide(doc, hits, scores, "t", None)]
    assert fixed == [True, False, False]
    assert own == [True, True, False]  # 0.38 is worth keeping beside one sure line


# --- sandwich -----------------------------------------------------------------------

def test_sandwich_takes_the_label_of_both_neighbours() -> None:
    out = run(rules(SUB), "Subscribe\nNever miss it\nSubscribe")
    assert [o[0] for o in out] == ["subscription"] * 3
    assert out[1][2] == ("model:t", "context:sandwich")
    assert out[1][1] == 0.9  # the score is still reported


def test_no_sandwich_between_different_labels() -> None:
    assert labels(rules(SUB, SHARE), "Subscribe\nNever miss it\nShare", [0.9] * 3) \
        == ["subscription", "body", "share"]


def test_no_sandwich_across_a_blank_line() -> None:
    assert labels(rules(SUB), "Subscribe\n\nNever miss it\nSubscribe", [0.9, 0, 0.9, 0.9]) \
        == ["subscription", "blank", "body", "subscription"]


def test_no_sandwich_for_long_lines() -> None:
    long = " ".join(["word"] * (SANDWICH_MAX_WORDS + 1))
    ok = " ".join(["word"] * SANDWICH_MAX_WORDS)
    assert labels(rules(SUB), f"Subscribe\n{long}\nSubscribe")[1] == "body"
    assert labels(rules(SUB), f"Subscribe\n{ok}\nSubscribe")[1] == "subscription"


def test_no_sandwich_of_a_line_a_rule_decided() -> None:
    assert labels(rules(SUB, SHARE), "Subscribe\nShare\nSubscribe") \
        == ["subscription", "share", "subscription"]


def test_sandwich_applies_to_region_lines_but_not_from_region_neighbours() -> None:
    rs = rules(FEED, SUB)
    # the middle line belongs to the feed region, yet two line rules around it win
    out = labels(rs, "News Feed\nSubscribe\nNever miss it\nSubscribe")
    assert out == ["feed", "subscription", "subscription", "subscription"]
    # neighbours decided by a region do not sandwich
    out = labels(rs, "News Feed\nitem one\nSubscribe\nitem two")
    assert out == ["feed", "feed", "subscription", "feed"]


def test_sandwich_at_the_edges_of_the_page() -> None:
    assert labels(rules(SUB), "Never miss it\nSubscribe\nNothing after") == ["body", "subscription",
                                                                             "body"]


# --- article head ------------------------------------------------------------------

# As in the built-in packs: a byline is evidence, the scorer or the head step keeps it.
BYLINE_EVIDENCE = {**BYLINE, "decision": "evidence"}


def test_byline_and_standfirst_above_the_first_paragraph_are_kept_whatever_they_score() -> None:
    text = (f"Talks in Geneva end without a deal\nBy John Smith, May 2\n"
            f"The two sides will meet again.\nShare\n\n{PROSE}")
    out = run(rules(BYLINE_EVIDENCE, SHARE), text, [0.2, 0.1, 0.2, 0.0, 0.0, 0.9])
    assert [o[0] for o in out] == ["title", "byline", "body", "share", "blank", "body"]
    assert out[1][2][-1] == "context:head" and out[2][2][-1] == "context:head"


def test_a_kept_headline_is_no_paragraph_to_anchor_the_head() -> None:
    text = f"Talks in Geneva end without a deal\nBy John Smith, May 2\n{PROSE}"
    assert labels(rules(BYLINE_EVIDENCE), text, [0.9, 0.1, 0.9]) == ["title", "byline", "body"]


def test_head_keeps_no_line_a_rule_named_chrome_and_no_byline_far_above() -> None:
    # Evidence of other chrome between the byline and the paragraph stays dropped.
    evidence = {"id": "t.ad", "label": "ads", "phrases": ["advertisement"], "decision": "evidence"}
    text = f"By John Smith, May 2\nAdvertisement\n{PROSE}"
    out = run(rules(BYLINE_EVIDENCE, evidence), text, [0.1, 0.1, 0.9])
    assert [(o[0], o[2][-1]) for o in out] == [("byline", "context:head"), ("ads", "model:t"),
                                              ("body", "model:t")]
    # A byline more than HEAD_LOOKBACK non-blank lines above is another item's.
    between = "\n".join(f"Menu entry {i}." for i in range(HEAD_LOOKBACK))
    text = f"By John Smith, May 2\n{between}\n{PROSE}"
    out = run(rules(BYLINE_EVIDENCE), text, [0.1] * (HEAD_LOOKBACK + 1) + [0.9])
    assert out[0][2] == ("t.by", "model:t") and [o[0] for o in out[1:-1]] == ["other"] * HEAD_LOOKBACK


# --- title -------------------------------------------------------------------------

def test_title_above_the_byline() -> None:
    out = run(rules(BYLINE), "Menu thing.\nTalks in Geneva end without a deal\nBy John Smith\n\n"
                             + PROSE)
    assert [o[0] for o in out] == ["body", "title", "byline", "blank", "body"]
    assert out[1][2] == ("model:t", "context:title")


def test_title_above_the_first_body_line() -> None:
    text = f"Talks in Geneva end without a deal\n\n{PROSE}\n\n{PROSE2}"
    assert labels(rules(), text, [0.2, 0, 0.9, 0, 0.9]) == ["title", "blank", "body", "blank",
                                                              "body"]


def test_title_question_mark_is_fine_but_a_sentence_is_not() -> None:
    assert labels(rules(), f"Will the talks go on?\n{PROSE}", [0.2, 0.9])[0] == "title"
    assert labels(rules(), f"The talks will go on.\n{PROSE}", [0.2, 0.9])[0] == "other"
    assert labels(rules(), f"Talks:\n{PROSE}", [0.2, 0.9])[0] == "other"


def test_title_needs_two_words() -> None:
    assert labels(rules(), f"Geneva\n{PROSE}", [0.2, 0.9])[0] == "other"


def test_title_is_not_a_line_a_pattern_or_phrase_rule_labelled() -> None:
    rs = rules(SUB, {"id": "t.nav", "label": "navigation", "pattern": "^skip to content$"})
    assert labels(rs, f"Skip to content\n\n{PROSE}")[0] == "navigation"
    assert labels(rs, f"Subscribe\n\n{PROSE}")[0] == "subscription"
    # ...and the search goes on above it
    assert labels(rs, f"Geneva talks end\nSkip to content\n{PROSE}", [0.2, 0.9, 0.9]) \
        == ["title", "navigation", "body"]


def test_title_lookback_is_bounded() -> None:
    above = "\n".join(f"Menu entry {i}." for i in range(TITLE_LOOKBACK))
    text = f"Geneva talks end\n{above}\n{PROSE}"
    out = labels(rules(), text, [0.2] * (TITLE_LOOKBACK + 1) + [0.9])
    assert "title" not in out
    above = "\n".join(f"Menu entry {i}." for i in range(TITLE_LOOKBACK - 1))
    text = f"Geneva talks end\n{above}\n{PROSE}"
    assert labels(rules(), text, [0.2] * TITLE_LOOKBACK + [0.9])[0] == "title"


def test_only_one_title() -> None:
    text = f"Geneva talks end\n\nTalks in Geneva end\n\n{PROSE}\n\nA subheading here\n\n{PROSE2}"
    out = labels(rules(), text, [0.2, 0, 0.2, 0, 0.9, 0, 0.9, 0, 0.9])
    assert out.count("title") == 1
    assert out[2] == "title"


def test_no_body_no_title() -> None:
    assert "title" not in labels(rules(), "Geneva talks end\nMore words here", [0.1, 0.1])


def test_title_option() -> None:
    text = f"Talks in Geneva end without a deal\n\n{PROSE}\n\n{PROSE2}"
    with_title = cleaner.analyze(text, model="heuristic")
    assert with_title.lines[0].label is Label.TITLE and with_title.lines[0].kept
    assert with_title.text.startswith("Talks in Geneva end without a deal\n\n")
    without = cleaner.analyze(text, title=False, model="heuristic")
    assert without.lines[0].label is Label.TITLE and not without.lines[0].kept
    assert without.text.startswith(PROSE)


@pytest.mark.parametrize("header", ["News Feed", "Related articles", "Editors' Picks"])
def test_region_header_is_not_the_title(header: str) -> None:
    a = cleaner.analyze(f"{header}\n\n{PROSE}\n\n{PROSE2}", model="heuristic")
    assert a.lines[0].label is not Label.TITLE
    assert not a.text.startswith(header)


def test_sandwiched_chrome_is_not_the_title() -> None:
    text = ("* indicates required\nfoo bar\n* indicates required\nbaz qux\n"
            f"* indicates required\n\n{PROSE}\n\n{PROSE2}")
    a = cleaner.analyze(text, model="heuristic")
    assert a.lines[3].label is Label.SUBSCRIPTION
    assert "baz qux" not in a.text


def test_dropped_lines_take_the_kind_the_scorer_names_unless_evidence_fired() -> None:
    doc = Document.from_text(f"{PROSE}\nGreat piece, thanks!\nShare\n{PROSE2}")
    hits = rules(dict(SHARE, decision="evidence")).apply(doc)
    kinds = [Label.OTHER, Label.COMMENTS, Label.COMMENTS, Label.COMMENTS]
    out = decide(doc, hits, [0.9, 0.1, 0.1, 0.9], "t", 0.5, kinds=kinds)
    # A kept line stays body whatever kind is named; a rule's evidence names a line first.
    assert [d.label.value for d in out] == ["body", "comments", "share", "body"]
    assert [d.label.value for d in decide(doc, hits, [0.9, 0.1, 0.1, 0.9], "t", 0.5)] == \
        ["body", "other", "share", "body"]


def test_kept_body_lines_the_scorer_takes_for_comments_are_named_last() -> None:
    doc = Document.from_text(f"By Ann Lee\n{PROSE}\nComments\n{PROSE2}\nGreat piece, thanks!")
    hits = rules(BYLINE).apply(doc)
    scores = [0.9, 0.9, 0.1, 0.9, 0.2]
    thread = [0.9, 0.1, 0.9, 0.8, 0.9]
    out = decide(doc, hits, scores, "t", 0.5, fallback=False, comments=thread)
    # Dropped lines keep their labels; a kept body line or byline is named a
    # comment at even odds or more, and stays content (the options drop it).
    assert [(d.label.value, d.content) for d in out] == [
        ("comments", True), ("body", True), ("other", False), ("comments", True), ("other", False)]
    assert out[3].reasons[-1] == "context:comments"
    plain = decide(doc, hits, scores, "t", 0.5, fallback=False)
    assert [d.content for d in plain] == [d.content for d in out]


def test_a_kept_line_inside_a_thread_is_the_threads_at_any_odds() -> None:
    doc = Document.from_text(f"{PROSE}\n12 Comments\nAnn Lee says:\n{PROSE2}\nThanks, Ann.\n{PROSE}\n"
                             "Bob says:\nFooter text")
    hits = rules({"id": "t.count", "label": "comments", "phrases": ["12 comments"]}).apply(doc)
    scores = [0.9, 0.1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]
    # The head read every line below the header; it gives the signature and the
    # short reply under even odds.
    thread = [0.0, 0.0, 0.3, 0.9, 0.2, 0.9, 0.3, 0.0]
    out = decide(doc, hits, scores, "t", 0.5, fallback=False, comments=thread)
    # The header above the signature and a comment below it; the reply between
    # two comments: both the thread's. "Bob says:" has no comment below, and
    # the head never read the footer.
    assert [d.label.value for d in out] == ["body", "comments", "comments", "comments", "comments",
                                            "comments", "body", "body"]
    assert out[2].reasons[-1] == out[4].reasons[-1] == "context:comments"
    # Without a comments head, nothing is named.
    assert "comments" not in [d.label.value for d in decide(doc, hits, scores, "t", 0.5,
                                                             fallback=False)][2:]
