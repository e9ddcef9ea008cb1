"""Build and read the labelled line corpus from the public web-cleaning datasets.

Input is the ``web-cleaning`` folder (or its ``.tar.xz`` archive): one folder
per dataset with ``input/NAME.html`` and ``GoldStandard/NAME.txt``. Each page is
rendered to lines (``cleaner``: :mod:`cleaner.html`; ``html-text``: the
``html-text`` package with ``guess_layout``), its gold text read, and every line
labelled by aligning it with the gold (:mod:`cleaner.bench.align`).

Gold formats, recognised by content so that a renamed set still works:

* CleanEval (``cleaneval-*``, ``cleanportaleval``): ``URL:`` line, then text with
  ``<p>``, ``<h>``, ``<l>`` block markers; HTML entities decoded.
* L3S-GN1: the whole page with text spans in ``<span class="x-nc-selN">``; every
  gold token keeps its class. Content is classes 1 (headline) and 2 (full text);
  the gold text is their text.
* HTML (``readability``): the extracted article as HTML, rendered by :mod:`cleaner.html`.
* plain text (``dragnet``): taken as is. Dragnet's files put the page's reader
  comments after a separator line (:data:`DRAGNET_COMMENTS`), and by default
  they are gold like the article (the corpus the shipped models were trained
  on). With ``article_only`` (``cleaner bench prepare --article-only``) the
  gold is the text before the separator and the comments are labelled
  ``comments``, as L3S-GN1's are: the convention of Dragnet's own code and of
  article-extraction benchmarks.

Labels: ``blank`` for blank lines; for golds with classes (L3S-GN1, Dragnet
with ``article_only``) :data:`L3S_LABELS` of the line's most frequent aligned
class (``other`` when nothing aligns); elsewhere ``body`` for content and
``other`` for the rest, except that a Dragnet gold's reader comments are
``comments`` (and content) by default too.

Pages are dropped, each with a reason in the report, when there is no gold file
(:data:`NO_GOLD`), the gold has no words (:data:`EMPTY_GOLD`), the page renders
to nothing (:data:`EMPTY_RENDER`), the renderer fails (:data:`RENDER_ERROR`), or
less than :data:`MIN_RECALL` of the gold tokens align with content lines
(:data:`LOW_COVERAGE`).
"""

from __future__ import annotations

import html as htmllib
import json
import multiprocessing
import re
import sys
import tarfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from cleaner.bench.align import align, tokenize
from cleaner.bench.page import Page
from cleaner.bench.renderers import RENDERERS, render
from cleaner.bench.split import read_split, split_of
from cleaner.html import decode_html, parse_html, render_lines, render_tree

#: Pages whose content lines cover less of the gold tokens than this are dropped.
MIN_RECALL = 0.5

NO_GOLD = "no gold file"
EMPTY_GOLD = "gold has no words"
EMPTY_RENDER = "page renders to no words"
RENDER_ERROR = "renderer failed"
LOW_COVERAGE = f"alignment covers < {MIN_RECALL:.0%} of the gold"
ERROR = "error while preparing"

#: L3S-GN1 span classes to project labels.
L3S_LABELS = {0: "other", 1: "title", 2: "body", 3: "other", 4: "related", 5: "comments"}
L3S_CONTENT = frozenset({1, 2})
#: The line that separates a Dragnet gold's article from the page's reader comments:
#: "!@#$%^&*()  COMMENTS", typed by hand, so with typos ("COMMNENTS", "!!@#$%^&*()",
#: "!@ $%^&*()", "#$%^&*()"): the symbols of the shifted digit row around "%^&*".
DRAGNET_COMMENTS = re.compile(r"^[!@#$%^&*()\s]*%\^&\*[!@#$%^&*()\s]*(?:\s+[A-Z]+)?$")
# The L3S-GN1 classes an article-only Dragnet gold gives its two parts.
_BODY_CLASS, _COMMENTS_CLASS = (next(c for c, label in L3S_LABELS.items() if label == name)
                                for name in ("body", "comments"))

_CLEANEVAL_MARKER = re.compile(r"^\s*<\s*([phl])\s*>\s*", re.IGNORECASE)
_CLEANEVAL_START = re.compile(r"\s*<[phl]>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_L3S_CLASS = re.compile(r"\bx-nc-sel(\d)\b")
_HTML_GOLD = re.compile(r"^\s*(?:<!doctype|<html|<head|<body|<div|<article|<section|<p[\s>])",
                        re.IGNORECASE)
_WRAPPER = re.compile(r"""^\s*<text\s+id\s*=\s*["']?([^"'\s>]+)[^>]*>[^\n]*\n?""", re.IGNORECASE)
_WRAPPER_END = re.compile(r"</text>\s*$", re.IGNORECASE)
# Private-use characters that carry an L3S class through rendering, one per class.
_CLASS_MARK = {n: chr(0xE010 + n) for n in range(10)}
_MARK_CLASS = {v: k for k, v in _CLASS_MARK.items()}
_MARKS = re.compile("([\ue010-\ue019])")


@dataclass
class PrepareReport:
    """What ``prepare`` did: pages kept per dataset, pages dropped with their reasons."""

    out: str
    renderer: str
    article_only: bool = False
    kept: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, dict[str, int]] = field(default_factory=dict)
    drops: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    sites: dict[str, str] = field(default_factory=dict)

    @property
    def total_kept(self) -> int:
        return sum(self.kept.values())

    @property
    def total_dropped(self) -> int:
        return len(self.drops)

    def to_dict(self) -> dict[str, Any]:
        return {"out": self.out, "renderer": self.renderer, "article_only": self.article_only,
                "seconds": round(self.seconds, 1),
                "kept": self.kept, "dropped": self.dropped, "drops": self.drops}

    def summary(self) -> str:
        """A small table: kept and dropped pages per dataset, then every drop reason's count."""
        lines = [f"{'dataset':<18}{'kept':>6}{'dropped':>9}  reasons"]
        for dataset in sorted(set(self.kept) | set(self.dropped)):
            reasons = self.dropped.get(dataset, {})
            why = ", ".join(f"{reason}: {n}" for reason, n in sorted(reasons.items()))
            lines.append(f"{dataset:<18}{self.kept.get(dataset, 0):>6}{sum(reasons.values()):>9}  {why}")
        lines.append(f"{'total':<18}{self.total_kept:>6}{self.total_dropped:>9}")
        return "\n".join(lines)


@dataclass(frozen=True)
class _Task:
    dataset: str
    name: str
    html: bytes | str
    gold: bytes | str | None
    renderer: str
    article_only: bool = False


# ---------------------------------------------------------------------------- sources

def iter_sources(data: Path, datasets: list[str] | None = None, limit: int | None = None,
                 with_bytes: bool = False) -> Iterator[tuple[str, str, bytes | str, bytes | str | None]]:
    """``(dataset, name, html, gold)`` for every page, in dataset and natural name order.

    ``data`` is the folder or the ``.tar.xz`` archive. From a folder, ``html`` and
    ``gold`` are file paths (strings) unless ``with_bytes``; from an archive they
    are bytes. ``gold`` is None when the page has no gold file. ``limit`` is per dataset.
    """
    if data.is_file():
        yield from _iter_archive(data, datasets, limit)
        return
    if not data.is_dir():
        raise FileNotFoundError(f"no such folder or archive: {data}")
    found = [d for d in sorted(data.iterdir()) if (d / "input").is_dir()]
    if not found and (data / "web-cleaning").is_dir():
        yield from iter_sources(data / "web-cleaning", datasets, limit, with_bytes)
        return
    if not found:
        raise FileNotFoundError(f"{data} holds no dataset folders (DATASET/input/*.html)")
    for folder in found:
        if datasets and folder.name not in datasets:
            continue
        pages = sorted((p for p in (folder / "input").iterdir() if p.suffix.lower() in (".html", ".htm")),
                       key=lambda p: _natural(p.stem))
        for path in pages[:limit]:
            gold_path = folder / "GoldStandard" / (path.stem + ".txt")
            gold: bytes | str | None = str(gold_path) if gold_path.is_file() else None
            if with_bytes:
                yield (folder.name, path.stem, path.read_bytes(),
                       gold_path.read_bytes() if gold is not None else None)
            else:
                yield folder.name, path.stem, str(path), gold


def _iter_archive(archive: Path, datasets: list[str] | None, limit: int | None
                  ) -> Iterator[tuple[str, str, bytes | str, bytes | str | None]]:
    # An .xz stream is read front to back only, so every wanted file is read in one pass.
    inputs: dict[tuple[str, str], bytes] = {}
    golds: dict[tuple[str, str], bytes] = {}
    try:
        with tarfile.open(archive) as tar:
            for member in tar:
                parts = member.name.split("/")
                if not member.isfile() or len(parts) < 3 or parts[-2] not in ("input", "GoldStandard"):
                    continue
                dataset, kind, filename = parts[-3], parts[-2], parts[-1]
                if datasets and dataset not in datasets:
                    continue
                stem = filename.rsplit(".", 1)[0]
                handle = tar.extractfile(member)
                if handle is None:
                    continue
                (inputs if kind == "input" else golds)[dataset, stem] = handle.read()
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise OSError(f"cannot read the archive {archive}: {exc}") from None
    per_dataset: dict[str, list[str]] = defaultdict(list)
    for dataset, stem in inputs:
        per_dataset[dataset].append(stem)
    for dataset in sorted(per_dataset):
        for stem in sorted(per_dataset[dataset], key=_natural)[:limit]:
            yield dataset, stem, inputs[dataset, stem], golds.get((dataset, stem))


def _natural(name: str) -> tuple[Any, ...]:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name))


def _read(source: bytes | str) -> bytes:
    return source if isinstance(source, bytes) else Path(source).read_bytes()


# ---------------------------------------------------------------------------- gold

@dataclass(frozen=True)
class Gold:
    """A page's gold: lines to align against, a class per token of each line, and the text."""

    lines: list[str]
    classes: list[list[int]] | None
    text: str
    url: str = ""
    kind: str = "plain"


def read_gold(data: bytes, article_only: bool = False) -> Gold:
    """Parse a gold file of any of the formats above (``article_only``: see the module doc).

    >>> read_gold(b"URL: http://x.org/a\\n<h>Title\\n<p>One\\ntwo.\\n<l>* item").lines
    ['Title', 'One two.', '* item']
    """
    text = decode_html(data)
    if "x-nc-sel" in text:
        return _read_l3s(text)
    if text.lstrip().startswith("URL:") or (_CLEANEVAL_START.match(text) and "</p>" not in text):
        return _read_cleaneval(text)
    if _HTML_GOLD.match(text):
        lines = [line for line in render_lines(text) if line]
        return Gold(lines, None, "\n".join(lines), kind="html")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    marker = next((n for n, line in enumerate(lines) if DRAGNET_COMMENTS.match(line)),
                  None) if article_only else None
    if marker is None:
        return Gold(lines, None, "\n".join(lines), kind="plain")
    article, comments = lines[:marker], lines[marker + 1:]
    classes = ([[_BODY_CLASS] * len(tokenize(line)) for line in article]
               + [[_COMMENTS_CLASS] * len(tokenize(line)) for line in comments])
    return Gold(article + comments, classes, "\n".join(article), kind="plain+comments")


def _read_cleaneval(text: str) -> Gold:
    # Annotators left notes as HTML comments ("this page contains no article").
    text = _COMMENT.sub(" ", text)
    url = ""
    paragraphs: list[list[str]] = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if not paragraphs and not url and stripped.startswith("URL:"):
            url = stripped[4:].strip()
            continue
        marker = _CLEANEVAL_MARKER.match(raw)
        if marker:
            paragraphs.append([])
            raw = raw[marker.end():]
        elif not stripped:
            # A blank line ends a paragraph too: unmarked text after it is a new block.
            if paragraphs and paragraphs[-1]:
                paragraphs.append([])
            continue
        elif not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(raw)
    lines = [" ".join(htmllib.unescape(" ".join(p)).split()) for p in paragraphs]
    lines = [line for line in lines if line]
    return Gold(lines, None, "\n".join(lines), url=url, kind="cleaneval")


def _read_l3s(text: str) -> Gold:
    root = parse_html(text)
    if root is None:
        return Gold([], [], "", kind="l3s")
    # Each text node is prefixed with a mark of its innermost span's class, so the
    # rendered lines say which class every piece of text has.
    owner: dict[Any, int] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        parent = el.getparent()
        inherited = owner.get(parent, 0) if parent is not None else 0
        found = _L3S_CLASS.search(el.get("class") or "") if el.tag == "span" else None
        owner[el] = int(found.group(1)) if found else inherited
        if el.text and el.text.strip():
            el.text = _CLASS_MARK[owner[el]] + el.text
        if el.tail and el.tail.strip():
            el.tail = _CLASS_MARK[inherited] + el.tail
    lines: list[str] = []
    classes: list[list[int]] = []
    text_lines: list[str] = []
    for line in render_tree(root):
        current = 0
        pieces: list[tuple[int, str]] = []
        for part in _MARKS.split(line):
            if part in _MARK_CLASS:
                current = _MARK_CLASS[part]
            elif part:
                pieces.append((current, part))
        plain = "".join(p for _, p in pieces).strip()
        if not plain:
            continue
        lines.append(plain)
        token_classes: list[int] = []
        for cls, piece in pieces:
            token_classes.extend([cls] * len(tokenize(piece)))
        # A word cut by a span boundary ("meet<span>ing") counts once in the line's
        # tokens; its pieces' classes are trimmed to match.
        classes.append(_fit(token_classes, len(tokenize(plain))))
        content = " ".join(" ".join(p.split()) for c, p in pieces if c in L3S_CONTENT and p.strip())
        if content:
            text_lines.append(content)
    return Gold(lines, classes, "\n".join(text_lines), kind="l3s")


def _fit(classes: list[int], n: int) -> list[int]:
    if len(classes) >= n:
        return classes[:n]
    return classes + [classes[-1] if classes else 0] * (n - len(classes))


# ---------------------------------------------------------------------------- site

_TAG_ATTR = re.compile(r"""\b(rel|property|name|href|content)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""",
                       re.IGNORECASE)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_BASE_TAG = re.compile(r"<base\b[^>]*>", re.IGNORECASE)
_A_HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["']?\s*https?://([^/"'\s>?#:]+)""", re.IGNORECASE)
_GOLD_URL = re.compile(r"\s*URL:\s*(\S+)")
_HOST = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$")
# Second-level labels under which registrations are one level deeper (bbc.co.uk).
_SECOND_LEVEL = frozenset("co com net org gov edu ac ne or go gob nic mil ltd plc sch".split())
# Hosts that pages link to for widgets and standards, not because the page is theirs.
_NOT_OWNER = frozenset("""
    twitter.com facebook.com google.com googleapis.com w3.org schema.org ogp.me youtube.com
    instagram.com linkedin.com pinterest.com doubleclick.net addthis.com adobe.com apple.com
    macromedia.com microsoft.com digg.com del.icio.us delicious.com reddit.com stumbleupon.com
    feedburner.com wordpress.org creativecommons.org github.com wikipedia.org amazon.com
    mozilla.org flickr.com blogger.com technorati.com bit.ly t.co adtech.de advertising.com
    googlesyndication.com atdmt.com 2mdn.net yieldmanager.com falkag.net revsci.net overture.com
""".split())
# Hosting platforms whose subdomains are separate sites (one blog each).
_HOSTING = frozenset("""
    blogspot.com typepad.com wordpress.com tumblr.com livejournal.com tripod.com angelfire.com
    weebly.com wixsite.com github.io squarespace.com over-blog.com
""".split())


def site_of(html: str, url: str = "", fallback: str = "") -> str:
    """The page's site: registrable-ish domain of its URL, else of its canonical link,
    ``og:url`` or ``<base href>``, else the domain most of its absolute links point to
    (at least 3), else ``fallback``.

    >>> site_of('<link rel="canonical" href="https://www.news.bbc.co.uk/a">')
    'bbc.co.uk'
    >>> site_of("<p>nothing</p>", fallback="dragnet:7")
    'dragnet:7'
    """
    for candidate in (url, *_declared_urls(html[:200_000])):
        domain = registrable_domain(candidate)
        if domain:
            return domain
    counts = Counter(registrable_domain("http://" + host) for host in _A_HREF.findall(html))
    counts.pop("", None)
    for domain in _NOT_OWNER:
        counts.pop(domain, None)
    if counts:
        domain, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if n >= 3:
            return domain
    return fallback


def _declared_urls(html: str) -> list[str]:
    found: dict[str, str] = {}
    for kind, pattern in (("link", _LINK_TAG), ("meta", _META_TAG), ("base", _BASE_TAG)):
        for tag in pattern.findall(html):
            attrs = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
                     for m in _TAG_ATTR.finditer(tag)}
            if kind == "link" and "canonical" in attrs.get("rel", "").lower():
                found.setdefault("canonical", attrs.get("href", ""))
            elif kind == "meta" and (attrs.get("property") or attrs.get("name", "")).lower() == "og:url":
                found.setdefault("og", attrs.get("content", ""))
            elif kind == "base":
                found.setdefault("base", attrs.get("href", ""))
    return [found[k] for k in ("canonical", "og", "base") if found.get(k)]


def registrable_domain(url: str) -> str:
    """The host of ``url`` without ``www.``, cut to its registrable part (roughly: no
    public-suffix list); empty for relative URLs and hosts without a dot.

    >>> registrable_domain("http://www.blogs.wsj.com/x"), registrable_domain("https://a.b.co.uk:80/")
    ('wsj.com', 'b.co.uk')
    >>> registrable_domain("http://jane.blogspot.com/2012/x.html")
    'jane.blogspot.com'

    """
    found = re.match(r"^\s*(?:https?:)?//([^/?#\s]+)", url, re.IGNORECASE)
    if not found:
        return ""
    host = found.group(1).rsplit("@", 1)[-1].split(":", 1)[0].lower().rstrip(".")
    if not _HOST.match(host):
        return ""
    labels = host.split(".")
    if all(label.isdigit() for label in labels):
        return host
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    if ".".join(labels[-keep:]) in _HOSTING and len(labels) > keep and labels[-keep - 1] != "www":
        keep += 1
    return ".".join(labels[-keep:])


def fallback_site(dataset: str, name: str) -> str:
    """The site of a page nothing names a domain for: its own, ``dataset:name``."""
    return f"{dataset}:{name}"


def page_site(dataset: str, name: str, html: bytes, gold: bytes | None = None) -> str:
    """The site of a page as :func:`build_page` finds it (wrapper or gold ``URL:``, then the HTML)."""
    text, url = strip_wrapper(decode_html(html))
    if not url and gold is not None:
        found = _GOLD_URL.match(decode_html(gold[:2000]))
        url = found.group(1) if found else ""
    return site_of(text, url, fallback=fallback_site(dataset, name))


# ---------------------------------------------------------------------------- page

def strip_wrapper(text: str) -> tuple[str, str]:
    """Remove CleanEval's ``<text id=URL ...>`` wrapper line; returns (html, url).

    >>> strip_wrapper('<text id="http://a.org/x" title="t">\\n<html>hi</html>\\n</text>')
    ('<html>hi</html>\\n', 'http://a.org/x')
    """
    found = _WRAPPER.match(text)
    if not found:
        return text, ""
    return _WRAPPER_END.sub("", text[found.end():]), found.group(1)


def build_page(dataset: str, name: str, html: bytes, gold: bytes | None,
               renderer: str = "cleaner", article_only: bool = False
               ) -> tuple[Page | None, str, str, str]:
    """Render and label one page: ``(page or None, site, drop reason, detail)``."""
    text, wrapper_url = strip_wrapper(decode_html(html))
    parsed_gold = read_gold(gold, article_only) if gold is not None else None
    url = wrapper_url or (parsed_gold.url if parsed_gold else "")
    site = site_of(text, url, fallback=fallback_site(dataset, name))
    if parsed_gold is None:
        return None, site, NO_GOLD, ""
    if not any(tokenize(line) for line in parsed_gold.lines) or not tokenize(parsed_gold.text):
        return None, site, EMPTY_GOLD, ""
    try:
        lines = render(text, renderer)
    except Exception as exc:  # noqa: BLE001 - a third-party renderer may fail any way
        return None, site, RENDER_ERROR, f"{type(exc).__name__}: {exc}"[:200]
    if not any(tokenize(line) for line in lines):
        return None, site, EMPTY_RENDER, ""
    classed = parsed_gold.classes is not None
    result = align(lines, parsed_gold.lines, parsed_gold.classes,
                   content_classes=L3S_CONTENT if classed else frozenset({1}))
    if result.recall < MIN_RECALL:
        return None, site, LOW_COVERAGE, f"recall {result.recall:.2f}"
    labels = []
    for line, keep, cls in zip(lines, result.content, result.classes):
        if not line.strip():
            labels.append("blank")
        elif classed:
            labels.append(L3S_LABELS.get(cls, "other") if cls is not None else "other")
            if labels[-1] in ("title", "body") and not keep:
                labels[-1] = "other"
        else:
            labels.append("body" if keep else "other")
    if gold is not None and parsed_gold.kind == "plain" and not article_only:
        labels = _name_comments(lines, labels, read_gold(gold, article_only=True))
    meta = {"recall": round(result.recall, 4), "precision": round(result.precision, 4),
            "gold_format": parsed_gold.kind, "gold_tokens": len(tokenize(parsed_gold.text))}
    if url:
        meta["url"] = url
    page = Page(dataset=dataset, site=site, page_id=f"{dataset}/{name}", lines=lines, labels=labels,
                content=list(result.content), confidence=round(result.confidence, 4),
                gold=parsed_gold.text, html_path=f"{dataset}/input/{name}.html", renderer=renderer,
                meta=meta)
    return page, site, "", ""


def _name_comments(lines: list[str], labels: list[str], split: Gold) -> list[str]:
    """Label ``comments`` the content lines that align with a Dragnet gold's comments part.

    The default gold keeps reader comments as content; naming them lets the
    model learn to tell them from the article (which ``clean`` keeps alone by
    default) while what counts as content stays the same.
    """
    if split.kind != "plain+comments":
        return labels
    parts = align(lines, split.lines, split.classes, content_classes=L3S_CONTENT).classes
    return ["comments" if label == "body" and cls == _COMMENTS_CLASS else label
            for label, cls in zip(labels, parts)]


def _work(task: _Task) -> tuple[str, str, Page | None, str, str, str]:
    try:
        html = _read(task.html)
        gold = _read(task.gold) if task.gold is not None else None
        page, site, reason, detail = build_page(task.dataset, task.name, html, gold, task.renderer,
                                                task.article_only)
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop 2,900
        detail = f"{type(exc).__name__}: {exc}"[:200]
        return task.dataset, task.name, None, f"{task.dataset}:{task.name}", ERROR, detail
    return task.dataset, task.name, page, site, reason, detail


# ---------------------------------------------------------------------------- prepare / load

def prepare(data_dir: Path, out: Path, renderer: str = "cleaner", datasets: list[str] | None = None,
            limit: int | None = None, jobs: int = 2, progress: bool = False,
            article_only: bool = False) -> PrepareReport:
    """Render, label and write every page of ``data_dir`` (folder or ``.tar.xz``) to ``out`` (JSONL).

    Also writes the report (kept and dropped pages with reasons) next to ``out``
    as ``<stem>.report.json``. ``limit`` is the number of pages per dataset.
    """
    if renderer not in RENDERERS:
        raise ValueError(f"unknown renderer {renderer!r} (choose from {', '.join(RENDERERS)})")
    started = time.perf_counter()
    tasks = [_Task(d, n, h, g, renderer, article_only)
             for d, n, h, g in iter_sources(Path(data_dir), datasets, limit)]
    report = PrepareReport(out=str(out), renderer=renderer, article_only=article_only)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    done = 0
    with tmp.open("w", encoding="utf-8") as sink:
        for dataset, name, page, site, reason, detail in _map(tasks, jobs):
            report.sites[f"{dataset}/{name}"] = site
            report.kept.setdefault(dataset, 0)
            if page is None:
                report.dropped.setdefault(dataset, Counter())[reason] += 1  # type: ignore[index]
                report.drops.append({"page_id": f"{dataset}/{name}", "reason": reason, "detail": detail})
            else:
                report.kept[dataset] += 1
                sink.write(page.to_json() + "\n")
            done += 1
            if progress and done % 200 == 0:
                print(f"  {done}/{len(tasks)} pages", file=sys.stderr)
    tmp.replace(out)
    report.dropped = {d: dict(c) for d, c in report.dropped.items()}
    report.seconds = time.perf_counter() - started
    report_path(out).write_text(json.dumps(report.to_dict(), indent=1) + "\n", encoding="utf-8")
    return report


def report_path(out: Path) -> Path:
    """Where ``prepare`` writes its report for the corpus ``out``."""
    return out.with_name(out.stem + ".report.json")


def _map(tasks: list[_Task], jobs: int) -> Iterable[tuple[str, str, Page | None, str, str, str]]:
    if jobs <= 1 or len(tasks) < 8:
        yield from map(_work, tasks)
        return
    # fork is cheapest where it exists; the workers only import lxml and this package.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(jobs) as pool:
        yield from pool.imap(_work, tasks, chunksize=4)


def load(path: Path, split: str | None = None, split_file: Path | None = None,
         datasets: list[str] | None = None, limit: int | None = None) -> list[Page]:
    """Read the pages of a corpus JSONL, optionally only one split and some datasets.

    The split of a page is its site's in ``split_file`` (sites missing from the
    file, and all sites when no file is given, fall back to :func:`split_of`'s
    hash). ``limit`` takes that many pages, alternating between datasets so that
    a small sample still covers every set. Raises ValueError on a malformed line.
    """
    table = read_split(split_file) if split_file is not None else None
    by_dataset: dict[str, list[Page]] = defaultdict(list)
    with Path(path).open(encoding="utf-8") as source:
        for number, line in enumerate(source, 1):
            if not line.strip():
                continue
            try:
                page = Page.from_json(line)
            except (ValueError, TypeError) as exc:
                raise ValueError(f"line {number}: not a corpus page ({exc})") from None
            if datasets and page.dataset not in datasets:
                continue
            if split is not None and split_of(page.site, table) != split:
                continue
            by_dataset[page.dataset].append(page)
    if limit is None:
        return [page for pages in by_dataset.values() for page in pages]
    picked: list[Page] = []
    queues = [iter(pages) for pages in by_dataset.values()]
    while queues and len(picked) < limit:
        for queue in list(queues):
            following = next(queue, None)
            if following is None:
                queues.remove(queue)
            elif len(picked) < limit:
                picked.append(following)
    return picked
