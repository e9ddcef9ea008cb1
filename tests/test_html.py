"""The HTML renderer: layout like innerText, invisible content dropped, decoding that never fails."""

from __future__ import annotations

import codecs

from cleaner.html import decode_html, render_lines, render_text


def test_blocks_break_lines_and_inline_elements_join():
    html = "<div>One <b>bold</b> <a href='#'>link</a></div><div>two</div><span>three</span><em>four</em>"
    assert render_lines(html) == ["One bold link", "two", "threefour"]


def test_paragraphs_and_headings_are_set_off_by_one_blank_line():
    html = "<h2>Head</h2><p>First.</p><p>Second.</p><div>plain</div><div>block</div><blockquote>q</blockquote>"
    assert render_lines(html) == ["Head", "", "First.", "", "Second.", "", "plain", "block", "", "q"]


def test_no_empty_lines_from_empty_blocks_and_none_at_the_ends():
    html = "<p></p><div> </div><p>text</p><div><p> </p></div><p></p>"
    assert render_lines(html) == ["text"]


def test_br_breaks_a_line_and_two_br_make_a_paragraph():
    assert render_lines("a<br>b<br><br>c<br><br><br>d") == ["a", "b", "", "c", "", "d"]


def test_script_style_noscript_template_title_and_comments_are_dropped():
    html = ("<html><head><title>T</title><style>p{}</style></head><body>"
            "<script>alert('x')</script><noscript>Enable JS</noscript><template><p>tpl</p></template>"
            "<!-- a comment --><p>kept</p></body></html>")
    assert render_lines(html) == ["kept"]


def test_hidden_and_display_none_are_dropped_but_aria_hidden_is_kept():
    html = ('<div hidden>h1</div><div style="color:red; DISPLAY : none">h2</div>'
            '<div aria-hidden="true">shown</div><div style="display:block">also</div>')
    assert render_lines(html) == ["shown", "also"]


def test_tail_text_after_a_hidden_element_is_kept_on_the_same_line():
    assert render_lines('<p>before <span hidden>x</span>after</p>') == ["before after"]


def test_entities_are_decoded_and_whitespace_collapsed():
    html = "<p>Fish&nbsp;&amp;&nbsp;chips &eacute; &#8212; &#x263A;\n\n   end\t</p>"
    assert render_lines(html) == ["Fish & chips é — ☺ end"]


def test_table_cells_are_joined_with_a_tab_per_row():
    html = "<table><tr><th>Name</th><th>Age</th></tr><tr><td>Ann</td><td></td><td>41</td></tr></table>"
    assert render_lines(html) == ["Name\tAge", "Ann\t41"]


def test_layout_table_with_blocks_in_cells_gives_separate_lines():
    html = "<table><tr><td><p>Menu</p></td><td><p>Article text.</p><p>More.</p></td></tr></table>"
    assert render_lines(html) == ["Menu", "", "Article text.", "", "More."]


def test_pre_keeps_its_line_breaks():
    assert render_lines("<pre>line one\n  line two\n</pre><p>after</p>") == ["line one", "line two", "", "after"]


def test_list_items_and_definition_lists_are_lines():
    html = "<ul><li>a</li><li>b <i>c</i></li></ul><dl><dt>term</dt><dd>definition</dd></dl>"
    assert render_lines(html) == ["a", "b c", "term", "definition"]


def test_deep_nesting_does_not_recurse():
    # Unclosed <font> and <div> tags in old pages nest thousands deep; libxml2's
    # default limit is 256 levels, the parser here allows 2048.
    html = "<div>" * 1500 + "deep" + "</div>" * 1500
    assert render_lines(html) == ["deep"]
    assert isinstance(render_lines("<div>" * 20000 + "deeper"), list)


def test_stray_document_end_tags_do_not_cut_the_page():
    html = "<html><body><p>one</p></body></html><div>two</div></body></html><p>three</p>"
    assert [line for line in render_lines(html) if line] == ["one", "two", "three"]


def test_unclosed_title_does_not_swallow_the_page():
    html = "<html><head><title>Broken title</titlex>" + "<p>Body text of the page.</p>" * 60
    assert "Body text of the page." in render_lines(html)


def test_unclosed_noscript_does_not_hide_the_page():
    html = "<body><noscript><div>" + "".join(f"<p>para {i}</p>" for i in range(50)) + "</div></body>"
    assert "para 49" in render_lines(html)


def test_bytes_meta_charset_is_used():
    data = '<html><head><meta charset="iso-8859-1"></head><body><p>café</p></body></html>'.encode("latin-1")
    assert render_lines(data) == ["café"]


def test_bytes_http_equiv_charset_is_used():
    data = ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
            "<p>Привет</p>").encode("cp1251")
    assert render_lines(data) == ["Привет"]


def test_bytes_bom_wins_over_meta():
    data = codecs.BOM_UTF8 + '<meta charset="iso-8859-1"><p>naïve</p>'.encode("utf-8")
    assert render_lines(data) == ["naïve"]
    utf16 = "<p>déjà vu</p>".encode("utf-16")
    assert render_lines(utf16) == ["déjà vu"]


def test_bytes_without_declaration_try_utf8_then_cp1252():
    assert render_lines("<p>Zürich</p>".encode("utf-8")) == ["Zürich"]
    assert render_lines("<p>it’s “quoted”</p>".encode("cp1252")) == ["it’s “quoted”"]


def test_wrong_or_unknown_declaration_falls_back():
    assert decode_html('<meta charset="no-such-codec"><p>é</p>'.encode("utf-8")).endswith("é</p>")
    # Declared UTF-8 but the bytes are cp1252: not decodable as declared, so cp1252.
    assert decode_html('<meta charset="utf-8"><p>é</p>'.encode("cp1252")).endswith("é</p>")


def test_xml_declaration_in_a_string_is_fine():
    html = '<?xml version="1.0" encoding="ISO-8859-1"?><html><body><p>x</p></body></html>'
    assert render_lines(html) == ["x"]


def test_garbage_never_raises():
    for junk in ("", "   ", b"", b"\x00\x00\xff\xfe\x00", "<", "<<<>>>", "<!-- only a comment -->",
                 "</p></div>", bytes(range(256)), "\x00\x01text\x02"):
        lines = render_lines(junk)
        assert isinstance(lines, list)
        assert all(isinstance(line, str) and "\n" not in line for line in lines)
    assert render_lines("") == [] and render_lines(b"") == []


def test_render_text_joins_lines():
    assert render_text("<p>a</p><div>b</div>") == "a\n\nb"
