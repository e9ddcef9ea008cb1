"""Line labelling by token alignment against a re-wrapped gold text."""

from __future__ import annotations

import pytest

from cleaner.bench.align import align, tokenize

PAGE = [
    "Home | News | Sport",
    "",
    "Bridge to close for the summer",
    "By Anna Smith",
    "",
    "The council voted on Tuesday to close the old bridge for repairs, and the work",
    "is expected to take most of the summer, the city engineer said.",
    "Advertisement",
    "Residents on the north side will have to use the ferry.",
    "Share on Facebook",
    "News",
]
# The same article re-wrapped, with different spacing and punctuation.
GOLD = [
    "Bridge to close for the summer",
    "The council voted on Tuesday to close the old bridge for repairs,",
    "and the work is expected to take most of the summer, the city engineer said. Residents on",
    "the north side will have to use the ferry.",
]


def test_marks_exactly_the_article_lines():
    result = align(PAGE, GOLD)
    assert [i for i, c in enumerate(result.content) if c] == [2, 5, 6, 8]
    assert result.recall == 1.0 and result.precision == 1.0 and result.confidence == 1.0


def test_single_words_that_also_occur_in_the_gold_are_not_content():
    # "News" and "Home" are gold-free chrome; "summer" alone is a chance match.
    result = align(["News", "summer", "Bridge to close for the summer"], ["News about the bridge",
                                                                          "Bridge to close for the summer"])
    assert result.content == [False, False, True]


def test_short_line_that_is_a_whole_gold_line_is_content():
    result = align(["Menu", "Introduction", "Some text of the article follows here."],
                   ["Introduction", "Some text of the article follows here."])
    assert result.content == [False, True, True]


def test_line_mostly_outside_the_gold_is_not_content():
    result = align(["Bridge to close soon; subscribe now for only one dollar a week to read on"],
                   ["Bridge to close soon"])
    assert result.content == [False]
    assert result.recall == 0.0


def test_gold_in_another_order_is_found_by_the_second_pass():
    page = ["The second paragraph comes first on the page, as a teaser for readers.",
            "Menu",
            "The first paragraph of the article is long enough to be looked up by shingles."]
    gold = ["The first paragraph of the article is long enough to be looked up by shingles.",
            "The second paragraph comes first on the page, as a teaser for readers."]
    assert align(page, gold).content == [True, False, True]


def test_repeated_line_is_content_only_as_often_as_the_gold_has_it():
    line = "A long sentence that the page repeats twice in two different places."
    result = align([line, "Other", line], [line])
    assert sum(result.content) == 1


def test_tokenless_lines_follow_their_neighbours():
    page = ["First paragraph of the story is here.", "* * *", "Second paragraph of the story is here.",
            "|", "Footer links go here"]
    gold = ["First paragraph of the story is here.", "Second paragraph of the story is here."]
    assert align(page, gold).content == [True, True, True, False, False]


def test_classes_pick_content_and_name_the_rest():
    page = ["Storm hits the coast", "Winds of a hundred miles an hour hit the coast overnight.",
            "Earlier: rain floods the valley roads", "Reader: stay safe everyone out there"]
    gold = page
    classes = [[1] * 4, [2] * 11, [4] * 6, [5] * 6]
    result = align(page, gold, [[c for c in cls] for cls in classes], content_classes=frozenset({1, 2}))
    assert result.content == [True, True, False, False]
    assert result.classes == [1, 2, 4, 5]


def test_recall_counts_gold_tokens_missing_from_the_page():
    result = align(["one two three four"], ["one two three four", "five six seven eight"])
    assert result.content == [True]
    assert result.recall == pytest.approx(0.5)


def test_class_count_must_match_the_gold_tokens():
    with pytest.raises(ValueError):
        align(["a b c"], ["a b c"], [[1, 1]])


def test_tokenize_is_lowercase_unicode_words():
    assert tokenize("Straße, ÉTÉ & naïve_x 42") == ["straße", "été", "naïve_x", "42"]
