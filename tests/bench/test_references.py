"""The reference systems: what each keeps on small hand-made pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.bench.page import Page
from cleaner.bench.references import (
    REFERENCES,
    c4_filter,
    c4_keep,
    identity,
    oracle,
    justext_html,
    justext_lines,
    read_html,
    trafilatura_html,
)

PROSE = ("The council voted on Tuesday to close the old bridge for repairs, and the work is "
         "expected to take most of the summer, according to the city engineer who spoke to us at the "
         "meeting, where more than a hundred people had come to hear what the plans were.")
PROSE2 = ("Residents who live on the north side of the river will have to use the ferry or drive "
          "around through the next town, which adds about twenty minutes to the trip each way, and the "
          "council has said that it will pay for extra buses for as long as the work goes on.")
LINES = ["Home", "News", "Sport", "", PROSE, "", PROSE2, "", "Share on Facebook", "Privacy policy"]
PAGE = Page("fixture", "example.com", "fixture/1", LINES,
            ["navigation"] * 3 + ["blank", "body", "blank", "body", "blank", "share", "legal"],
            [False, False, False, False, True, False, True, False, False, False], 1.0,
            f"{PROSE}\n{PROSE2}", html_path="page.html")
HTML = f"""<html><head><title>Bridge</title><script>var x = 1;</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Bridge to close for the summer</h1><p>{PROSE}</p><p>{PROSE2}</p></article>
<footer><a href="/privacy">Privacy policy</a> <a href="/share">Share on Facebook</a></footer>
</body></html>"""


def test_identity_keeps_every_line() -> None:
    prediction = identity(PAGE)
    assert prediction.text == PAGE.text
    assert prediction.kept == (True,) * len(LINES)


def test_oracle_keeps_the_gold_lines_only() -> None:
    prediction = oracle(PAGE)
    assert prediction.kept == tuple(PAGE.content)
    assert prediction.text == "\n".join(line for line, gold in zip(LINES, PAGE.content) if gold)


@pytest.mark.parametrize(("line", "kept"), [
    ("The minister resigned on Monday.", True),
    ("Did the minister resign?", True),
    ('He said: "I resign."', True),
    ("He said: \u201cI resign.\u201d", True),
    ("  Padded with spaces, it still ends well.  ", True),
    ("Read more", False),                                   # no terminal punctuation
    ("Yes indeed.", False),                                 # two words
    ("Please enable JavaScript to view the comments.", False),
    ("This site uses cookies to improve your experience.", False),
    ("Read our Terms of Use before you post.", False),
    ("Lorem ipsum dolor sit amet, consectetur.", False),
    ("function f() { return 1; } is what we wrote.", False),
    ("A word " + "x" * 1001 + " that is far too long.", False),
    ("", False),
])
def test_c4_rules(line: str, kept: bool) -> None:
    assert c4_keep(line) is kept


def test_c4_filter_reports_kept_lines() -> None:
    prediction = c4_filter(PAGE)
    assert prediction.kept == tuple(i in (4, 6) for i in range(len(LINES)))
    assert prediction.text == f"{PROSE}\n{PROSE2}"


@pytest.mark.parametrize("language", ["English", "all"])
def test_justext_on_lines_keeps_the_prose(language: str) -> None:
    prediction = justext_lines(PAGE, language)
    assert prediction.kept is not None
    assert [i for i, k in enumerate(prediction.kept) if k] == [4, 6]
    assert PROSE in prediction.text and "Share on Facebook" not in prediction.text


def test_justext_on_lines_escapes_markup_in_text() -> None:
    page = Page("f", "s", "p", [f"<b>{PROSE}</b> & more", "<script>"], ["body", "other"],
                [True, False], 1.0, PROSE)
    prediction = justext_lines(page)
    assert prediction.kept is not None and len(prediction.kept) == 2
    assert "<b>" in prediction.text


def test_justext_on_an_empty_page() -> None:
    page = Page("f", "s", "p", ["", "  "], ["blank", "blank"], [False, False], 1.0, "")
    assert justext_lines(page).text == ""


@pytest.mark.parametrize("extract", [trafilatura_html, justext_html])
def test_html_references_find_the_article(extract) -> None:
    text = extract(HTML).text
    assert PROSE in text and PROSE2 in text
    assert "Privacy policy" not in text
    assert "var x" not in text


def test_html_references_survive_an_empty_document() -> None:
    assert trafilatura_html("").text == ""
    assert justext_html("<html></html>").text == ""


def test_read_html_decodes_legacy_bytes(tmp_path: Path) -> None:
    raw = f"<p>Caf\u00e9 {PROSE}</p>".encode("cp1252")
    (tmp_path / "page.html").write_bytes(raw)
    text, size = read_html(tmp_path, PAGE)
    assert "Caf\u00e9" in text
    assert size == len(raw)


def test_registry_names_and_sources() -> None:
    assert {"identity", "oracle", "c4", "justext-lines", "justext-lines-all", "trafilatura",
            "justext-html"} <= set(REFERENCES)
    assert REFERENCES["trafilatura"].source == "html"
    assert REFERENCES["c4"].source == "lines"


def test_heavy_libraries_load_only_when_used() -> None:
    code = ("import sys, cleaner.bench.cli, cleaner.bench.references, cleaner.bench.runner; "
            "print(sorted(m for m in ('justext', 'trafilatura', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
