"""The fixed split of the corpus by site into train, validation and test.

Pages of one site share templates, so a split by page would let a model learn a
site on train and be measured on it; the split is by site. Within each dataset,
its sites are ranked by a salted SHA-256 of the site name and the first 15 %
go to validation, the next 15 % to test and the rest to train (a site seen in an
earlier dataset keeps its split and counts against the quotas). Datasets are taken
smallest first, so that small sets get their share. The result is written once to
``benchmarks/split.json`` (site names per split) and kept in the repository;
:func:`split_of` falls back to the plain hash thresholds for sites not in it.

Writing the file: ``python -m cleaner.bench.split DATA [--out benchmarks/split.json]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

SALT = "cleaner-split-2024"
SPLITS = ("train", "validation", "test")
SHARES = {"train": 0.70, "validation": 0.15, "test": 0.15}
DEFAULT_FILE = Path("benchmarks") / "split.json"


def site_hash(site: str) -> float:
    """A number in [0, 1) fixed by the site name and :data:`SALT`.

    >>> 0 <= site_hash("example.com") < 1, site_hash("a.org") == site_hash("a.org")
    (True, True)
    """
    digest = hashlib.sha256(f"{SALT}:{site}".encode()).hexdigest()
    return int(digest[:13], 16) / 16**13


def split_of(site: str, table: Mapping[str, str] | None = None) -> str:
    """The split of ``site``: from ``table`` (site to split, see :func:`read_split`) when
    it is there, else by hash thresholds (70 % train, 15 % validation, 15 % test).

    >>> split_of("example.com", {"example.com": "test"})
    'test'
    >>> split_of("example.com") in SPLITS
    True
    """
    if table is not None and site in table:
        return table[site]
    h = site_hash(site)
    if h < SHARES["validation"]:
        return "validation"
    if h < SHARES["validation"] + SHARES["test"]:
        return "test"
    return "train"


def make_split(sites_by_dataset: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """Assign every site to a split, stratified per dataset (see the module docstring).

    >>> s = make_split({"a": [f"s{i}.org" for i in range(20)]})
    >>> [len(s[k]) for k in SPLITS]
    [14, 3, 3]
    """
    assigned: dict[str, str] = {}
    datasets = sorted(sites_by_dataset, key=lambda d: (len(set(sites_by_dataset[d])), d))
    for dataset in datasets:
        sites = sorted(set(sites_by_dataset[dataset]), key=lambda s: (site_hash(s), s))
        n = len(sites)
        quota = {"validation": round(n * SHARES["validation"]), "test": round(n * SHARES["test"])}
        for site in sites:
            if site in assigned and assigned[site] in quota:
                quota[assigned[site]] -= 1
        for site in sites:
            if site in assigned:
                continue
            if quota["validation"] > 0:
                assigned[site], quota["validation"] = "validation", quota["validation"] - 1
            elif quota["test"] > 0:
                assigned[site], quota["test"] = "test", quota["test"] - 1
            else:
                assigned[site] = "train"
    result: dict[str, list[str]] = {name: [] for name in SPLITS}
    for site, name in assigned.items():
        result[name].append(site)
    return {name: sorted(sites) for name, sites in result.items()}


def read_split(path: Path) -> dict[str, str]:
    """Site to split name, from a split file (``{"train": [sites], ...}``).

    Raises ValueError when the file is not such an object, OSError when unreadable.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not JSON ({exc})") from None
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise ValueError(f"{path}: expected an object of split name to site list")
    return {site: name for name, sites in data.items() for site in sites}


def write_split(path: Path, split: Mapping[str, list[str]]) -> None:
    """Write a split file: one key per split, sorted site names, one per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = ",\n".join(f' "{name}": ' + json.dumps(sorted(split.get(name, [])), indent=None)
                      for name in SPLITS)
    path.write_text("{\n" + body.replace('", "', '",\n  "') + "\n}\n", encoding="utf-8")


def sites_in(data: Path, datasets: list[str] | None = None) -> dict[str, set[str]]:
    """Sites of every page of the datasets in ``data`` (folder or archive), per dataset."""
    from cleaner.bench.corpus import page_site, iter_sources

    found: dict[str, set[str]] = defaultdict(set)
    for dataset, name, html, gold in iter_sources(data, datasets, with_bytes=True):
        assert isinstance(html, bytes)
        found[dataset].add(page_site(dataset, name, html, gold if isinstance(gold, bytes) else None))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cleaner.bench.split",
                                     description="Write the split by site from the public datasets.")
    parser.add_argument("data", type=Path, help="the web-cleaning folder or its .tar.xz archive")
    parser.add_argument("--out", type=Path, default=DEFAULT_FILE, help=f"default: {DEFAULT_FILE}")
    args = parser.parse_args(argv)
    try:
        split = make_split(sites_in(args.data))
        write_split(args.out, split)
    except (OSError, ValueError) as exc:
        print(f"python -m cleaner.bench.split: error: {exc}", file=sys.stderr)
        return 1
    print(f"{args.out}: " + ", ".join(f"{name} {len(split[name])} sites" for name in SPLITS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
