"""The model shipped inside the package, and loading model files.

No model is shipped yet: the learned classifier will fill this in, and until
then ``model="default"`` falls back to the heuristic scorer.
"""

from __future__ import annotations

from pathlib import Path

from cleaner.model.base import LineScorer


def shipped_model() -> LineScorer | None:
    """The packaged default model, or None when the package ships none."""
    return None


def load_model_file(path: Path) -> LineScorer:
    """Load a model file; raises ValueError with a one-line message when it cannot."""
    raise ValueError(f"{path}: model files are not supported yet; use 'default', 'heuristic' "
                     "or 'none'")
