from __future__ import annotations

import pytest

from cleaner.bench.renderers import RENDERERS, render

PAGE = """<html><head><title>Bridge closes</title><style>p { color: red }</style></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<p>The <a href="/bridge">old bridge</a> will close for <b>two</b> months.</p>
<script>track("view")</script>
<p>Repairs start in June.</p>
</body></html>"""


def test_text_nodes_break_a_paragraph_at_each_inline_element() -> None:
    assert render(PAGE, "text-nodes") == [
        "Bridge closes", "Home", "News", "The", "old bridge", "will close for", "two", "months.",
        "Repairs start in June."]


def test_text_nodes_of_nothing() -> None:
    assert render("", "text-nodes") == []
    assert render("<p> </p><script>x()</script>", "text-nodes") == []


def test_every_renderer_gives_stripped_lines_with_single_blank_lines() -> None:
    for renderer in RENDERERS:
        pytest.importorskip({"html-text": "html_text", "inscriptis": "inscriptis"}.get(renderer, "lxml"))
        lines = render(PAGE, renderer)
        assert any("Repairs start in June." in line for line in lines), renderer
        assert all(line == line.strip() for line in lines)
        assert lines[0] and lines[-1]
        assert not any(a == b == "" for a, b in zip(lines, lines[1:]))


def test_inscriptis_lays_a_layout_table_out_as_a_grid() -> None:
    pytest.importorskip("inscriptis")
    table = ("<table><tr><td><p>Weather</p><p>Sport</p></td>"
             "<td><p>The old bridge will close.</p><p>Repairs start in June.</p></td></tr></table>")
    lines = [" ".join(line.split()) for line in render(table, "inscriptis")]
    assert "Weather The old bridge will close." in lines


def test_unknown_renderer_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown renderer"):
        render(PAGE, "lynx")
