"""The model shipped inside the package, and loading model files."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from cleaner.model.base import LineScorer

SHIPPED = "default.json"


def shipped_model() -> LineScorer | None:
    """The packaged default model, or None when the package ships none."""
    from cleaner.model.linear import StackedModel

    weights = resources.files("cleaner.model") / "weights" / SHIPPED
    if not weights.is_file():
        return None
    return StackedModel.load(Path(str(weights)))


def load_model_file(path: Path) -> LineScorer:
    """Load a model file written by ``cleaner train``; raises ValueError when it cannot."""
    from cleaner.model.linear import StackedModel

    return StackedModel.load(path)
