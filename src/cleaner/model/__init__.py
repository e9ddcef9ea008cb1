"""Scorers: what decides, for lines no hard rule decided, whether they are content."""

from cleaner.model.base import LineScorer, Scores, resolve_scorer

__all__ = ["LineScorer", "Scores", "resolve_scorer"]
