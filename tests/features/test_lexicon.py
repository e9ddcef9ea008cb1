"""The lexicon: what it learns from which pages, and how it scores lines."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.features.lexicon import Lexicon, learn_lexicon
from cleaner.features.shape import line_tokens, shape_stats


def _pages(sites: int, lines: list[str], gold: list[bool]) -> list[tuple[str, list[str], list[bool]]]:
    return [(f"site{k}.example", lines, gold) for k in range(sites)]


def test_chrome_words_weigh_against_and_prose_words_for() -> None:
    pages = _pages(4, ["Subscribe to our newsletter", "The vote was close, although it was late.",
                       "Subscribe", "The council met."], [False, True, False, True])
    lexicon = learn_lexicon(pages, min_sites=4, prior=1.0)
    assert lexicon.weight("subscribe") < 0
    assert lexicon.weight("although") > 0
    # "the" is on gold lines only here too; "to" on chrome only.
    assert lexicon.weight("the") > 0 > lexicon.weight("to")


def test_a_word_seen_on_too_few_sites_is_left_out() -> None:
    pages = _pages(3, ["Subscribe now", "The vote was close."], [False, True])
    pages.append(("one.example", ["Zanzibar daily", "The vote was close."], [False, True]))
    lexicon = learn_lexicon(pages, min_sites=3, prior=1.0)
    assert "subscribe" in lexicon.weights and "vote" in lexicon.weights
    assert "zanzibar" not in lexicon.weights


def test_tokens_with_a_digit_are_left_out() -> None:
    pages = _pages(3, ["Copyright 2009 Example", "It rained in 2009."], [False, True])
    lexicon = learn_lexicon(pages, min_sites=1, prior=1.0)
    assert "2009" not in lexicon.weights and "copyright" in lexicon.weights


def test_the_prior_pulls_rare_words_towards_zero() -> None:
    pages = _pages(3, ["Subscribe", "The vote was close."], [False, True])
    weak, strong = (learn_lexicon(pages, min_sites=1, prior=p).weight("subscribe") for p in (100.0, 1.0))
    assert strong < weak < 0


@pytest.mark.parametrize("pages", [[], _pages(3, ["Read more"], [False]), _pages(3, ["The end."], [True]),
                                   _pages(3, ["", "123 456"], [False, True])])
def test_no_evidence_gives_an_empty_lexicon(pages: list[tuple[str, list[str], list[bool]]]) -> None:
    assert learn_lexicon(pages, min_sites=1).weights == {}


def test_line_scores_are_the_mean_lowest_and_highest_weight() -> None:
    lexicon = Lexicon({"rss": -2.0, "feeds": -1.0, "although": 3.0})
    s = shape_stats(["RSS feeds", "Although", "nothing known here", "RSS although"], lexicon)
    assert s["lex_mean"].tolist() == [-1.5, 3.0, 0.0, 0.5]
    assert s["lex_min"].tolist() == [-2.0, 0.0, 0.0, -2.0]
    assert s["lex_max"].tolist() == [0.0, 3.0, 0.0, 3.0]


def test_without_a_lexicon_or_tokens_the_scores_are_zero() -> None:
    assert shape_stats(["RSS feeds", "!!!"])["lex_mean"].tolist() == [0.0, 0.0]
    s = shape_stats(["!!!", "---"], Lexicon({"rss": -2.0}))
    assert s["lex_min"].tolist() == [0.0, 0.0]
    assert shape_stats(["RSS"], Lexicon({}))["lex_mean"].tolist() == [0.0]


def test_words_are_matched_case_blind_and_in_any_script() -> None:
    lexicon = Lexicon({"straße": 1.0, "новости": -1.0})
    s = shape_stats(["STRASSE", "Straße", "Новости"], lexicon)
    assert s["lex_mean"].tolist() == [0.0, 1.0, -1.0]


def test_round_trip_through_json() -> None:
    lexicon = Lexicon({"rss": -2.5, "although": 1.25})
    again = Lexicon.from_dict(json.loads(json.dumps(lexicon.to_dict())))
    assert again.weights == lexicon.weights
    assert list(again.weights) == sorted(again.weights)
    with pytest.raises(ValueError):
        Lexicon.from_dict(["rss"])  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Lexicon.from_dict({"rss": "much"})


def test_learned_words_are_the_tokens_the_page_scan_sees() -> None:
    owner, hashes, digit, words = line_tokens(["Don't  stop", "İstanbul"])
    assert owner.tolist() == [0, 0, 0, 1]
    # A capital whose lower case is two characters keeps its own code, as in shape_stats.
    assert words == ["don", "t", "stop", "İstanbul"] and not digit.any()
    lexicon = learn_lexicon(_pages(2, ["Don't stop", "İstanbul calling."], [False, True]), min_sites=1)
    # Every learned word scores its own token on a page.
    for word, weight in lexicon.weights.items():
        s = shape_stats([word], lexicon)
        assert s["lex_mean"][0] == pytest.approx(weight)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=30).filter(lambda t: t.strip() == t and "\n" not in t),
                min_size=1, max_size=8))
def test_scores_never_fail_and_have_one_value_per_line(lines: list[str]) -> None:
    lexicon = Lexicon({"a": -1.0, "b": 2.0, "é": 0.5})
    s = shape_stats(lines, lexicon)
    assert all(len(s[k]) == len(lines) for k in ("lex_mean", "lex_min", "lex_max"))
    assert np.all(s["lex_min"] <= 0) and np.all(s["lex_max"] >= 0)
    assert np.all((s["lex_min"] <= s["lex_mean"]) & (s["lex_mean"] <= s["lex_max"]))
