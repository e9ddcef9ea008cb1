"""Line segmentation and the normalised form rules and features read (cleaner.lines)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.labels import Label
from cleaner.lines import MATCH_CHARS, Document, normalise

PROSE = ("The talks in Geneva ended without a deal on Friday, and both sides said that they "
         "would meet again next week in the city to try once more for a settlement.")


@pytest.mark.parametrize("sep", ["\n", "\r\n", "\r", "\u2028", "\u2029", "\f", "\v", "\x85",
                                 "\x1c", "\x1d", "\x1e"],
                         ids=["LF", "CRLF", "CR", "LS", "PS", "FF", "VT", "NEL", "FS", "GS", "RS"])
def test_every_line_break_splits(sep: str) -> None:
    doc = Document.from_text(f"one{sep}two{sep}three")
    assert doc.lines == ("one", "two", "three")
    assert doc.norm == ("one", "two", "three")
    assert len(doc) == 3


def test_crlf_is_one_break_not_two() -> None:
    doc = Document.from_text("a\r\nb\r\n\r\nc")
    assert doc.lines == ("a", "b", "", "c")
    assert doc.blank == (False, False, True, False)


def test_lone_cr_and_mixed_breaks() -> None:
    doc = Document.from_text("a\rb\nc\r\nd\u2028e\u2029f")
    assert doc.lines == ("a", "b", "c", "d", "e", "f")


def test_trailing_break_adds_no_line_and_empty_text_has_none() -> None:
    assert Document.from_text("a\n").lines == ("a",)
    assert Document.from_text("a\n\n").lines == ("a", "")
    assert Document.from_text("").lines == ()
    assert len(Document.from_text("")) == 0


def test_original_text_is_kept_verbatim() -> None:
    raw = "\t\u00a0Body\u200b text\u00a0 "
    doc = Document.from_text(raw + "\nnext")
    assert doc.lines[0] == raw
    assert doc.norm[0] == "Body text"


@pytest.mark.parametrize(("raw", "norm"), [
    ("  Skip to content  ", "Skip to content"),
    ("\tSkip\tto\t\tcontent\t", "Skip to content"),
    ("Skip\u00a0to\u00a0content", "Skip to content"),
    ("Skip\u202fto\u2009content\u3000", "Skip to content"),
    ("Skip\u2003\u2003to content", "Skip to content"),
    ("Sk\u200bip to con\u200ctent\u200d", "Skip to content"),
    ("\ufeffSkip to content", "Skip to content"),
    ("Skip\u2060 to\u00ad content", "Skip to content"),
    ("\u200b\u200b", ""),
    ("\u00a0\t \u3000", ""),
    ("", ""),
    ("Über\u00a0Straße", "Über Straße"),
])
def test_normalise(raw: str, norm: str) -> None:
    assert normalise(raw) == norm


def test_normalise_keeps_case_and_punctuation() -> None:
    assert normalise("  Hello, World!  ") == "Hello, World!"


def test_normalise_cuts_long_lines() -> None:
    assert len(normalise("word " * 100_000)) <= MATCH_CHARS
    assert normalise("x" * (MATCH_CHARS + 10)) == "x" * MATCH_CHARS


def test_blank_mask_covers_whitespace_and_zero_width_lines() -> None:
    doc = Document.from_text("a\n \n\t\n\u00a0\n\u200b\n\fb")
    # \f is a line break itself, so "\fb" gives an empty line then "b"
    assert doc.blank == (False, True, True, True, True, True, False)


def test_whitespace_only_lines_are_labelled_blank() -> None:
    a = cleaner.analyze("\u00a0\u00a0\n\t\t\n\u200b\n")
    assert [line.label for line in a.lines] == [Label.BLANK] * 3
    assert a.text == ""


def test_nbsp_and_zero_width_do_not_hide_a_rule() -> None:
    a = cleaner.analyze("\u00a0Skip\u00a0to\u200b content\u00a0")
    assert a.lines[0].label is Label.NAVIGATION
    # ...and the original text is what the result reports.
    assert a.lines[0].text == "\u00a0Skip\u00a0to\u200b content\u00a0"


def test_tabs_inside_prose_do_not_change_the_verdict() -> None:
    tabbed = PROSE.replace(" ", "\t")
    a = cleaner.analyze(tabbed + "\n\n" + PROSE)
    assert a.lines[0].label is a.lines[2].label is Label.BODY
    assert a.text.split("\n")[0] == tabbed


def test_long_leading_whitespace_does_not_make_a_line_blank() -> None:
    assert normalise(" " * 9000 + "Hello") == "Hello"
    a = cleaner.analyze(" " * 9000 + PROSE + "\n\n" + PROSE)
    assert a.lines[0].label is not Label.BLANK
    assert a.lines[0].kept


def test_fifty_megabyte_single_line() -> None:
    text = (PROSE + " ") * (50_000_000 // (len(PROSE) + 1))
    assert len(text) > 49_000_000
    a = cleaner.analyze(text)
    assert len(a.lines) == 1
    assert a.lines[0].text == text  # verbatim, not cut
    assert a.lines[0].label is Label.BODY
    assert a.text == text


def test_fifty_megabyte_line_without_spaces() -> None:
    text = "ab" * 25_000_000
    a = cleaner.analyze(text + "\n" + PROSE)
    assert len(a.lines) == 2
    assert a.lines[0].text == text


def test_many_short_lines() -> None:
    # A million lines takes ~37 s in the current pipeline (about 28k lines/s on the
    # dev machine); 200k keeps this test at a few seconds and still exercises scale.
    n = 200_000
    text = "".join(f"Line {i % 97} of the page.\n" if i % 5 else "\n" for i in range(n))
    a = cleaner.analyze(text)
    assert len(a.lines) == n
    assert [line.index for line in a.lines[:5]] == [0, 1, 2, 3, 4]
    assert a.lines[-1].index == n - 1


def _general_normalise(line: str) -> str:
    """The general path of normalise(), without the ASCII fast path."""
    from cleaner import lines

    head = line[: MATCH_CHARS * 2]
    return lines._SPACES.sub(" ", lines._ZERO_WIDTH.sub("", head)).strip()[:MATCH_CHARS]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_fast_path_agrees_with_the_general_path(text: str) -> None:
    for line in text.splitlines() or [""]:
        assert normalise(line) == _general_normalise(line), repr(line)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_normalise_properties(text: str) -> None:
    for line in text.splitlines():
        norm = normalise(line)
        assert normalise(norm) == norm
        assert norm == norm.strip()
        assert "  " not in norm and "\t" not in norm and "\u00a0" not in norm
        assert "\u200b" not in norm
