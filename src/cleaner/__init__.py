"""cleaner: turn the text of a scraped web page into the article a person came to read.

>>> import cleaner
>>> page = "Skip to content\\nSubscribe\\n\\nThe talks ended without a deal, and both sides said they would meet again soon."
>>> cleaner.clean(page)
'The talks ended without a deal, and both sides said they would meet again soon.'
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from cleaner.labels import Label
from cleaner.pipeline import Cleaner
from cleaner.result import Analysis, LineResult
from cleaner.rules.schema import RuleError
from cleaner.templates import SiteTemplates

__version__ = "0.1.0"
__all__ = ["Analysis", "Cleaner", "Label", "LineResult", "RuleError", "SiteTemplates", "analyze",
           "clean", "__version__"]


def clean(text: str | bytes, **options: Any) -> str:
    """The article text of a scraped page; options are those of :class:`Cleaner`.

    >>> clean("Share\\nAll is well, the minister said on Monday, and the talks will go on.")
    'All is well, the minister said on Monday, and the talks will go on.'
    """
    return _cleaner(**options).clean(text)


def analyze(text: str | bytes, **options: Any) -> Analysis:
    """Every line of a scraped page with its label, decision and reasons.

    >>> analyze("Share\\n").lines[0].label
    <Label.SHARE: 'share'>
    """
    return _cleaner(**options).analyze(text)


def _cleaner(**options: Any) -> Cleaner:
    rules = options.get("rules")
    if isinstance(rules, (list, tuple)):
        options["rules"] = tuple(str(r) for r in rules)
    elif isinstance(rules, Path):
        options["rules"] = str(rules)
    return _cached_cleaner(**options)


@lru_cache(maxsize=32)
def _cached_cleaner(**options: Any) -> Cleaner:
    return Cleaner(**options)
