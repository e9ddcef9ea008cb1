"""Training on the tiny fixture corpus: it runs, it is reproducible, its model loads."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

import cleaner
from cleaner.bench.corpus import load
from cleaner.model.stacked import StackedModel
from cleaner.features.shape import line_tokens
from cleaner.features.stopwords import stopwords
from cleaner.lines import Document
from cleaner.model.train import (
    VARIANT_RENDERERS,
    WRAP_WIDTHS,
    _ARMENIAN,
    _unknown_language_copy,
    _fold_lexicons,
    _fold_of,
    _lexicon_sample,
    _weight,
    content_only,
    page_document,
    train,
    unknown_language,
    without_blanks,
    wrapped,
)
from cleaner.model.trees import TreeEnsemble
from cleaner.rules.engine import RuleSet

pytest.importorskip("sklearn")

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "bench" / "corpus.jsonl"


def test_training_is_reproducible_and_the_model_is_usable(tmp_path: Path) -> None:
    pages = load(CORPUS)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    # Words on one site enter the lexicon, so that the fixture's lexicon is not empty.
    train(pages, RuleSet.load(), log=lambda _: None, lexicon_min_sites=1).save(first)
    train(pages, RuleSet.load(), log=lambda _: None, lexicon_min_sites=1).save(second)
    assert first.read_text() == second.read_text()
    assert json.loads(first.read_text())["lexicon"]
    model = StackedModel.load(first)
    assert 0.3 <= model.threshold <= 0.8
    a = cleaner.analyze(pages[0].text, model=str(first))
    assert len(a.lines) == len(pages[0].text.splitlines())
    assert all(line.score is None or 0.0 <= line.score <= 1.0 for line in a.lines)
    info = json.loads(first.read_text())["info"]
    assert 0.0 <= info["threshold_oof_f1"] <= 1.0
    assert 0.0 <= info["page_threshold_oof_f1"] <= 1.0
    assert info["rules"] == RuleSet.load().fingerprint()


@pytest.mark.parametrize("renderer", sorted(VARIANT_RENDERERS))
def test_a_rendering_that_is_a_variant_gets_no_copies_and_its_weight(renderer: str) -> None:
    pages = [p for p in load(CORPUS) if any(p.content)]
    nodes = [replace(p, renderer=renderer) for p in pages]

    def trained_pages(corpus: list) -> int:
        logged: list[str] = []
        train(corpus, RuleSet.load(), log=logged.append, stage2="logistic", lexicon_min_sites=1)
        return int(re.search(r"train: (\d+) pages", " ".join(logged)).group(1))  # type: ignore[union-attr]

    # Each scraped page and its four copies; a variant rendering adds itself alone.
    assert trained_pages(pages) == 5 * len(pages)
    assert trained_pages(pages + nodes) == 6 * len(pages)
    assert _weight(nodes[0]) == VARIANT_RENDERERS[renderer] < 1.0
    assert _weight(pages[0]) == 1.0
    assert _weight(wrapped(nodes[0])) == _weight(wrapped(pages[0])) < 1.0


def test_each_fold_takes_its_lexicon_from_the_other_folds_sites() -> None:
    pages = load(CORPUS)
    ruleset = RuleSet.load()
    samples = [_lexicon_sample(p, ruleset.apply(page_document(p))) for p in pages]
    for fold, lexicon in enumerate(_fold_lexicons(samples, 1)):
        held_out = {w for site, lines, _ in samples if _fold_of(site) == fold
                    for w in line_tokens(lines)[3]}
        elsewhere = {w for site, lines, _ in samples if _fold_of(site) != fold
                     for w in line_tokens(lines)[3]}
        assert set(lexicon.weights) <= elsewhere
        assert not (held_out - elsewhere) & set(lexicon.weights)


def test_training_copies() -> None:
    page = load(CORPUS)[0]
    clean = content_only(page)
    assert all(clean.content[i] or not clean.lines[i].strip() for i in range(len(clean.lines)))
    assert [line for line in clean.lines if line.strip()] == \
        [line for line, c in zip(page.lines, page.content) if c]
    flat = without_blanks(page)
    assert all(line.strip() for line in flat.lines)
    assert len(flat.lines) == len(flat.content) == len(flat.labels)
    broken = wrapped(page)
    assert len(broken.lines) == len(broken.content) == len(broken.labels) > len(page.lines)
    assert all(len(line) <= WRAP_WIDTHS[1] or " " not in line for line in broken.lines)
    # The same words in the same order, each piece labelled as the line it came from.
    assert " ".join(broken.lines).split() == " ".join(page.lines).split()
    words = [(word, keep) for line, keep in zip(page.lines, page.content) for word in line.split()]
    assert [(word, keep) for line, keep in zip(broken.lines, broken.content)
            for word in line.split()] == words


def test_the_unknown_language_copy_keeps_the_shapes_and_loses_the_words() -> None:
    page = load(CORPUS)[0]
    foreign = unknown_language(page)
    assert (foreign.content, foreign.labels) == (page.content, page.labels)
    assert [len(line) for line in foreign.lines] == [len(line) for line in page.lines]
    for line, spelled in zip(page.lines, foreign.lines):
        assert [c.isupper() for c in spelled] == [c.isupper() for c in line]
        assert [c.isalpha() for c in spelled] == [c.isalpha() for c in line]
    # No stoplist, lexicon or phrase rule holds a word of it.
    assert set(line_tokens(page.lines)[3]) & stopwords()
    assert not set(line_tokens(foreign.lines)[3]) & stopwords()
    english = RuleSet.load().apply(Document.from_text("Subscribe to our newsletter\nShare on Facebook"))
    spelled = RuleSet.load().apply(Document.from_text(
        "Subscribe to our newsletter\nShare on Facebook".translate(_ARMENIAN)))
    assert all(english.fired) and not any(spelled.fired)
    # Lines marked to keep keep their spelling.
    marked = unknown_language(page, [True] + [False] * (len(page.lines) - 1))
    assert marked.lines[0] == page.lines[0] and marked.lines[1:] == foreign.lines[1:]


def test_a_third_of_the_unknown_language_copies_are_written_without_spaces() -> None:
    page = load(CORPUS)[0]
    hits = RuleSet.load().apply(page_document(page))
    thai = re.compile("[\u0e00-\u0e7f]")
    copies = [_unknown_language_copy(replace(page, page_id=f"site/{n}"), hits) for n in range(600)]
    assert 150 <= sum(any(map(thai.search, copy.lines)) for copy in copies) <= 250
    spaceless = unknown_language(page, spaceless=True)
    assert (spaceless.content, spaceless.labels) == (page.content, page.labels)
    # Its words are no tokens: what is left of them is digits, in no stoplist.
    assert all(token.isdigit() for token in line_tokens(spaceless.lines)[3])
    # Spaces are left between sentences and beside numbers and symbols only.
    assert sum(line.count(" ") for line in spaceless.lines) < sum(line.count(" ") for line in page.lines) / 3


def test_half_the_unknown_language_copies_keep_the_lines_rules_fire_on() -> None:
    ruleset = RuleSet.load()
    kinds = set()
    for page in load(CORPUS):
        copy = _unknown_language_copy(page, ruleset.apply(page_document(page)))
        # Lines with a Latin letter: the others read the same either way.
        latin = [a != b for a, b in zip(unknown_language(page).lines, page.lines)]
        kept = [a == b and has for a, b, has in zip(copy.lines, page.lines, latin)]
        fired = [bool(f) and has for f, has in zip(ruleset.apply(page_document(page)).fired, latin)]
        assert kept in ([False] * len(kept), fired)
        kinds.add(any(kept))
    assert kinds == {True, False}


def test_exit_report_counts_exits_and_moves(stumps: Callable[..., TreeEnsemble]) -> None:
    import numpy as np

    from cleaner.model.train import _exit_report

    trees = stumps([(-4.0, 0.1), (3.5, 0.3)], exit_after=1, exit_beyond=3.0)
    # Row 0 exits at -4, below probability 0.3, where the full sum (-0.5, probability
    # 0.38) is above it; rows 1 and 2 walk on and agree with the full sum.
    report = _exit_report(trees, np.array([[0.2], [0.9], [0.7]]))
    assert "33.3% of 3 train lines" in report and "1 of them moved" in report


def test_the_default_threshold_is_the_top_of_a_plateau_not_a_lone_spike() -> None:
    from cleaner.model.train import _plateau_top

    curve = {0.3: 0.80, 0.35: 0.90, 0.4: 0.80, 0.45: 0.88, 0.5: 0.89, 0.55: 0.88, 0.6: 0.85}
    assert _plateau_top(curve) == 0.5
    assert _plateau_top({0.4: 0.9, 0.45: 0.9}) == 0.4  # ties: the first
