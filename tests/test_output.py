"""Assembling the article from kept lines (cleaner.output) and the result object."""

from __future__ import annotations

import json

import pytest

import cleaner
from cleaner.labels import Label
from cleaner.output import assemble
from cleaner.result import Analysis, LineResult


def test_nothing_kept() -> None:
    assert assemble([], [], []) == ""
    assert assemble(["a", "", "b"], [False, False, False], [False, True, False]) == ""


def test_adjacent_kept_lines_join_with_one_newline() -> None:
    assert assemble(["a", "b", "c"], [True] * 3, [False] * 3) == "a\nb\nc"


def test_one_blank_line_where_the_input_had_blanks() -> None:
    lines = ["a", "", "", "", "b"]
    assert assemble(lines, [True, False, False, False, True],
                    [False, True, True, True, False]) == "a\n\nb"


def test_dropped_non_blank_lines_leave_no_gap() -> None:
    assert assemble(["a", "menu", "b"], [True, False, True], [False, False, False]) == "a\nb"


def test_a_blank_anywhere_between_two_kept_lines_makes_a_gap() -> None:
    lines = ["a", "menu", "", "share", "b"]
    assert assemble(lines, [True, False, False, False, True],
                    [False, False, True, False, False]) == "a\n\nb"


def test_no_leading_or_trailing_blank_lines() -> None:
    lines = ["", "menu", "", "a", "", "footer", ""]
    kept = [False, False, False, True, False, False, False]
    blank = [True, False, True, False, True, False, True]
    assert assemble(lines, kept, blank) == "a"


def test_kept_lines_are_verbatim() -> None:
    lines = ["\u00a0 indented\t", "", "trailing  "]
    assert assemble(lines, [True, False, True], [False, True, False]) == \
        "\u00a0 indented\t\n\ntrailing  "


def test_whitespace_only_line_counts_as_blank_when_flagged() -> None:
    lines = ["a", "   ", "b"]
    assert assemble(lines, [True, False, True], [False, True, False]) == "a\n\nb"


def _analysis() -> Analysis:
    return Analysis((
        LineResult(0, "Skip", Label.NAVIGATION, False, None, ("navigation.menu-words",)),
        LineResult(1, "", Label.BLANK, False, None, ()),
        LineResult(2, "Body text.", Label.BODY, True, 0.912345, ("model:heuristic",)),
        LineResult(3, "More body.", Label.BODY, True, 0.8, ("model:heuristic",)),
    ), ("an error",))


def test_analysis_text_and_counts() -> None:
    a = _analysis()
    assert a.text == "Body text.\nMore body."
    assert a.label_counts() == {"navigation": 1, "blank": 1, "body": 2}
    assert a.rule_counts() == {"navigation.menu-words": 1, "model:heuristic": 2}


def test_analysis_to_dict_and_json() -> None:
    a = _analysis()
    d = json.loads(a.to_json())
    assert d["text"] == a.text
    assert d["errors"] == ["an error"]
    assert d["labels"] == a.label_counts()
    assert d["lines"][2] == {"index": 2, "text": "Body text.", "label": "body", "kept": True,
                             "score": 0.9123, "reasons": ["model:heuristic"]}
    assert d["lines"][0]["score"] is None
    assert json.loads(a.to_json(indent=2)) == d


def test_to_json_keeps_non_ascii() -> None:
    a = cleaner.analyze("Grüße aus Köln — “quoted”")
    assert "Grüße" in a.to_json()


@pytest.mark.parametrize(("text", "expected"), [
    ("", ""),
    ("\n\n\n", ""),
])
def test_pipeline_empty(text: str, expected: str) -> None:
    assert cleaner.clean(text) == expected
