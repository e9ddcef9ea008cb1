"""The rule engine: rule packs are TOML data, compiled once into a :class:`RuleSet`."""

from cleaner.rules.engine import RuleHits, RuleSet
from cleaner.rules.schema import Rule, RuleError

__all__ = ["Rule", "RuleError", "RuleHits", "RuleSet"]
