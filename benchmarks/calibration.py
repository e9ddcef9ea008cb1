"""Are the model's line scores probabilities, and does it name the chrome it drops?

    python benchmarks/calibration.py                  # the default model
    python benchmarks/calibration.py --model fast     # another model option

Over the validation split's lines the model decided (not blank, no hard rule),
prints the expected calibration error and, per score bin of 0.1, how many
lines fall in it, their mean score and the share of them that is gold content.
Then, on the validation pages of the datasets that name reader comments per
line (L3S-GN1, whose gold leaves them out, and Dragnet, whose gold keeps them),
how the lines it names ``comments`` compare with the gold comments, against
rules with the hand-set heuristic scorer, and how many it keeps with
``comments=False``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cleaner import Cleaner
from cleaner.bench.corpus import load
from cleaner.bench.page import Page
from cleaner.bench.prepare import default_out

ROOT = Path(__file__).resolve().parent.parent
BINS = 10


def calibration(cleaner: Cleaner, pages: list[Page]) -> tuple[float, list[tuple[int, float, float]]]:
    """Expected calibration error, and (lines, mean score, content share) per score bin."""
    sums = [[0, 0.0, 0.0] for _ in range(BINS)]
    for page in pages:
        for line, content in zip(cleaner.analyze(page.text).lines, page.content):
            if line.score is None:
                continue
            cell = sums[min(int(line.score * BINS), BINS - 1)]
            cell[0] += 1
            cell[1] += line.score
            cell[2] += content
    total = sum(int(n) for n, _, _ in sums)
    rows = [(int(n), s / n, c / n) if n else (0, 0.0, 0.0) for n, s, c in sums]
    ece = sum(n * abs(mean - share) for n, mean, share in rows) / max(total, 1)
    return ece, rows


def comments(cleaner: Cleaner, pages: list[Page]) -> tuple[int, int, int, int]:
    """Lines labelled comments, how many of them are gold comments, the gold comments, and how
    many of those are kept."""
    named = right = gold = kept = 0
    for page in pages:
        for line, label in zip(cleaner.analyze(page.text).lines, page.labels):
            is_named = line.label.value == "comments"
            named += is_named
            right += is_named and label == "comments"
            gold += label == "comments"
            kept += line.kept and label == "comments"
    return named, right, gold, kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=default_out("cleaner"))
    parser.add_argument("--split-file", type=Path, default=ROOT / "benchmarks" / "split.json")
    parser.add_argument("--model", default="default", help="model option of clean() (default: default)")
    args = parser.parse_args()
    pages = load(args.corpus, split="validation", split_file=args.split_file)
    cleaner = Cleaner(model=args.model)
    ece, rows = calibration(cleaner, pages)
    print(f"model {args.model}: {sum(n for n, _, _ in rows):,} lines the model decided on "
          f"{len(pages)} validation pages; expected calibration error {ece:.3f}")
    print("| score bin | lines | mean score | share that is content |\n|---|---:|---:|---:|")
    for k, (n, mean, share) in enumerate(rows):
        print(f"| {k / BINS:.1f}-{(k + 1) / BINS:.1f} | {n:,} | {mean:.3f} | {share:.3f} |")
    for dataset in ("l3s-gn1", "dragnet"):
        some = [page for page in pages if page.dataset == dataset]
        print(f"\n{dataset}, {len(some)} pages | lines labelled comments | of them gold comments "
              "| gold comment lines | of them kept |\n|---|---:|---:|---:|---:|")
        for name, options in (("rules + heuristic", {"model": "heuristic"}),
                              (f"rules + {args.model}", {"model": args.model}),
                              (f"rules + {args.model}, comments=False",
                               {"model": args.model, "comments": False})):
            named, right, gold, kept = comments(Cleaner(**options), some)
            print(f"| {name} | {named} | {right} | {gold} | {kept} |")


if __name__ == "__main__":
    main()
