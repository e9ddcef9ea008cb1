"""Scorers: what decides, for lines no hard rule decided, whether they are content."""

from cleaner.model.base import LineScorer, resolve_scorer

__all__ = ["LineScorer", "resolve_scorer"]
