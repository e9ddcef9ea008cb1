"""Applying rules to a page: which rules fire on which line, and which one decides.

A :class:`RuleSet` is compiled once from rules and then applied to any number
of documents. Per line it costs a dictionary look-up (whole-line phrases), one
search of a trie pattern (contained phrases) and a search of each pattern whose
``max_words`` admits the line: chrome is short, so the long lines that hold most
of a page's characters meet only the few patterns written for long prompts.
Repetition and region rules then run once over the page.

Every pattern search is time-bounded: a pattern that times out is disabled for
the rest of the process and reported in :attr:`RuleHits.errors`, so one bad
user rule cannot hang a pipeline.

>>> from cleaner.lines import Document
>>> rs = RuleSet.load()
>>> hits = rs.apply(Document.from_text("Skip to content\\nHello there, reader."))
>>> [r.id if r else None for r in hits.winner]
['navigation.skip-links', None]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import regex

from cleaner.labels import Label
from cleaner.lines import Document
from cleaner.rules.matchers import (
    PATTERN_TIMEOUT_S, LiteralScanner, compile_pattern, phrase_key,
)
from cleaner.rules.schema import Rule, RuleError, RuleFile, load_rule_file

_LETTER = regex.compile(r"\p{L}")

#: Lines longer than the longest whole-line phrase, region header or repeated
#: line by more than this cannot be one, so their phrase key is only case-folded.
KEY_SLACK_CHARS = 40

#: Two adjacent undecided lines of at least this many words are the article's
#: prose, not feed items (which alternate with timestamps and short headlines):
#: a region ends before them, so a header misread in a menu cannot eat the body.
REGION_PROSE_WORDS = 25


@dataclass(frozen=True)
class RuleHits:
    """What the rules say about each line of one document.

    ``fired[i]`` holds every rule that fired on line ``i`` (hard and evidence),
    highest priority first; ``winner[i]`` is the hard rule that decides the line,
    or None; ``errors`` lists rules that failed on this document.
    """

    fired: tuple[tuple[Rule, ...], ...]
    winner: tuple[Rule | None, ...]
    errors: tuple[str, ...] = ()


class RuleSet:
    """A compiled set of rules.

    Build it with :meth:`load` (built-in packs, a site, user files) or directly
    from :class:`Rule` objects; it is immutable but for rules that time out.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules: tuple[Rule, ...] = tuple(sorted(rules, key=lambda r: -r.priority))
        # Reasons are listed in this order (priority, then pack order), whatever
        # order the matchers found them in.
        self._rank = {rule: n for n, rule in enumerate(self.rules)}
        self._whole: dict[str, list[Rule]] = {}
        contains: dict[str, list[Rule]] = {}
        self._patterns: list[tuple[Rule, regex.Pattern[str]]] = []
        self._by_keyword: dict[str, list[tuple[Rule, regex.Pattern[str]]]] = {}
        self._repeats = [r for r in self.rules if r.kind == "repeat"]
        self._regions = [(r, {phrase_key(p) for p in r.region_start},
                          {phrase_key(p) for p in r.region_end})
                         for r in self.rules if r.kind == "region"]
        for rule in self.rules:
            if rule.kind == "phrases":
                target = self._whole if rule.match == "line" else contains
                for phrase in rule.phrases:
                    target.setdefault(phrase_key(phrase), []).append(rule)
            elif rule.kind == "pattern":
                try:
                    compiled = (rule, compile_pattern(rule.pattern, rule.case_sensitive))
                except regex.error as exc:
                    raise RuleError(f"invalid pattern: {exc}", source=rule.source,
                                    rule_id=rule.id) from None
                if rule.keywords:
                    for keyword in rule.keywords:
                        self._by_keyword.setdefault(keyword, []).append(compiled)
                else:
                    self._patterns.append(compiled)
        self._key_chars = KEY_SLACK_CHARS + max(
            [len(k) for k in self._whole]
            + [len(k) for _, start, end in self._regions for k in start | end]
            + [r.repeat_max_chars for r in self._repeats] + [0])
        self._contains = contains
        self._contains_scan = LiteralScanner(contains, words=True)
        self._keyword_scan = LiteralScanner(self._by_keyword, words=False)
        self._dead: set[str] = set()
        self.by_id = {r.id: r for r in self.rules}

    @classmethod
    def load(cls, *, builtin: bool = True, site: str | None = None,
             user_files: Sequence[str | Path] = ()) -> RuleSet:
        """The rule set for a configuration, compiled once per process and reused.

        ``site`` (a domain or URL) adds the built-in site packs for that site;
        ``user_files`` add rules, override built-in ones by id, or disable them.
        """
        return _load_cached(builtin, site_of(site) if site else None,
                            tuple(str(Path(f).resolve()) for f in user_files))

    def apply(self, doc: Document) -> RuleHits:
        """Run every rule over ``doc``."""
        fired: list[list[Rule]] = [[] for _ in range(len(doc))]
        errors: list[str] = []
        folded = [line.casefold() for line in doc.norm]
        keys = [phrase_key(line) if len(line) <= self._key_chars else f
                for line, f in zip(doc.norm, folded)]
        contained = self._contains_scan.find(folded)
        triggered = self._keyword_scan.find(folded)
        for i, line in enumerate(doc.norm):
            if line:
                self._line_rules(line, keys[i], contained[i], triggered[i], fired[i], errors)
        if self._repeats:
            self._repeat_rules(doc, keys, fired)
        winner = [_winner(f) for f in fired]
        for rule, start, end in self._regions:
            self._region_rule(doc, keys, rule, start, end, fired, winner)
        ordered = tuple(tuple(sorted(f, key=self._rank.__getitem__)) for f in fired)
        return RuleHits(ordered, tuple(winner), tuple(errors))

    def _line_rules(self, line: str, key: str, contained: set[str], triggered: set[str],
                    out: list[Rule], errors: list[str]) -> None:
        words = line.count(" ") + 1
        for rule in self._whole.get(key, ()):
            if _fits(rule, words):
                out.append(rule)
        for phrase in sorted(contained):
            for rule in self._contains[phrase]:
                if _fits(rule, words) and rule not in out:
                    out.append(rule)
        candidates = self._patterns
        if triggered:
            candidates = candidates + list(dict.fromkeys(
                c for k in sorted(triggered) for c in self._by_keyword[k]))
        for rule, pattern in candidates:
            if rule in out or rule.id in self._dead or not _fits(rule, words):
                continue
            try:
                if pattern.search(line, timeout=PATTERN_TIMEOUT_S) is not None:
                    out.append(rule)
            except TimeoutError:
                self._dead.add(rule.id)
                errors.append(
                    f"rule '{rule.id}' ({rule.source}) timed out after {PATTERN_TIMEOUT_S} s on"
                    f" a line of {len(line)} characters and is disabled; look for nested"
                    " repetition such as (a+)+ or (a|aa)+ in its pattern")

    def _repeat_rules(self, doc: Document, all_keys: list[str], fired: list[list[Rule]]) -> None:
        limit = max(r.repeat_max_chars for r in self._repeats)
        keys = [k if k and len(n) <= limit and _LETTER.search(n) else ""
                for k, n in zip(all_keys, doc.norm)]
        counts = Counter(k for k in keys if k)
        for i, key in enumerate(keys):
            if not key:
                continue
            for rule in self._repeats:
                if counts[key] >= rule.repeat_min_count and len(doc.norm[i]) <= rule.repeat_max_chars:
                    fired[i].append(rule)

    def _region_rule(self, doc: Document, keys: list[str], rule: Rule, start: set[str],
                     end: set[str], fired: list[list[Rule]], winner: list[Rule | None]) -> None:
        i, n = 0, len(doc)
        while i < n:
            if not keys[i] or keys[i] not in start:
                i += 1
                continue
            members = [i]
            seen, j = 0, i + 1
            while j < n and seen < rule.region_max_lines:
                if not doc.norm[j]:
                    j += 1
                    continue
                other = winner[j]
                if other is not None and other.label != rule.label \
                        and other.label not in rule.region_through:
                    break
                if other is None and _prose_run(doc, winner, j):
                    break
                members.append(j)
                seen += 1
                j += 1
                if keys[j - 1] in end:
                    break
            hard = rule.hard or (rule.region_confirm != "" and sum(
                any(r.id == rule.region_confirm for r in fired[k]) for k in members)
                >= rule.region_confirm_count)
            for k in members:
                fired[k].append(rule)
                if hard and (winner[k] is None or (k == i and winner[k].priority <= rule.priority)):
                    winner[k] = rule
            i = j

    def check_examples(self) -> list[str]:
        """Run every rule's own examples; return one message per failure.

        >>> RuleSet.load().check_examples()
        []
        """
        failures = []
        for rule in self.rules:
            alone = RuleSet([rule])
            for text in rule.examples:
                if not any(rule in f for f in alone.apply(Document.from_text(text)).fired):
                    failures.append(f"{rule.source}: rule '{rule.id}' does not fire on example"
                                    f" {text!r}")
            for text in rule.counterexamples:
                if any(rule in f for f in alone.apply(Document.from_text(text)).fired):
                    failures.append(f"{rule.source}: rule '{rule.id}' fires on counterexample"
                                    f" {text!r}")
        return failures


def _prose_run(doc: Document, winner: list[Rule | None], i: int) -> bool:
    """Line ``i`` and the next non-blank line are both long undecided prose."""
    if doc.norm[i].count(" ") + 1 < REGION_PROSE_WORDS:
        return False
    j = i + 1
    while j < len(doc) and not doc.norm[j]:
        j += 1
    return (j < len(doc) and winner[j] is None
            and doc.norm[j].count(" ") + 1 >= REGION_PROSE_WORDS)


def _fits(rule: Rule, words: int) -> bool:
    return rule.max_words is None or words <= rule.max_words


def _winner(rules: list[Rule]) -> Rule | None:
    best = None
    for rule in rules:
        if rule.hard and (best is None or rule.priority > best.priority):
            best = rule
    return best


def site_of(site_or_url: str) -> str:
    """The site key for a domain or URL: host name, lower case, without ``www.``.

    >>> site_of("https://www.KyivIndependent.com/news/x")
    'kyivindependent.com'
    """
    text = site_or_url.strip().lower()
    if "//" in text:
        text = text.split("//", 1)[1]
    host = text.split("/", 1)[0].split("@")[-1].split(":")[0]
    return host[4:] if host.startswith("www.") else host


def builtin_files() -> list[RuleFile]:
    """The built-in rule packs shipped in ``cleaner/rules/packs``, in name order."""
    return list(_builtin_files())


@lru_cache(maxsize=1)
def _builtin_files() -> tuple[RuleFile, ...]:
    packs = resources.files("cleaner.rules") / "packs"
    return tuple(load_rule_file(Path(str(p))) for p in
                 sorted(packs.iterdir(), key=lambda p: p.name) if p.name.endswith(".toml"))


def select_rules(files: Iterable[RuleFile], site: str | None) -> list[Rule]:
    """Merge rule files in order: later rules replace earlier ones of the same id,
    ``disable`` lists remove them, and site packs apply only to their sites."""
    merged: dict[str, Rule] = {}
    for rule_file in files:
        if rule_file.sites and not (site and any(site == s or site.endswith("." + s)
                                                 for s in rule_file.sites)):
            continue
        for pattern in rule_file.disable:
            for rule_id in [k for k in merged if _disables(pattern, k)]:
                del merged[rule_id]
        for rule in rule_file.rules:
            merged[rule.id] = rule
    return list(merged.values())


def _disables(pattern: str, rule_id: str) -> bool:
    return rule_id.startswith(pattern[:-1]) if pattern.endswith("*") else rule_id == pattern


@lru_cache(maxsize=32)
def _load_cached(builtin: bool, site: str | None, user_files: tuple[str, ...]) -> RuleSet:
    files = list(_builtin_files()) if builtin else []
    files += [load_rule_file(f) for f in user_files]
    return RuleSet(select_rules(files, site))
