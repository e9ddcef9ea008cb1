"""What a rule is, and how a rule file is read and checked.

A rule file is TOML: an optional ``[pack]`` table (name, description, language,
``sites`` for site packs), an optional top-level ``disable`` list of rule ids
(a trailing ``*`` disables a prefix), and ``[[rules]]`` tables. Each rule has an
``id``, a ``label``, a ``description``, exactly one matcher and its own
``examples`` (texts it must fire on) and ``counterexamples`` (texts it must not
fire on). The matchers:

- ``pattern``: a regular expression (the ``regex`` module, Unicode-aware)
  searched in the normalised line; case-insensitive unless ``case_sensitive``.
- ``phrases``: a list of phrases; ``match = "line"`` (the default) when the whole
  line must be one of them (ignoring case and trailing punctuation),
  ``match = "contains"`` when the phrase may stand anywhere, on word boundaries.
- ``region``: a header line (``region.start``, phrases) opens a region of the
  rule's label that runs to ``region.end`` (phrases, the end line included), to
  ``region.max_lines`` non-blank lines, or to the first line another rule gives a
  label outside ``region.through``, or to a run of two prose paragraphs
  (:data:`cleaner.rules.engine.REGION_PROSE_WORDS`), whichever comes first.
  An evidence region with ``region.confirm`` (a rule id) becomes a hard
  decision where at least ``region.confirm_count`` of its lines carry that
  rule: a "News Feed" header followed by timestamped items is a feed for sure,
  while the same header alone may be a menu entry.
- ``repeat``: a short line (``repeat.max_chars``) seen ``repeat.min_count``
  times or more in one page.

``keywords`` (pattern rules) lists literal strings of which every line the
pattern can match contains at least one, ignoring case; the pattern is then
tried only on such lines. All keywords compile into one automaton that scans
the page once, which keeps a page's cost flat as packs grow. The rule's examples check
that the keywords are right.
``max_words`` limits a rule to lines of at most that many words (chrome is
short; it keeps a phrase from dropping a paragraph that quotes it).
``decision = "evidence"`` makes a rule a feature for the scorer instead of a
hard decision.

>>> rules = parse_rules({"rules": [{"id": "x.skip", "label": "navigation",
...     "description": "skip links", "phrases": ["skip to content"],
...     "examples": ["Skip to content"]}]}, source="demo.toml")
>>> rules[0].kind, rules[0].label.value
('phrases', 'navigation')
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from cleaner.labels import Label

KINDS = ("pattern", "phrases", "region", "repeat")
DECISIONS = ("hard", "evidence")

#: Default priorities: when several hard rules fire on a line, the highest wins.
#: Line rules speak about the line itself, so they beat page-level evidence.
KIND_PRIORITY = {"pattern": 20, "phrases": 20, "repeat": 10, "region": 0}

DEFAULT_REGION_MAX_LINES = 40
#: Widget chrome sits inside feed and related blocks; page-structure lines
#: (navigation, byline, share, legal, comments) mean the block is over.
DEFAULT_REGION_THROUGH = ("ads", "other", "feed", "related", "subscription", "paywall")
DEFAULT_REGION_CONFIRM_COUNT = 2
DEFAULT_REPEAT_MIN_COUNT = 3
DEFAULT_REPEAT_MAX_CHARS = 40

_RULE_KEYS = {
    "id", "label", "description", "pattern", "keywords", "phrases", "match", "region", "repeat",
    "case_sensitive", "max_words", "decision", "priority", "examples",
    "counterexamples", "enabled",
}
_ID = regex.compile(r"^[a-z0-9][a-z0-9_.-]*$")


class RuleError(ValueError):
    """A rule file or rule that cannot be used; the message names the file and rule.

    >>> str(RuleError("bad label 'x'", source="my.toml", rule_id="a.b"))
    "my.toml: rule 'a.b': bad label 'x'"
    """

    def __init__(self, message: str, *, source: str = "", rule_id: str = "") -> None:
        where = source
        if rule_id:
            where = f"{where}: rule '{rule_id}'" if where else f"rule '{rule_id}'"
        super().__init__(f"{where}: {message}" if where else message)
        self.source = source
        self.rule_id = rule_id


@dataclass(frozen=True, eq=False)
class Rule:
    """One rule, as read from a pack; compiled by :class:`cleaner.rules.RuleSet`.

    Rules compare and hash by identity: two rules are the same rule only if they
    are one object, which keeps the engine's per-line bookkeeping cheap.
    """

    id: str
    label: Label
    description: str
    kind: str
    pattern: str = ""
    keywords: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    match: str = "line"
    region_start: tuple[str, ...] = ()
    region_end: tuple[str, ...] = ()
    region_max_lines: int = DEFAULT_REGION_MAX_LINES
    region_through: frozenset[Label] = frozenset()
    region_confirm: str = ""
    region_confirm_count: int = DEFAULT_REGION_CONFIRM_COUNT
    repeat_min_count: int = DEFAULT_REPEAT_MIN_COUNT
    repeat_max_chars: int = DEFAULT_REPEAT_MAX_CHARS
    case_sensitive: bool = False
    max_words: int | None = None
    decision: str = "hard"
    priority: int = 0
    examples: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()
    source: str = ""
    pack: str = ""
    sites: tuple[str, ...] = field(default=())

    @property
    def hard(self) -> bool:
        return self.decision == "hard"


@dataclass(frozen=True)
class RuleFile:
    """A parsed rule file: its pack header, its rules and the ids it disables."""

    name: str
    description: str
    sites: tuple[str, ...]
    rules: tuple[Rule, ...]
    disable: tuple[str, ...]
    source: str


def load_rule_file(path: str | Path) -> RuleFile:
    """Read and check one TOML rule file; raises :class:`RuleError` on any problem.

    >>> load_rule_file("/nonexistent.toml")
    Traceback (most recent call last):
    cleaner.rules.schema.RuleError: /nonexistent.toml: cannot read the file (No such file or directory)
    """
    source = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise RuleError(f"cannot read the file ({exc.strerror or exc})", source=source) from None
    except UnicodeDecodeError:
        raise RuleError("the file is not UTF-8 text", source=source) from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"invalid TOML: {exc}", source=source) from None
    return parse_rule_file(data, source=source)


def parse_rule_file(data: dict[str, Any], *, source: str) -> RuleFile:
    """Check the parsed TOML of a rule file and build its rules."""
    unknown = set(data) - {"pack", "rules", "disable"}
    if unknown:
        raise RuleError(f"unknown top-level key(s) {sorted(unknown)}; expected pack, rules, disable",
                        source=source)
    pack = data.get("pack", {})
    if not isinstance(pack, dict):
        raise RuleError("[pack] must be a table", source=source)
    name = str(pack.get("name", Path(source).stem))
    sites = _str_list(pack.get("sites", []), "pack.sites", source, "")
    disable = _str_list(data.get("disable", []), "disable", source, "")
    rules = parse_rules(data, source=source, pack=name, sites=sites)
    return RuleFile(name, str(pack.get("description", "")), sites, rules, disable, source)


def parse_rules(data: dict[str, Any], *, source: str, pack: str = "",
                sites: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """Build the ``[[rules]]`` of a parsed rule file, checking every field."""
    items = data.get("rules", [])
    if not isinstance(items, list):
        raise RuleError("'rules' must be an array of tables ([[rules]])", source=source)
    seen: set[str] = set()
    rules = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise RuleError(f"rules entry {n} is not a table", source=source)
        rule = _parse_rule(item, source, pack, sites, n)
        if rule.id in seen:
            raise RuleError("duplicate rule id in this file", source=source, rule_id=rule.id)
        seen.add(rule.id)
        if item.get("enabled", True):
            rules.append(rule)
    return tuple(rules)


def _parse_rule(item: dict[str, Any], source: str, pack: str, sites: tuple[str, ...],
                n: int) -> Rule:
    rule_id = item.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise RuleError(f"rules entry {n} needs an 'id' of lowercase letters, digits, '.', '_', '-'"
                        f" (got {rule_id!r})", source=source)

    def fail(message: str) -> RuleError:
        return RuleError(message, source=source, rule_id=rule_id)

    unknown = set(item) - _RULE_KEYS
    if unknown:
        raise fail(f"unknown key(s) {sorted(unknown)}")
    for flag in ("case_sensitive", "enabled"):
        if flag in item and not isinstance(item[flag], bool):
            raise fail(f"{flag} must be true or false (got {item[flag]!r})")
    try:
        label = Label(item.get("label"))
    except ValueError:
        raise fail(f"label {item.get('label')!r} is not one of "
                   f"{', '.join(x.value for x in Label if x is not Label.BLANK)}") from None
    if label is Label.BLANK:
        raise fail("label 'blank' is given by the segmenter, not by rules")
    kinds = [k for k in KINDS if k in item]
    if len(kinds) != 1:
        raise fail(f"needs exactly one matcher of {', '.join(KINDS)} (found {kinds or 'none'})")
    kind = kinds[0]
    decision = item.get("decision", "hard")
    if decision not in DECISIONS:
        raise fail(f"decision must be one of {DECISIONS} (got {decision!r})")
    max_words = item.get("max_words")
    if max_words is not None and (not isinstance(max_words, int) or max_words < 1):
        raise fail("max_words must be a positive integer")
    priority = item.get("priority", KIND_PRIORITY[kind])
    if not isinstance(priority, int):
        raise fail("priority must be an integer")
    fields: dict[str, Any] = {}
    if kind == "pattern":
        pattern = item["pattern"]
        if not isinstance(pattern, str) or not pattern:
            raise fail("pattern must be a non-empty string")
        fields["pattern"] = pattern
        keywords = _str_list(item.get("keywords", []), "keywords", source, rule_id)
        if any(not k.strip() for k in keywords):
            raise fail("keywords must not be empty strings")
        fields["keywords"] = tuple(k.casefold() for k in keywords)
    elif "keywords" in item:
        raise fail("keywords go with a pattern")
    elif kind == "phrases":
        fields["phrases"] = _str_list(item["phrases"], "phrases", source, rule_id, nonempty=True)
        match = item.get("match", "line")
        if match not in ("line", "contains"):
            raise fail(f"match must be 'line' or 'contains' (got {match!r})")
        fields["match"] = match
    elif kind == "region":
        region = item["region"]
        if not isinstance(region, dict):
            raise fail("region must be a table with start, end, max_lines, through, confirm,"
                       " confirm_count")
        extra = set(region) - {"start", "end", "max_lines", "through", "confirm", "confirm_count"}
        if extra:
            raise fail(f"unknown region key(s) {sorted(extra)}")
        fields["region_start"] = _str_list(region.get("start"), "region.start", source, rule_id,
                                           nonempty=True)
        fields["region_end"] = _str_list(region.get("end", []), "region.end", source, rule_id)
        max_lines = region.get("max_lines", DEFAULT_REGION_MAX_LINES)
        if not isinstance(max_lines, int) or max_lines < 1:
            raise fail("region.max_lines must be a positive integer")
        fields["region_max_lines"] = max_lines
        through = _str_list(region.get("through", list(DEFAULT_REGION_THROUGH)), "region.through",
                            source, rule_id)
        try:
            fields["region_through"] = frozenset(Label(x) for x in through)
        except ValueError as exc:
            raise fail(f"region.through: {exc}") from None
        confirm = region.get("confirm", "")
        count = region.get("confirm_count", DEFAULT_REGION_CONFIRM_COUNT)
        if not isinstance(confirm, str) or not isinstance(count, int) or count < 1:
            raise fail("region.confirm must be a rule id and region.confirm_count a positive integer")
        fields["region_confirm"] = confirm
        fields["region_confirm_count"] = count
    else:
        repeat = item["repeat"]
        if not isinstance(repeat, dict) or set(repeat) - {"min_count", "max_chars"}:
            raise fail("repeat must be a table with min_count and max_chars")
        min_count = repeat.get("min_count", DEFAULT_REPEAT_MIN_COUNT)
        max_chars = repeat.get("max_chars", DEFAULT_REPEAT_MAX_CHARS)
        if not isinstance(min_count, int) or min_count < 2:
            raise fail("repeat.min_count must be an integer of at least 2")
        if not isinstance(max_chars, int) or max_chars < 1:
            raise fail("repeat.max_chars must be a positive integer")
        fields["repeat_min_count"] = min_count
        fields["repeat_max_chars"] = max_chars
    description = item.get("description")
    if not isinstance(description, str) or not description.strip():
        raise fail("needs a 'description'")
    return Rule(
        id=rule_id, label=label, description=description.strip(), kind=kind,
        case_sensitive=item.get("case_sensitive", False), max_words=max_words,
        decision=decision, priority=priority,
        examples=_str_list(item.get("examples", []), "examples", source, rule_id),
        counterexamples=_str_list(item.get("counterexamples", []), "counterexamples", source,
                                  rule_id),
        source=source, pack=pack, sites=sites, **fields,
    )


def _str_list(value: Any, key: str, source: str, rule_id: str, *,
              nonempty: bool = False) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{key} must be a list of strings", source=source, rule_id=rule_id)
    if nonempty and not value:
        raise RuleError(f"{key} must not be empty", source=source, rule_id=rule_id)
    return tuple(value)
