"""HTML to text lines, close to what a browser's ``innerText`` gives a scraper.

The layout rules, simplified from the HTML rendering model:

* every block element (``p``, ``div``, ``h1``-``h6``, ``li``, ``tr``,
  ``article``, ``section``, ``nav``, ``blockquote``, ``pre``, ``dd``/``dt``,
  ``figcaption``, ``form`` ...) starts and ends a line, and so does ``br``;
* inline elements (``a``, ``span``, ``b`` ...) are joined with the text
  around them;
* table cells of one row are joined with a tab;
* ``p``, ``h1``-``h6`` and ``blockquote`` are set off by one blank line, as
  ``innerText`` does for paragraphs (and browsers' default margins for headings
  and quotes); so are two ``br`` in a row. There is never more than one blank line in a
  row, nor one at either end;
* nothing that a browser does not show is kept: ``title``, ``script``,
  ``style``, ``noscript`` (unless it holds a large part of the page: an
  unclosed tag), ``template``, comments, and elements with the
  ``hidden`` attribute or an inline ``display: none``. Text that libxml2 leaves
  inside ``head`` (it does not move stray body content out, as browsers do) is kept. Style sheets are not
  applied and ``aria-hidden`` is ignored, as ``innerText`` ignores it;
* entities are decoded, and whitespace runs (``&nbsp;`` included) become one
  space within a line, also inside ``pre``, whose line breaks are kept.

Bytes are decoded by :func:`decode_html`. Nothing here raises on garbage
input: what lxml cannot parse renders to no lines.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import islice

from lxml import etree

from cleaner.decode import decode_bytes

__all__ = ["decode_html", "parse_html", "render_lines", "render_text", "render_tree"]

#: Elements that start and end a line.
BLOCK_TAGS = frozenset("""
    address article aside blockquote body caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html
    legend li listing main menu nav noframes ol optgroup option p plaintext pre section
    summary table tbody tfoot thead tr ul xmp
""".split())
#: Block elements set off by a blank line.
PARAGRAPH_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 blockquote".split())
#: Elements whose content a browser does not show as text.
SKIP_TAGS = frozenset("""
    script style noscript template iframe object embed svg canvas audio video
    textarea title map meta link base
""".split())
CELL_TAGS = frozenset(("td", "th"))
PRE_TAGS = frozenset(("pre", "listing", "plaintext", "xmp", "textarea"))

# A cell separator that no page contains, so whitespace collapsing cannot eat it;
# it becomes a tab once the line is assembled.
_CELL = "\ue000"
_SPACES = re.compile(r"\s+")
_CELLS = re.compile(r" ?\ue000[\ue000 ]*")
_DOCUMENT_END = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
_TITLE_SWALLOWED = 1000
_NOSCRIPT_SWALLOWED = 40
_TITLE_START = re.compile(r"<title\b[^>]*>", re.IGNORECASE)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""")
# What browsers do (WHATWG Encoding): Latin-1 and ASCII labels mean windows-1252,
# and a page cannot declare itself UTF-16 in a meta tag it would have to be read first.
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
    "l1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252", "iso_8859-1": "cp1252",
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8", "unicode": "utf-8",
    "x-sjis": "shift_jis", "gb2312": "gb18030", "gbk": "gb18030",
}
# huge_tree: libxml2 otherwise stops at 256 levels of nesting, and real pages go deeper.
_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                           recover=True, no_network=True, default_doctype=False,
                           huge_tree=True)


def decode_html(data: bytes) -> str:
    """Decode an HTML page: byte-order mark, else the declared charset, else UTF-8, else cp1252
    (the policy of :func:`cleaner.decode.decode_bytes`).

    The declaration is ``<meta charset>``, ``<meta http-equiv content="...; charset=">``
    or an XML declaration within the first 4 KB; it is used when the bytes decode
    under it without error. Never raises.

    >>> decode_html('<meta charset="iso-8859-1"><p>caf\\xe9'.encode("latin-1"))[-4:]
    'café'
    """
    head = data[:4096]
    found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    declared = None
    if found:
        label = found.group(1).decode("ascii", "replace").lower()
        declared = _CHARSET_ALIASES.get(label, label)
    return decode_bytes(data, declared)


def parse_html(html: str | bytes) -> etree._Element | None:
    """Parse a page into an lxml tree (comments dropped); None when there is nothing to parse.

    >>> parse_html("<p>Hi</p>").tag
    'html'
    """
    text = decode_html(html) if isinstance(html, bytes) else html
    if not text or not text.strip():
        return None
    root = _parse(text)
    title = root.find(".//title") if root is not None else None
    if title is not None and len(title.text or "") > _TITLE_SWALLOWED and "<" in (title.text or ""):
        # A title whose end tag is missing or broken swallows the whole page in libxml2
        # (as in HTML5), while the browsers of the pages' day showed the page.
        root = _parse(_TITLE_START.sub("", text, count=1))
    return root


def _parse(text: str) -> etree._Element | None:
    # libxml2 drops what follows a stray </body> or </html> (pages that paste in whole
    # documents), browsers ignore these end tags; so are they here.
    text = _DOCUMENT_END.sub("", text)
    # Re-encoded so that lxml reads exactly this text: an XML declaration or a meta
    # charset in the page must not make it decode a second time.
    try:
        return etree.fromstring(text.encode("utf-8", errors="replace"), _PARSER)
    except (etree.LxmlError, ValueError):
        return None


def render_lines(html: str | bytes) -> list[str]:
    """The visible text of a page, one line per block; blank lines set off paragraphs.

    >>> render_lines("<h1>Title</h1><div>One <b>bold</b> word<br>next</div><script>x()</script>")
    ['Title', '', 'One bold word', 'next']
    """
    root = parse_html(html)
    return [] if root is None else render_tree(root)


def render_text(html: str | bytes) -> str:
    """:func:`render_lines` joined with newlines.

    >>> render_text("<table><tr><td>a</td><td>b &amp; c</td></tr><tr><td>d</td></tr></table>")
    'a\\tb & c\\nd'
    """
    return "\n".join(render_lines(html))


def render_tree(root: etree._Element) -> list[str]:
    """Render a parsed tree (see :func:`parse_html`) to lines, as :func:`render_lines` does.

    >>> render_tree(parse_html("<ul><li>a</li><li hidden>b</li><li>c</li></ul>"))
    ['a', 'c']
    """
    lines: list[str] = []
    buf: list[str] = []
    # Line breaks owed before the next visible text: 1 a new line, 2 a blank line too.
    # They are only paid when text follows, so empty blocks leave no empty lines.
    breaks = 0
    pre = 0
    skipped: etree._Element | None = None

    def add(text: str) -> None:
        nonlocal breaks
        if pre:
            first, *rest = text.split("\n")
            add_inline(first)
            for part in rest:
                breaks = max(breaks, 1)
                add_inline(part)
        else:
            add_inline(text)

    def add_inline(text: str) -> None:
        nonlocal breaks
        if breaks:
            if text.isspace() or not text:
                return
            flush()
            if breaks == 2 and lines and lines[-1]:
                lines.append("")
            breaks = 0
        buf.append(text)

    def flush() -> None:
        if buf:
            line = _assemble(buf)
            buf.clear()
            if line:
                lines.append(line)

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if not isinstance(tag, str):
            # Entities lxml could not resolve, and whatever else is not an element.
            if event == "end" and el.tail:
                add(el.tail)
            continue
        if event == "start":
            attrib = el.attrib
            if (tag in SKIP_TAGS and not (tag == "noscript" and _swallowed(el))) or (
                    attrib and _hidden(attrib)):
                walker.skip_subtree()
                # Its end event comes next and only adds the tail: an invisible
                # element leaves no line break behind.
                skipped = el
                continue
            if tag in BLOCK_TAGS:
                breaks = max(breaks, 2 if tag in PARAGRAPH_TAGS else 1)
                if tag in PRE_TAGS:
                    pre += 1
            elif tag in CELL_TAGS:
                buf.append(_CELL)
            elif tag == "br":
                # <br><br> with nothing between is the old way to start a paragraph.
                breaks = 2 if breaks else 1
            if el.text:
                add(el.text)
        else:
            if el is skipped:
                skipped = None
            elif tag in BLOCK_TAGS:
                breaks = max(breaks, 2 if tag in PARAGRAPH_TAGS else 1)
                if tag in PRE_TAGS:
                    pre -= 1
            elif tag in CELL_TAGS:
                buf.append(_CELL)
            if el.tail:
                add(el.tail)
    flush()
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _swallowed(noscript: etree._Element) -> bool:
    # A noscript holding a large part of the page is an unclosed tag, not a message for
    # browsers without scripts; hiding it would hide the page.
    return sum(1 for _ in islice(noscript.iter(), _NOSCRIPT_SWALLOWED)) >= _NOSCRIPT_SWALLOWED


def _hidden(attrib: Mapping[str, str]) -> bool:
    if "hidden" in attrib:
        return True
    style = attrib.get("style") or ""
    return "none" in style and _DISPLAY_NONE.search(style) is not None


def _assemble(pieces: list[str]) -> str:
    line = _SPACES.sub(" ", "".join(pieces))
    if _CELL in line:
        line = _CELLS.sub("\t", line).strip("\t ")
        return line.replace(" \t", "\t")
    return line.strip()
