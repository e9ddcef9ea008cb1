"""The stacked model: used as the cleaner's model, serialisation, refusing stale files."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import cleaner
from cleaner.features.lexicon import Lexicon
from cleaner.features.matrix import FEATURE_NAMES
from cleaner.model.linear import LinearStage, SoftmaxStage
from cleaner.model.shipped import shipped_model
from cleaner.model.stacked import COMMENTS_INPUT, STAGE2_INPUT, THREAD_ARTICLE_WORDS, StackedModel
from cleaner.model.trees import TreeEnsemble


def toy_model(trees: bool = False, lexicon: Lexicon | None = None) -> StackedModel:
    """Stage one likes long lines with stopwords, and words its lexicon likes; stage two
    trusts stage one."""
    coef1 = np.zeros(len(FEATURE_NAMES))
    coef1[FEATURE_NAMES.index("log_words")] = 3.0
    coef1[FEATURE_NAMES.index("stop_share")] = 2.0
    coef1[FEATURE_NAMES.index("lex_mean")] = 10.0
    stage1 = LinearStage(np.zeros(len(FEATURE_NAMES)), np.ones(len(FEATURE_NAMES)), coef1, -10.0)
    if trees:
        # One stump on stage one's probability: above one half is content.
        stage2 = TreeEnsemble(np.array([STAGE2_INPUT.index("p"), 0, 0]), np.array([0.5, 0.0, 0.0]),
                              np.array([1, 1, 2]), np.array([2, 1, 2]), np.array([0.0, -3.0, 3.0]),
                              np.array([0]), 1, 0.0)
    else:
        coef2 = np.zeros(len(STAGE2_INPUT))
        coef2[STAGE2_INPUT.index("logit")] = 1.0
        stage2 = LinearStage(np.zeros(len(STAGE2_INPUT)), np.ones(len(STAGE2_INPUT)), coef2, 0.0)
    return StackedModel(stage1, stage2, name="toy", lexicon=lexicon)


TEXT = ("Quick words here\n\nThe ministers met in Geneva on Friday and agreed to keep talking, "
        "although neither side said it had moved.")


@pytest.mark.parametrize("trees", [False, True])
def test_round_trip_and_use_as_the_cleaner_model(tmp_path: Path, trees: bool) -> None:
    path = tmp_path / "toy.json"
    toy_model(trees).save(path)
    loaded = StackedModel.load(path)
    assert loaded.name == "toy" and isinstance(loaded.stage2, TreeEnsemble) == trees
    a = cleaner.analyze(TEXT, model=str(path), title=False)
    assert [line.kept for line in a.lines] == [False, False, True]
    assert a.lines[2].reasons[-1] == "model:toy"
    assert 0.5 < a.lines[2].score <= 1.0 and a.lines[0].score < 0.5


def test_stale_or_broken_files_fail_with_one_line(tmp_path: Path) -> None:
    data = toy_model().to_dict()
    data["features"] = data["features"][:-1]
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="retrain"):
        StackedModel.load(stale)
    unknown = tmp_path / "unknown.json"
    unknown.write_text(json.dumps(dict(toy_model().to_dict(), stage2={"type": "forest"})))
    with pytest.raises(ValueError, match="invalid model file"):
        StackedModel.load(unknown)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(ValueError, match="not JSON"):
        StackedModel.load(broken)
    with pytest.raises(ValueError, match="cannot read"):
        StackedModel.load(tmp_path / "missing.json")


def test_the_lexicon_travels_in_the_model_file_and_weighs_the_lines_words(tmp_path: Path) -> None:
    path = tmp_path / "words.json"
    toy_model(lexicon=Lexicon({"ministers": -20.0})).save(path)
    loaded = StackedModel.load(path)
    assert loaded.lexicon.weights == {"ministers": -20.0}
    a = cleaner.analyze(TEXT, model=str(path), title=False)
    # The prose line's one word the lexicon holds outweighs its shape (without the
    # lexicon it is kept: the round-trip test above).
    assert not a.lines[2].kept and a.lines[2].score < 0.01
    data = json.loads(path.read_text())
    del data["lexicon"]
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="invalid model file"):
        StackedModel.load(path)
    path.write_text(json.dumps(dict(data, version=2)))
    with pytest.raises(ValueError, match="not a cleaner-stacked v3 model file"):
        StackedModel.load(path)


def test_a_kinds_head_names_dropped_lines_and_bad_kinds_are_refused(tmp_path: Path) -> None:
    model = toy_model()
    width = len(STAGE2_INPUT)
    model.kinds = SoftmaxStage(("comments", "other"), np.zeros(width), np.ones(width),
                               np.zeros((2, width)), np.array([5.0, 0.0]))
    path = tmp_path / "kinds.json"
    model.save(path)
    a = cleaner.analyze(TEXT, model=str(path), title=False)
    assert [line.label.value for line in a.lines] == ["comments", "blank", "body"]
    data = json.loads(path.read_text())
    data["kinds"]["classes"] = ["gossip", "other"]
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="invalid model file"):
        StackedModel.load(path)


def test_a_comments_head_names_kept_lines_below_a_comments_header(tmp_path: Path) -> None:
    model = toy_model()
    width = len(COMMENTS_INPUT)
    # Every line it reads is a comment: which lines it reads is what is tested.
    model.comments = LinearStage(np.zeros(width), np.ones(width), np.zeros(width), 5.0)
    path = tmp_path / "comments.json"
    model.save(path)
    assert isinstance(StackedModel.load(path).comments, LinearStage)
    prose = TEXT.split("\n")[-1]
    article = f"{prose}\n\n{prose.replace('Geneva', 'Vienna')}"
    comment = prose.replace("Friday", "Monday")
    page = f"{article}\n\n12 Comments\n\n{comment}"
    a = cleaner.analyze(page, model=str(path), title=False)
    assert [(line.label.value, line.kept) for line in a.lines if line.text] == [
        ("body", True), ("body", True), ("comments", False), ("comments", False)]
    assert cleaner.clean(page, model=str(path)) == article
    assert cleaner.clean(page, model=str(path), comments=True) == page.replace("\n\n12 Comments", "")
    # A page without a comments header is the article, whatever the head would say.
    assert cleaner.clean(TEXT, model=str(path), title=False) == prose
    # Nor does a header open a thread with less than a paragraph of article above it
    # (a "12 Comments" link under the headline and a one-line standfirst).
    assert len(prose.split()) < THREAD_ARTICLE_WORDS <= len(article.split())
    early = f"{prose}\n\n12 Comments\n\n{comment}"
    assert cleaner.clean(early, model=str(path)) == early.replace("\n\n12 Comments", "")


def test_model_files_without_a_comments_head_still_load(tmp_path: Path) -> None:
    data = toy_model().to_dict()
    assert data.pop("comments") is None
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data))
    assert StackedModel.load(path).comments is None


def test_no_leaf_of_the_shipped_trees_can_overturn_a_confident_line() -> None:
    # Under a weak L2 penalty, heavy lines of label noise gave leaves of -8 to -20
    # log-odds, and one tree dropped a paragraph stage one was sure of.
    model = shipped_model("default")
    assert isinstance(model, StackedModel)
    for stage in (model.stage2, model.comments):
        assert isinstance(stage, TreeEnsemble)
        leaves = stage.left == np.arange(len(stage.left))
        assert np.abs(stage.value[leaves]).max() < 3.0
