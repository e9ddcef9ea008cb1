"""``cleaner bench``: prepare the labelled corpus, and measure configurations on it.

``cleaner bench prepare`` is :mod:`cleaner.bench.prepare`'s; ``cleaner bench
run`` (also plain ``cleaner bench [options]``) measures configurations and the
references on a split and prints the tables, optionally with a comparison, a
rule report, an error browser and a JSON file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from cleaner import __version__
from cleaner.bench import corpus, prepare
from cleaner.bench.browse import DEFAULT_WORST, PLOT, plot_precision_recall, write_browser
from cleaner.bench.compare import compare, format_comparison
from cleaner.bench.configs import DEFAULT_CONFIG
from cleaner.bench.renderers import RENDERERS
from cleaner.bench.page import Page
from cleaner.bench.references import REFERENCES
from cleaner.bench.report import NOTE, format_tables, table_rows
from cleaner.bench.rulereport import format_rule_report, rule_damage
from cleaner.bench.runner import BenchError, BenchResult, run_bench
from cleaner.bench.split import DEFAULT_FILE as SPLIT_FILE
from cleaner.cli.errors import EXIT_OK, EXIT_USAGE, report

PROG = "cleaner bench"
#: Where the unpacked public datasets live (raw HTML for the HTML references).
DATA_DIR = Path.home() / ".cache" / "cleaner-datasets" / "web-cleaning"
SPLITS = ("validation", "test", "train", "all")
ALL, NONE = "all", "none"

RUN_EPILOG = f"""\
configurations (terms joined by '+'):
  rules+model   built-in rule packs and the default model (the default)
  rules         built-in rule packs, the heuristic scorer for lines no rule decides
  model         no rule packs, the default model scores every line
  none          no rule packs, no scorer: every line is kept
  then any of:  rules=FILE (add a rule file)  model=default|heuristic|none|FILE
                site=DOMAIN|auto (auto: each page's own site)  threshold=X
                title=yes|no  byline=yes|no  comments=yes|no
  With no base word the base is rules+model: 'rules=mine.toml' is the default
  cleaner plus mine.toml.

references: {', '.join(REFERENCES)}
  ('all', the default for a plain run; 'none', the default with --compare)

Speed is per core: each system's calls are timed page by page in one process
(the cleaner in the main process, the references in --workers processes).
The rule report and the error browser are for the first configuration, or for
B with --compare.

examples:
  cleaner bench run --split validation
  cleaner bench run --limit 50 --references none --config rules --config model
  cleaner bench run --compare rules+model rules+model+rules=mine.toml --rules-report
  cleaner bench run --errors /tmp/bench-errors --json /tmp/bench.json
"""


def configure(parser: argparse.ArgumentParser) -> None:
    """Add ``prepare`` and ``run`` to ``parser``; the run options also work without ``run``."""
    parser.epilog = RUN_EPILOG
    _add_run_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="bench_command", metavar="{run,prepare}")
    run_parser = sub.add_parser("run", help="measure configurations and references (the default)",
                                description="Measure configurations and references on a split.",
                                epilog=RUN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    # Defaults live on the parent parser only, so options given before 'run' survive.
    _add_run_options(run_parser, suppress=True)
    prepare_parser = sub.add_parser("prepare", help="build the labelled corpus from the public datasets",
                                    formatter_class=argparse.RawDescriptionHelpFormatter)
    prepare.configure(prepare_parser)


def _add_run_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    def default(value: Any) -> Any:
        return argparse.SUPPRESS if suppress else value

    which = parser.add_mutually_exclusive_group()
    which.add_argument("--config", action="append", metavar="CONFIG", default=default(None),
                       help=f"a configuration to measure; repeat for several (default: {DEFAULT_CONFIG})")
    which.add_argument("--compare", nargs=2, metavar=("A", "B"), default=default(None),
                       help="measure A and B on the same pages and print B-A with bootstrap intervals")
    parser.add_argument("--split", choices=SPLITS, default=default("validation"),
                        help="pages of which split (default: validation)")
    parser.add_argument("--datasets", metavar="LIST", default=default(None),
                        help="comma-separated datasets to keep (default: all)")
    parser.add_argument("--limit", type=int, metavar="N", default=default(None),
                        help="measure only the first N pages (quick runs)")
    parser.add_argument("--renderer", choices=RENDERERS, default=default("cleaner"),
                        help="which rendering of the pages to read (default: cleaner)")
    parser.add_argument("--corpus", type=Path, metavar="FILE", default=default(None),
                        help=f"corpus JSONL (default: {prepare.CACHE_DIR}/corpus-RENDERER.jsonl)")
    parser.add_argument("--split-file", type=Path, metavar="FILE", default=default(SPLIT_FILE),
                        help=f"sites per split (default: {SPLIT_FILE})")
    parser.add_argument("--data", type=Path, metavar="DIR", default=default(DATA_DIR),
                        help=f"unpacked datasets, for the HTML references (default: {DATA_DIR})")
    parser.add_argument("--references", metavar="LIST", default=default(None),
                        help="comma-separated references, 'all' or 'none'")
    parser.add_argument("--workers", type=int, metavar="N", default=default(min(2, os.cpu_count() or 1)),
                        help="processes for the references (default: 2)")
    parser.add_argument("--rules-report", action="store_true", default=default(False),
                        help="print, per rule, the lines it fired on and the gold content it dropped")
    parser.add_argument("--errors", type=Path, metavar="DIR", default=default(None),
                        help="write the worst pages (text and index.html) and a precision/recall plot")
    parser.add_argument("--worst", type=int, metavar="N", default=default(DEFAULT_WORST),
                        help=f"pages in the error browser (default: {DEFAULT_WORST})")
    parser.add_argument("--json", metavar="FILE", default=default(None),
                        help="also write everything in the tables as JSON ('-': stdout, tables to stderr)")


class UsageError(Exception):
    """A problem with the command line or its files, reported in one line."""


def run(args: argparse.Namespace) -> int:
    """Run the chosen bench command; errors are one line on stderr and a non-zero exit."""
    if getattr(args, "bench_command", None) == "prepare":
        return prepare.run(args)
    try:
        return _run(args)
    except UsageError as exc:
        report(PROG, "error", str(exc))
        return EXIT_USAGE


def _run(args: argparse.Namespace) -> int:
    configs = list(args.compare or args.config or [DEFAULT_CONFIG])
    if len(set(configs)) != len(configs):
        raise UsageError("the same configuration is given twice")
    if args.workers < 1 or args.worst < 1:
        raise UsageError("--workers and --worst must be at least 1")
    references = _references(args)
    pages = _load_pages(args)
    if not pages:
        raise UsageError("no pages match the split, datasets and limit given")
    print(f"{PROG}: {len(pages)} pages; {', '.join(configs)}"
          f"{'; references ' + ', '.join(references) if references else ''}", file=sys.stderr)
    try:
        result = run_bench(pages, configs, references, args.data, args.workers)
    except BenchError as exc:
        raise UsageError(str(exc)) from None

    out: TextIO = sys.stderr if args.json == "-" else sys.stdout
    print(format_tables(result), file=out)
    focus = configs[-1] if args.compare else configs[0]
    document: dict[str, Any] = {
        "version": __version__, "split": args.split, "renderer": args.renderer,
        "corpus": str(_corpus_path(args)), "datasets": args.datasets, "limit": args.limit,
        "pages": len(result.pages), "wall_seconds": result.seconds, "note": NOTE,
        "tables": table_rows(result)}
    if args.compare:
        comparison = compare(result.system(configs[0]), result.system(configs[1]), result.pages)
        print(format_comparison(comparison) + "\n", file=out)
        document["compare"] = comparison.to_dict()
    if args.rules_report:
        damage = rule_damage(result.pages, result.system(focus).runs)
        print(format_rule_report(damage, focus) + "\n", file=out)
        document["rules"] = {"config": focus, "rows": [asdict(row) for row in damage]}
    if args.errors:
        _write_errors(args.errors, result, focus, args.worst)
    if args.json:
        _write_json(args.json, document)
    return EXIT_OK


def _references(args: argparse.Namespace) -> list[str]:
    chosen = args.references or (NONE if args.compare else ALL)
    if chosen == NONE:
        return []
    names = list(REFERENCES) if chosen == ALL else [n.strip() for n in chosen.split(",") if n.strip()]
    unknown = [n for n in names if n not in REFERENCES]
    if unknown:
        raise UsageError(f"unknown reference {unknown[0]!r} (known: {', '.join(REFERENCES)}, all, none)")
    html = [n for n in names if REFERENCES[n].source == "html"]
    if html and not args.data.is_dir():
        report(PROG, "warning", f"no dataset folder {args.data} (--data): skipping {', '.join(html)}")
        names = [n for n in names if n not in html]
    return names


def _corpus_path(args: argparse.Namespace) -> Path:
    return args.corpus or prepare.default_out(args.renderer)


def _load_pages(args: argparse.Namespace) -> list[Page]:
    path = _corpus_path(args)
    if not path.is_file():
        raise UsageError(f"no corpus at {path}: run 'cleaner bench prepare' first, or give --corpus")
    split = None if args.split == ALL else args.split
    if split and not args.split_file.is_file():
        raise UsageError(f"no split file at {args.split_file}: run from the repository or give --split-file")
    datasets = [d.strip() for d in args.datasets.split(",") if d.strip()] if args.datasets else None
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    try:
        return corpus.load(path, split=split, split_file=args.split_file if split else None,
                           datasets=datasets, limit=args.limit)
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read the corpus {path}: {exc}") from None


def _write_errors(directory: Path, result: BenchResult, system: str, worst: int) -> None:
    try:
        written = write_browser(directory, result, system, worst)
        plotted = plot_precision_recall(directory / PLOT, result.system(system))
    except OSError as exc:
        raise UsageError(f"cannot write the error browser to {directory}: {exc}") from None
    if not plotted:
        report(PROG, "note", "matplotlib is not installed (pip install 'scrape-cleaner[bench]'): "
                             "no precision/recall plot")
    print(f"{PROG}: error browser for {system}: {written[0]} ({len(written) - 1} pages)", file=sys.stderr)


def _write_json(target: str, document: dict[str, Any]) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    if target == "-":
        sys.stdout.write(text)
        return
    try:
        Path(target).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc}") from None
