"""Throughput of ``cleaner.clean`` on one core, with peers measured in the same run.

    python benchmarks/speed.py                      # the seed pages, repeated
    python benchmarks/speed.py --text-dir DIR       # every *.txt below DIR
    python benchmarks/speed.py --data DATA_DIR      # pages of the public corpus: clean() on
                                                    # their rendered text vs trafilatura on their HTML,
                                                    # all of them and the typical-sized ones
    python benchmarks/speed.py --model fast ...     # another model option
    python benchmarks/speed.py --templates ...      # also the two passes of site templates

Reports pages/s and MB/s (of input text; of HTML for trafilatura) and the
ratios against jusText (on the same text lines) and trafilatura (on the pages'
HTML), with the machine noted. Each system runs single-process over the same
pages after one warm-up pass; the best of ``--rounds`` rounds is reported.
Each measurement runs in a fresh interpreter, so that no system inherits the
heap that loading the pages and the systems measured before it left behind:
in one process, ``clean()`` and trafilatura both ran the typical pages 12-16 %
slower than they do alone.
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Text size of a typical news page (the speed target is stated for about 7 KB).
TYPICAL_KB = (5, 9)


def machine() -> str:
    cpu = platform.processor() or "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def measure(name: str, fn: Callable[[str], object], docs: Sequence[str], rounds: int) -> tuple[float, float]:
    """Best-of-rounds pages/s and MB/s of ``fn`` over ``docs``, timed in a fresh interpreter."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        best = pool.apply(_best_time, (fn, docs, rounds))
    size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    pages, mbs = len(docs) / best, size / best
    print(f"  {name:<34} {pages:9.1f} pages/s {mbs:8.2f} MB/s  ({len(docs)} pages, {size:.2f} MB)")
    return pages, mbs


def _best_time(fn: Callable[[str], object], docs: Sequence[str], rounds: int) -> float:
    for doc in docs[: min(len(docs), 20)]:
        fn(doc)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for doc in docs:
            fn(doc)
        best = min(best, time.perf_counter() - start)
    return best


class CountLines:
    """The first pass of site templates: count a page's lines (all pages one site)."""

    def __init__(self) -> None:
        from cleaner import SiteTemplates

        self.templates = SiteTemplates()

    def __call__(self, text: str) -> None:
        self.templates.add(text)


class CleanWithTemplates:
    """The second pass: ``clean()`` given the templates of ``docs`` (counted on first call,
    in the warm-up, so not timed)."""

    def __init__(self, model: str, docs: Sequence[str]) -> None:
        self.model, self.docs = model, list(docs)
        self.clean: Callable[[str], str] | None = None

    def __call__(self, text: str) -> str:
        if self.clean is None:
            import cleaner

            templates = cleaner.SiteTemplates.from_pages((doc, None) for doc in self.docs)
            self.clean = cleaner.Cleaner(model=self.model, templates=templates).clean
        return self.clean(text)


def justext_lines(text: str) -> str:
    import justext

    html = "".join(f"<p>{_escape(line)}</p>" for line in text.splitlines() if line.strip())
    if not html:
        return ""
    paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _escape(line: str) -> str:
    return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def trafilatura_html(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def corpus_pages(data_dir: Path, limit: int) -> tuple[list[str], list[str]]:
    """HTML and rendered text of up to ``limit`` news pages (L3S-GN1 and Dragnet)."""
    from cleaner.html import render_lines, decode_html

    htmls, texts = [], []
    for dataset in ("l3s-gn1", "dragnet"):
        for path in sorted((data_dir / dataset / "input").glob("*.html"))[: limit // 2]:
            html = decode_html(path.read_bytes())
            htmls.append(html)
            texts.append("\n".join(render_lines(html)))
    return htmls, texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--text-dir", type=Path, help="directory of .txt pages")
    parser.add_argument("--data", type=Path, help="unpacked public corpus (web-cleaning/)")
    parser.add_argument("--limit", type=int, default=400, help="pages taken from --data")
    parser.add_argument("--repeat", type=int, default=200, help="how often the seeds are repeated")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", default="default", help="the cleaner's model option")
    parser.add_argument("--templates", action="store_true",
                        help="with --data: also count the pages' lines, and clean them given the counts")
    args = parser.parse_args()

    import cleaner

    cleaner_fn = cleaner.Cleaner(model=args.model).clean
    print(f"machine: {machine()}")
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    print(f"seed pages x{args.repeat}:")
    ours, _ = measure(f"cleaner.clean (model={args.model})", cleaner_fn, seeds * args.repeat, args.rounds)
    peer, _ = measure("jusText on the text lines", justext_lines, seeds * args.repeat, args.rounds)
    print(f"  ratio cleaner/jusText: {ours / peer:.1f}x")
    if args.text_dir:
        docs = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(args.text_dir.rglob("*.txt"))]
        print(f"{args.text_dir}:")
        measure(f"cleaner.clean (model={args.model})", cleaner_fn, docs, args.rounds)
    if args.data:
        htmls, texts = corpus_pages(args.data, args.limit)
        print(f"news pages of {args.data} (rendered text for text tools, HTML for trafilatura):")
        ours, _ = measure(f"cleaner.clean (model={args.model})", cleaner_fn, texts, args.rounds)
        jt, _ = measure("jusText on the text lines", justext_lines, texts, args.rounds)
        tr, _ = measure("trafilatura.extract on the HTML", trafilatura_html, htmls, 1)
        print(f"  ratio cleaner/jusText: {ours / jt:.1f}x, cleaner/trafilatura: {ours / tr:.1f}x")
        if args.templates:
            measure("SiteTemplates.add (first pass)", CountLines(), texts, args.rounds)
            measure("cleaner.clean given the templates", CleanWithTemplates(args.model, texts), texts,
                    args.rounds)
        typical = [n for n, text in enumerate(texts) if TYPICAL_KB[0] <= len(text.encode()) / 1e3 <= TYPICAL_KB[1]]
        print(f"the {len(typical)} of them with {TYPICAL_KB[0]}-{TYPICAL_KB[1]} KB of text (typical news pages):")
        ours, _ = measure(f"cleaner.clean (model={args.model})", cleaner_fn, [texts[n] for n in typical], args.rounds)
        tr, _ = measure("trafilatura.extract on the HTML", trafilatura_html, [htmls[n] for n in typical], 1)
        print(f"  ratio cleaner/trafilatura: {ours / tr:.1f}x")


if __name__ == "__main__":
    main()
