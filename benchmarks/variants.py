"""Write the corpus as other scrapers would give its pages, to measure the cleaner on them.

    python benchmarks/variants.py no-blanks --out /tmp/corpus-no-blanks.jsonl
    python benchmarks/variants.py wrapped --out /tmp/corpus-wrapped.jsonl
    python benchmarks/variants.py unknown-language --out /tmp/corpus-unknown-language.jsonl
    python benchmarks/variants.py spaceless-language --out /tmp/corpus-spaceless-language.jsonl
    cleaner bench run --split validation --corpus /tmp/corpus-wrapped.jsonl

``no-blanks``: every blank line removed (scrapers that write none between
paragraphs). ``wrapped``: every line broken into lines of at most 60-100
characters, the width drawn per page (text dumps such as lynx's or w3m's).
``unknown-language``: every Latin letter of the text and the gold spelled in
an Armenian one, case for case, so that no stoplist, lexicon word or phrase
rule knows a word while every line keeps its shape (a language the cleaner
has no data for). ``spaceless-language``: the same in Thai letters, without
spaces between words or a full stop after one, as Thai, Lao, Khmer and Burmese
are written.
Each new line keeps the label of the line it came from. These are the copies
training adds to every train page (``cleaner.model.train``).
"""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path

from cleaner.bench.corpus import load
from cleaner.bench.prepare import default_out
from cleaner.model.train import unknown_language, without_blanks, wrapped

VARIANTS = {"no-blanks": without_blanks, "wrapped": wrapped, "unknown-language": unknown_language,
            "spaceless-language": partial(unknown_language, spaceless=True)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("variant", choices=sorted(VARIANTS))
    parser.add_argument("--corpus", type=Path, default=default_out("cleaner"))
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    change = VARIANTS[args.variant]
    pages = load(args.corpus)
    with args.out.open("w", encoding="utf-8") as out:
        for page in pages:
            out.write(change(page).to_json() + "\n")
    print(f"{len(pages)} pages ({args.variant}) written to {args.out}")


if __name__ == "__main__":
    main()
