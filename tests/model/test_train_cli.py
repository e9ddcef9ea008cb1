"""``cleaner train`` through a real subprocess: from the raw datasets to a usable model file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("sklearn")

DATA = Path(__file__).resolve().parent.parent / "fixtures" / "web-cleaning"


def train(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleaner", "train", *args],
                          capture_output=True, text=True, timeout=600)


def test_train_from_the_datasets_writes_a_model_the_cleaner_uses(tmp_path: Path) -> None:
    corpus, model, split = tmp_path / "corpus.jsonl", tmp_path / "model.json", tmp_path / "split.json"
    split.write_text(json.dumps({"train": ["harbour-news.org", "valley-gazette.com", "riverside-post.com"],
                                 "validation": ["trailnotes.org"], "test": []}))
    done = train("--data", str(DATA), "--corpus", str(corpus), "--split", str(split),
                 "--out", str(model), "--stage2", "logistic", "--lexicon-min-sites", "2")
    assert done.returncode == 0, done.stderr
    assert corpus.is_file() and "prepared" in done.stderr
    data = json.loads(model.read_text())
    assert data["stage2"]["type"] == "logistic" and "--stage2 logistic" in data["info"]["command"]
    # Three train sites: the default (30) would keep no word.
    assert "seen on 2 sites or more" in done.stderr and data["lexicon"]
    # the validation table printed at the end names the new model, with and without comments
    assert f"model={model} " in done.stdout and f"model={model}+comments=yes" in done.stdout
    cleaned = subprocess.run([sys.executable, "-m", "cleaner", "clean", "--model", str(model)],
                             input="Menu\n\nThe talks in Geneva ended without a deal on Friday, and both "
                                   "sides said they would meet again next week.\n",
                             capture_output=True, text=True, timeout=60)
    assert cleaned.returncode == 0 and "Geneva" in cleaned.stdout


def test_missing_data_corpus_or_train_pages_is_a_usage_error(tmp_path: Path) -> None:
    done = train("--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "m.json"))
    assert done.returncode == 2 and "no such folder" in done.stderr
    done = train("--corpus", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "m.json"))
    assert done.returncode == 2 and "no such corpus" in done.stderr
    split = tmp_path / "split.json"
    split.write_text(json.dumps({"train": [], "validation": [], "test": []}))
    # every site falls to a split by its hash; none is named for training here
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    done = train("--corpus", str(empty), "--split", str(split), "--out", str(tmp_path / "m.json"))
    assert done.returncode == 2 and "no train pages" in done.stderr
    assert "Traceback" not in done.stderr
    done = train("--out", str(tmp_path / "m.json"), "--lexicon-min-sites", "0")
    assert done.returncode == 2 and "at least 1" in done.stderr


def test_several_corpora_train_one_model_on_all_their_train_pages(tmp_path: Path) -> None:
    from cleaner.bench.corpus import load

    split = tmp_path / "split.json"
    split.write_text(json.dumps({"train": ["harbour-news.org", "valley-gazette.com", "riverside-post.com"],
                                 "validation": ["trailnotes.org"], "test": []}))
    corpora = []
    for renderer in ("cleaner", "html-text"):
        out = tmp_path / f"{renderer}.jsonl"
        prepared = subprocess.run([sys.executable, "-m", "cleaner", "bench", "prepare", str(DATA),
                                   "--renderer", renderer, "--out", str(out), "--quiet"],
                                  capture_output=True, text=True, timeout=300)
        assert prepared.returncode == 0, prepared.stderr
        corpora.append(out)
    model = tmp_path / "model.json"
    done = train("--corpus", str(corpora[0]), "--corpus", str(corpora[1]), "--split", str(split),
                 "--out", str(model), "--stage2", "logistic", "--no-validate")
    assert done.returncode == 0, done.stderr
    info = json.loads(model.read_text())["info"]
    assert info["corpus"] == "cleaner.jsonl, html-text.jsonl"
    assert info["train_pages"] == sum(len(load(c, split="train", split_file=split)) for c in corpora)
    missing = train("--corpus", str(corpora[0]), "--corpus", str(tmp_path / "none.jsonl"),
                    "--split", str(split), "--out", str(tmp_path / "m.json"))
    assert missing.returncode == 2 and "none.jsonl: no such corpus" in missing.stderr
