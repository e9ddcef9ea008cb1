"""``cleaner train``: fit the line classifier on the corpus's train split.

    cleaner train --corpus ~/.cache/cleaner-bench/corpus-cleaner.jsonl \\
                  --split benchmarks/split.json --out model.json
    cleaner train --data DATA_DIR --split benchmarks/split.json --out model.json
    cleaner train --corpus A.jsonl --corpus B.jsonl --out model.json   # two renderings

A corpus rendered a line per text node or as a grid (``cleaner bench prepare
--renderer text-nodes`` or ``inscriptis``) is taken as a variant of the pages:
at half weight and without training copies of its own
(:data:`cleaner.model.train.VARIANT_RENDERERS`).

Needs the ``train`` extra (scikit-learn). Prints the validation table of the
new model at the end (``cleaner bench`` on the validation split of the training
corpus, whose gold may count reader comments: the model with and without them).
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

from cleaner.cli.errors import EXIT_OK, EXIT_USAGE, report

DEFAULT_CORPUS = Path("~/.cache/cleaner-bench/corpus-cleaner.jsonl")
DEFAULT_SPLIT = Path("benchmarks/split.json")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, action="append", default=None,
                        help=f"prepared corpus JSONL; repeat to train on the train pages of each, "
                             f"e.g. the same pages as several renderers give them (default: {DEFAULT_CORPUS})")
    parser.add_argument("--data", type=Path, default=None, metavar="DIR",
                        help="the unpacked public datasets (or their archive): prepare the corpus "
                             "from them first, into the first --corpus (as 'cleaner bench prepare' does)")
    parser.add_argument("--split", type=Path, default=DEFAULT_SPLIT,
                        help=f"split file of site names (default: {DEFAULT_SPLIT})")
    parser.add_argument("--out", type=Path, required=True, help="where to write the model JSON")
    parser.add_argument("--stage2", choices=("trees", "logistic"), default="trees",
                        help="stage two's learner (default: trees)")
    parser.add_argument("--lexicon-min-sites", type=_positive, default=None, metavar="N",
                        help="keep the words seen on at least N train sites in the model's lexicon "
                             "(default: 30; lower it for a corpus of few sites)")
    parser.add_argument("--no-validate", action="store_true",
                        help="skip the validation table at the end")
    parser.epilog = __doc__


def _positive(text: str) -> int:
    if not text.isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def run(args: argparse.Namespace) -> int:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        report("cleaner train", "error", "training needs scikit-learn: pip install 'scrape-cleaner[train]'")
        return EXIT_USAGE
    from cleaner.bench.corpus import load
    from cleaner.features.lexicon import MIN_SITES
    from cleaner.model.train import train
    from cleaner.rules.engine import RuleSet

    corpora = [path.expanduser() for path in args.corpus or [DEFAULT_CORPUS]]
    corpus = corpora[0]
    if args.data is not None:
        from cleaner.bench.corpus import prepare

        if not args.data.exists():
            report("cleaner train", "error", f"{args.data}: no such folder or archive")
            return EXIT_USAGE
        prepared = prepare(args.data, corpus, renderer="cleaner", progress=False)
        print(f"prepared {prepared.total_kept} pages from {args.data} into {corpus}", file=sys.stderr)
    for path in corpora:
        if not path.is_file():
            report("cleaner train", "error", f"{path}: no such corpus; run 'cleaner bench prepare DATA' first")
            return EXIT_USAGE
    if not args.split.is_file():
        report("cleaner train", "error", f"{args.split}: no such split file")
        return EXIT_USAGE
    started = time.time()
    pages = [page for path in corpora for page in load(path, split="train", split_file=args.split)]
    if not any(any(page.content) for page in pages):
        report("cleaner train", "error", f"no train pages with content in {', '.join(map(str, corpora))}"
                                         f" by {args.split}")
        return EXIT_USAGE
    info = {"command": "cleaner train " + " ".join(sys.argv[2:]),
            "corpus": ", ".join(path.name for path in corpora),
            "train_pages": len(pages), "python": platform.python_version()}
    model = train(pages, RuleSet.load(), info=info, log=lambda m: print(m, file=sys.stderr),
                  stage2=args.stage2, lexicon_min_sites=args.lexicon_min_sites or MIN_SITES)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e3:.0f} kB) from {len(pages)} train pages"
          f" in {time.time() - started:.0f} s", file=sys.stderr)
    if not args.no_validate:
        from cleaner.cli.main import main as cleaner_main

        return cleaner_main(["bench", "run", "--corpus", str(corpus), "--split-file",
                             str(args.split), "--split", "validation", "--references", "none",
                             "--config", f"model={args.out}", "--config", f"model={args.out}+comments=yes",
                             "--config", "rules"])
    return EXIT_OK
