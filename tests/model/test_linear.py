"""The model runtime: probabilities, serialisation and refusing stale files."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import cleaner
from cleaner.features.matrix import FEATURE_NAMES
from cleaner.features.stacking import STAGE2_NAMES
from cleaner.model.linear import LinearStage, StackedModel


def toy_model() -> StackedModel:
    """Stage one likes long lines with stopwords; stage two trusts stage one."""
    coef1 = np.zeros(len(FEATURE_NAMES))
    coef1[FEATURE_NAMES.index("log_words")] = 3.0
    coef1[FEATURE_NAMES.index("stop_share")] = 2.0
    coef2 = np.zeros(len(STAGE2_NAMES))
    coef2[STAGE2_NAMES.index("logit")] = 1.0
    return StackedModel(
        LinearStage(np.zeros(len(FEATURE_NAMES)), np.ones(len(FEATURE_NAMES)), coef1, -10.0),
        LinearStage(np.zeros(len(STAGE2_NAMES)), np.ones(len(STAGE2_NAMES)), coef2, 0.0),
        name="toy")


def test_round_trip_and_use_as_the_cleaner_model(tmp_path: Path) -> None:
    path = tmp_path / "toy.json"
    toy_model().save(path)
    loaded = StackedModel.load(path)
    assert loaded.name == "toy"
    text = ("Quick words here\n\nThe ministers met in Geneva on Friday and agreed to keep talking, "
            "although neither side said it had moved.")
    a = cleaner.analyze(text, model=str(path), title=False)
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
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(ValueError, match="not JSON"):
        StackedModel.load(broken)
    with pytest.raises(ValueError, match="cannot read"):
        StackedModel.load(tmp_path / "missing.json")


def test_probabilities_are_bounded_on_extreme_inputs() -> None:
    stage = LinearStage(np.zeros(1), np.ones(1), np.array([1e6]), 0.0)
    p = stage.proba(np.array([[1e9], [-1e9], [0.0]]))
    assert p[0] <= 1.0 and p[1] >= 0.0 and p[2] == 0.5
