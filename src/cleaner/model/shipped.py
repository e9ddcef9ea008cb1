"""The models shipped inside the package, and loading model files."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from cleaner.model.base import LineScorer

#: ``model=`` names of the shipped models: the default (stage two is
#: gradient-boosted trees) and the faster all-logistic one.
SHIPPED = {"default": "default.json", "fast": "fast.json"}


def shipped_model(name: str = "default") -> LineScorer | None:
    """The packaged model called ``name``, or None when the package ships none."""
    weights = resources.files("cleaner.model") / "weights" / SHIPPED[name]
    if not weights.is_file():
        return None
    return load_model_file(Path(str(weights)))


def load_model_file(path: Path) -> LineScorer:
    """Load a model file written by ``cleaner train``; raises ValueError when it cannot."""
    from cleaner.model.stacked import StackedModel

    return StackedModel.load(path)
