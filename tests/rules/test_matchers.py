"""Phrase keys, the literal scanner and line-start patterns (cleaner.rules.matchers)."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.rules.engine import RuleSet, _search_line_starts
from cleaner.rules.matchers import (
    LiteralScanner, compile_pattern, folded_key, folded_keys, line_start_pattern, phrase_key,
)


@pytest.mark.parametrize(("text", "key"), [
    ("Skip to content", "skip to content"),
    ("  • Skip to  Content »", "skip to content"),
    ("SUBSCRIBE NOW!!!", "subscribe now"),
    ("Email address *", "email address"),
    ("Back to top ↑", "back to top"),
    ("«Share»", "share"),
    ("Straße", "strasse"),  # casefold, not lower
    ("tab\tseparated\nwords", "tab separated words"),
    ("Don't miss", "don't miss"),  # inner punctuation stays
    ("...", ""),
    ("", ""),
])
def test_phrase_key(text: str, key: str) -> None:
    assert phrase_key(text) == key


def test_phrase_key_is_idempotent() -> None:
    for text in ["  • Skip to  Content »", "A.B.C.", "€5 off!"]:
        assert phrase_key(phrase_key(text)) == phrase_key(text)


# Plain ASCII pages take a shortcut; the other alphabet makes pages that do not.
@given(st.lists(st.text(alphabet=st.sampled_from("ab -.!*"), max_size=12), min_size=1, max_size=6)
       | st.lists(st.text(alphabet=st.sampled_from("ab -.!»\t\x01é"), max_size=12), min_size=1,
                  max_size=6),
       st.integers(0, 10))
def test_folded_keys_of_a_page_are_the_keys_of_its_lines(lines: list[str], limit: int) -> None:
    assert folded_keys(lines, limit) == [folded_key(line) if len(line) <= limit else line
                                         for line in lines]


def found_per_line(scan: LiteralScanner, lines: list[str]) -> list[set[str]]:
    """What the scanner finds in each line, lines without a literal included."""
    found = scan.find(lines)
    assert all(found.values()), "lines without a literal are left out"
    return [found.get(i, set()) for i in range(len(lines))]


def test_scanner_word_boundaries() -> None:
    scan = LiteralScanner(["share", "sign up", ""], words=True)
    assert found_per_line(scan, ["please share this", "sign up today", "shareholders met",
                                 "resign upward", "", "share"]) == [
        {"share"}, {"sign up"}, set(), set(), set(), {"share"}]


def test_scanner_overlaps_and_prefixes() -> None:
    scan = LiteralScanner(["sign", "sign up", "up", "ign"], words=False)
    assert found_per_line(scan, ["please sign up", "signal", "nothing"]) == [
        {"sign", "sign up", "ign", "up"}, {"sign", "ign"}, set()]
    words = LiteralScanner(["sign", "sign up", "up", "ign"], words=True)
    assert found_per_line(words, ["please sign up", "signal"]) == [{"sign", "sign up", "up"}, set()]


def test_scanner_reports_each_line_separately() -> None:
    scan = LiteralScanner(["ab"], words=False)
    # a literal must not be found across the joint of two lines
    assert scan.find(["xa", "bx", "ab"]) == {2: {"ab"}}
    assert LiteralScanner([], words=True).find(["anything"]) == {}
    assert scan.find([]) == {}


text_line = st.text(alphabet=st.sampled_from("ab c-é_.😀"), max_size=15)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab c-é_.😀"), min_size=1, max_size=4),
                min_size=1, max_size=8),
       st.lists(text_line, max_size=6), st.booleans())
def test_scanner_agrees_with_a_naive_search(literals: list[str], lines: list[str],
                                            words: bool) -> None:
    def naive(line: str) -> set[str]:
        out = set()
        for lit in set(literals):
            for start in range(len(line) - len(lit) + 1):
                if line[start:start + len(lit)] != lit:
                    continue
                if words:
                    before = line[start - 1] if start else ""
                    after = line[start + len(lit)] if start + len(lit) < len(line) else ""
                    if (before and (before.isalnum() or before == "_")) or \
                            (after and (after.isalnum() or after == "_")):
                        continue
                out.add(lit)
        return out

    scan = LiteralScanner(literals, words=words)
    assert found_per_line(scan, lines) == [naive(line) for line in lines]


def test_compile_pattern_case() -> None:
    assert compile_pattern("skip", case_sensitive=False).search("SKIP")
    assert not compile_pattern("skip", case_sensitive=True).search("SKIP")
    assert compile_pattern(r"\p{Lu}\w+", case_sensitive=True).search("Ärger")
    with pytest.raises(regex.error):
        compile_pattern("(unclosed", case_sensitive=False)


@pytest.mark.parametrize(("pattern", "joined"), [
    (r"^skip to (content|menu)\b", True),
    (r"^(?!.*[.!]$)(sponsored by|presented by) ", True),
    (r"^[Bb]y:? \p{Lu}[\p{L}'’.-]+(?i: and)?$", True),
    (r"skip to content", False),  # not anchored
    (r"^a|b", False),  # a branch not anchored
    (r"^[^.]+$", False),  # a negated class matches a newline
    (r"^a\s+b", False),
    (r"^(?s)a.b", False),
    (r"^a\Z", False),
    (r"^(ab){e<=1}", False),
    (r"^(a)\1", False),
])
def test_line_start_pattern_only_where_the_line_bounds_the_pattern(pattern: str,
                                                                   joined: bool) -> None:
    assert (line_start_pattern(pattern, case_sensitive=False) is not None) is joined


def search_each(pattern: str, lines: list[str]) -> list[int]:
    compiled = compile_pattern(pattern, case_sensitive=False)
    return [i for i, line in enumerate(lines) if compiled.search(line)]


def test_line_start_patterns_of_the_packs_find_what_a_search_per_line_finds() -> None:
    lines = ["Skip to content", "By Jane Doe", "by Jane Doe and John Roe, Reuters",
             "January 21, 2022", "Published: March 3, 2021 at 10:30 am", "12:30", "5 min ago",
             "1 2 3 … next", "Page 2 of 5", "Read more: the talks", "Photo: Reuters",
             "The talks ended.", "Follow us on Twitter", "» next", "Support us"]
    for rule in RuleSet.load().rules:
        joined = line_start_pattern(rule.pattern, rule.case_sensitive) if rule.pattern else None
        if joined is None:
            continue
        each = compile_pattern(rule.pattern, rule.case_sensitive)
        expected = [i for i, line in enumerate(lines) if each.search(line)]
        assert _search_line_starts(joined, lines, list(range(len(lines)))) == expected, rule.id


piece = st.sampled_from(["a", "b", " ", ".", "\\b", "\\w+", "\\d", "[ab]", "(a|b)", "(?:ab)?",
                         "x*", "$", "(?=a)", "(?<!b)", "(?<=\\w)", "\\S", "\\p{L}", "b{1,2}"])


@settings(max_examples=300, deadline=None)
@given(st.lists(piece, min_size=1, max_size=5), st.lists(text_line.filter(bool), max_size=6))
def test_line_start_pattern_agrees_with_a_search_per_line(pieces: list[str],
                                                          lines: list[str]) -> None:
    pattern = "^" + "".join(pieces)
    joined = line_start_pattern(pattern, case_sensitive=False)
    assert joined is not None, pattern
    rows = list(range(len(lines)))
    assert _search_line_starts(joined, lines, rows) == search_each(pattern, lines), pattern
