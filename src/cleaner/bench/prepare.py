"""``cleaner bench prepare DATA``: build the labelled line corpus (see :mod:`cleaner.bench.corpus`).

Also ``python -m cleaner.bench.prepare DATA ...``. Errors are one line on stderr
and exit status 1 (2 for bad arguments).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cleaner.bench.corpus import prepare, report_path
from cleaner.bench.renderers import RENDERERS
from cleaner.bench.split import DEFAULT_FILE, make_split, write_split

PROG = "cleaner bench prepare"
CACHE_DIR = Path.home() / ".cache" / "cleaner-bench"


def default_out(renderer: str) -> Path:
    """Where the corpus of ``renderer`` goes unless ``--out`` says otherwise."""
    return CACHE_DIR / f"corpus-{renderer}.jsonl"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``prepare`` arguments to ``parser``."""
    parser.description = ("Render every page of the public web-cleaning datasets to lines, label each "
                          "line against the gold text, and write the corpus as JSONL (with a report of "
                          "the pages dropped and why next to it).")
    parser.add_argument("data", type=Path, metavar="DATA",
                        help="the unpacked web-cleaning folder, or its .tar.xz archive")
    parser.add_argument("--out", type=Path, metavar="FILE", default=None,
                        help=f"corpus JSONL (default: {CACHE_DIR}/corpus-RENDERER.jsonl)")
    parser.add_argument("--renderer", choices=RENDERERS, default="cleaner",
                        help="HTML to lines: cleaner.html (default), html-text, inscriptis (tables as a grid) "
                             "or text-nodes (a line per text node); see cleaner.bench.renderers")
    parser.add_argument("--datasets", metavar="LIST", default=None,
                        help="comma-separated dataset names (default: all)")
    parser.add_argument("--limit", type=int, metavar="N", default=None,
                        help="at most N pages per dataset")
    parser.add_argument("--jobs", type=int, metavar="N", default=2, help="worker processes (default: 2)")
    parser.add_argument("--write-split", type=Path, metavar="FILE", nargs="?", const=DEFAULT_FILE,
                        default=None, help=f"also (re)write the split by site (default file: {DEFAULT_FILE}); "
                                           "done once, the committed file must not change")
    parser.add_argument("--article-only", action="store_true",
                        help="Dragnet golds: the article only, its reader comments labelled "
                             "'comments' (default: comments are gold too, as the shipped models "
                             "were trained)")
    parser.add_argument("--quiet", action="store_true", help="no progress and no summary table")


def run(args: argparse.Namespace) -> int:
    """Prepare the corpus as ``args`` say; 0 on success, 1 on an error (one line on stderr)."""
    out = args.out or default_out(args.renderer)
    datasets = [d.strip() for d in args.datasets.split(",") if d.strip()] if args.datasets else None
    if args.limit is not None and args.limit < 1:
        return _error("--limit must be at least 1")
    if args.jobs < 1:
        return _error("--jobs must be at least 1")
    if args.write_split is not None and (datasets or args.limit is not None):
        return _error("--write-split takes the sites of all pages: drop --datasets and --limit")
    if not args.data.exists():
        return _error(f"no such folder or archive: {args.data}")
    try:
        report = prepare(args.data, out, renderer=args.renderer, datasets=datasets, limit=args.limit,
                         jobs=args.jobs, progress=not args.quiet, article_only=args.article_only)
    except (OSError, ValueError) as exc:
        return _error(str(exc))
    if not report.kept:
        return _error(f"no pages found in {args.data}" + (f" for {args.datasets}" if datasets else ""))
    if args.write_split is not None:
        by_dataset: dict[str, set[str]] = {}
        for page_id, site in report.sites.items():
            by_dataset.setdefault(page_id.split("/", 1)[0], set()).add(site)
        try:
            write_split(args.write_split, make_split(by_dataset))
        except OSError as exc:
            return _error(f"cannot write the split {args.write_split}: {exc}")
        print(f"{PROG}: wrote the split to {args.write_split}", file=sys.stderr)
    if not args.quiet:
        print(report.summary())
        print(f"{report.total_kept} pages written to {out} in {report.seconds:.0f} s; "
              f"drops in {report_path(out)}")
    return 0


def _error(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cleaner.bench.prepare")
    configure(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
