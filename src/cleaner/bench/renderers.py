"""HTML to lines as different scrapers give them: the corpus is built under each.

Scrapers differ on line breaks, and the model must not learn one renderer's:

- ``cleaner``: this package's renderer (:func:`cleaner.html.render_lines`), a
  line per block and a blank line between paragraphs, as a browser's
  ``innerText``.
- ``html-text``: the html-text package with its layout guess, close to the first.
- ``inscriptis``: lays tables out as a grid, as text browsers (lynx, w3m) do, so
  a layout table puts its sidebar cell's lines beside the article's.
- ``text-nodes``: a line per text node, as ``BeautifulSoup.get_text("\\n")``
  gives it, a common scraping idiom: every link, bold or italic run inside a
  paragraph breaks the paragraph, and there are no blank lines.

>>> render("<p>The <a href='/x'>council</a> met.</p><p>It voted.</p>", "text-nodes")
['The', 'council', 'met.', 'It voted.']
>>> render("<p>The <a href='/x'>council</a> met.</p><p>It voted.</p>", "cleaner")
['The council met.', '', 'It voted.']
"""

from __future__ import annotations

import re

from cleaner.html import parse_html, render_lines

RENDERERS = ("cleaner", "html-text", "inscriptis", "text-nodes")

# lxml refuses strings with control characters, browsers ignore them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Elements whose text get_text leaves out (BeautifulSoup 4.10 and later).
_NOT_TEXT = frozenset({"script", "style", "template"})


def render(html: str, renderer: str) -> list[str]:
    """Lines of ``html`` by the named renderer (one of :data:`RENDERERS`); lines
    are stripped, with at most one blank line between two others."""
    if renderer == "cleaner":
        return render_lines(html)
    html = _CONTROLS.sub("", html)
    if renderer == "html-text":
        import html_text

        raw = html_text.extract_text(html, guess_layout=True).split("\n")
    elif renderer == "inscriptis":
        import inscriptis

        raw = inscriptis.get_text(html).split("\n")
    elif renderer == "text-nodes":
        raw = _text_nodes(html)
    else:
        raise ValueError(f"unknown renderer {renderer!r} (choose from {', '.join(RENDERERS)})")
    lines: list[str] = []
    for line in raw:
        line = line.strip()
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _text_nodes(html: str) -> list[str]:
    """The page's text nodes in document order, each cut at its own line breaks,
    the blank ones left out (``get_text("\\n", strip=True)``)."""
    root = parse_html(html)
    if root is None:
        return []
    nodes: list[str] = []
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag not in _NOT_TEXT and element.text:
            nodes.append(element.text)
        if element.tail:
            nodes.append(element.tail)
    return [line for node in nodes for line in node.splitlines() if line.strip()]
