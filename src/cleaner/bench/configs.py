"""Configuration strings of ``cleaner bench``: which cleaner to measure.

A configuration is terms joined by ``+``. The words pick the base:

==============  ============================================================
``rules+model`` built-in rule packs and the default model (the default; also ``default``)
``rules``       built-in rule packs, the heuristic scorer for lines no rule decides
``model``       no rule packs, the default model scores every line
``none``        no rule packs, no scorer: every line is kept
==============  ============================================================

``key=value`` terms then adjust it: ``rules=FILE`` adds a user rule file (may
repeat), ``model=NAME`` sets the scorer (``default``, ``heuristic``, ``none`` or a
model JSON file), ``site=DOMAIN`` adds that site's packs (``site=auto``: each
page's own site), ``threshold=X``, ``title=yes|no``, ``byline=yes|no``,
``comments=yes|no``, ``templates=yes|no`` (count the lines of all the measured
pages by site first, and drop each site's template: :mod:`cleaner.templates`). With no
base word the base is ``rules+model``, so ``rules=mine.toml`` is the default
cleaner plus ``mine.toml``.

>>> parse_config("rules").options()
{'rules': (), 'builtin': True, 'model': 'heuristic', 'threshold': None, 'title': True, 'byline': True, 'comments': False}
>>> parse_config("model+rules=my.toml").builtin
False
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


#: The configuration measured when none is given.
DEFAULT_CONFIG = "rules+model"
#: ``site=`` value that uses each page's own site.
AUTO_SITE = "auto"

_BASES: dict[frozenset[str], tuple[bool, str]] = {
    frozenset({"rules", "model"}): (True, "default"),
    frozenset({"default"}): (True, "default"),
    frozenset(): (True, "default"),
    frozenset({"rules"}): (True, "heuristic"),
    frozenset({"model"}): (False, "default"),
    frozenset({"none"}): (False, "none"),
}
_YES = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}


class ConfigError(ValueError):
    """A configuration string that does not parse."""


@dataclass(frozen=True)
class Config:
    """A parsed configuration: the :class:`cleaner.Cleaner` options plus its name."""

    name: str
    builtin: bool
    model: str
    rules: tuple[str, ...] = ()
    site: str | None = None
    threshold: float | None = None
    title: bool = True
    byline: bool = True
    comments: bool = False
    templates: bool = False

    def options(self, site: str | None = None) -> dict[str, Any]:
        """Keyword arguments for :class:`cleaner.Cleaner`; ``site`` fills in ``site=auto``."""
        options: dict[str, Any] = {"rules": self.rules, "builtin": self.builtin, "model": self.model,
                                   "threshold": self.threshold, "title": self.title,
                                   "byline": self.byline, "comments": self.comments}
        chosen = site if self.site == AUTO_SITE else self.site
        if chosen:
            options["site"] = chosen
        return options


def parse_config(text: str) -> Config:
    """Parse a configuration string (grammar in the module docstring)."""
    terms = [t.strip() for t in text.split("+")]
    if not text.strip() or not all(terms):
        raise ConfigError(f"empty term in configuration {text!r}")
    words = frozenset(t for t in terms if "=" not in t)
    if words not in _BASES:
        raise ConfigError(f"unknown configuration {text!r}: the base is one of "
                          "rules+model, rules, model, none")
    builtin, model = _BASES[words]
    config = Config(text, builtin, model)
    for term in terms:
        if "=" in term:
            key, value = term.split("=", 1)
            config = _apply(config, key, value, text)
    return config


def _apply(config: Config, key: str, value: str, text: str) -> Config:
    key, value = key.strip(), value.strip()
    if not value:
        raise ConfigError(f"{key}= needs a value in {text!r}")
    if key == "rules":
        return replace(config, rules=config.rules + (value,))
    if key == "model":
        return replace(config, model=value)
    if key == "site":
        return replace(config, site=value)
    if key == "threshold":
        try:
            return replace(config, threshold=float(value))
        except ValueError:
            raise ConfigError(f"threshold must be a number, got {value!r}") from None
    if key in ("title", "byline", "comments", "templates"):
        if value.lower() not in _YES:
            raise ConfigError(f"{key} must be yes or no, got {value!r}")
        flag = _YES[value.lower()]
        if key == "title":
            return replace(config, title=flag)
        if key == "byline":
            return replace(config, byline=flag)
        return replace(config, comments=flag) if key == "comments" else replace(config, templates=flag)
    raise ConfigError(f"unknown option {key!r} in {text!r} "
                      "(known: rules, model, site, threshold, title, byline, comments, templates)")
