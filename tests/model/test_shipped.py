"""The shipped models (cleaner.model.shipped): present, loadable, and trained on today's rules."""

from __future__ import annotations

import pytest

from cleaner.model.shipped import SHIPPED, shipped_model
from cleaner.model.stacked import StackedModel
from cleaner.rules.engine import RuleSet


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_each_shipped_model_was_trained_on_the_built_in_rules(name: str) -> None:
    # The rules' hits are model features: after a rule edit the weights are no
    # longer what `cleaner train` makes of the train split until they are retrained.
    model = shipped_model(name)
    assert isinstance(model, StackedModel)
    assert model.info.get("rules") == RuleSet.load().fingerprint(), (
        f"the built-in rules changed since the shipped '{name}' model was trained: retrain it"
        " with the commands in benchmarks/RESULTS.md, 'The shipped models'")
