"""Applying rules to a page: which rules fire on which line, and which one decides.

A :class:`RuleSet` is compiled once from rules and then applied to any number
of documents. Per line it costs a dictionary look-up (whole-line phrases);
contained phrases and pattern keywords are found by literal scanners
(Aho-Corasick automata) passing over the page at once; and each pattern is
searched in the lines its ``max_words`` admits (and that hold one of its
keywords): chrome is short, so the long lines that hold most of a page's
characters meet only the few patterns written for long prompts. A pattern
anchored at the start of a line searches all its lines in one call where it
provably sees no further than its line. Repetition and region rules then run
once over the page.

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

import hashlib
import json
import sys
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from pathlib import Path

import regex

from cleaner.lines import Document
from cleaner.rules.matchers import (
    PATTERN_TIMEOUT_S, LiteralScanner, compile_pattern, folded_keys, line_start_pattern,
    phrase_key,
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

#: Lines are scanned for pattern keywords in bands of length (in words), each
#: band for the keywords of patterns whose ``max_words`` admit its lines: the
#: long lines that hold most of a page's characters meet only a few keywords.
#: Any bands give the same hits; these, common ``max_words`` of the built-in
#: packs, scan fastest.
KEYWORD_BANDS = (20, 40, 90)
KEYWORD_BAND_LIMIT = sys.maxsize


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
        self._compiled: dict[Rule, regex.Pattern[str]] = {}
        # Patterns anchored at a line's start, compiled to search many lines in one call.
        self._at_line_start: dict[Rule, regex.Pattern[str]] = {}
        self._patterns: list[Rule] = []  # those without keywords
        self._by_keyword: dict[str, list[Rule]] = {}
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
                    self._compiled[rule] = compile_pattern(rule.pattern, rule.case_sensitive)
                    joined = line_start_pattern(rule.pattern, rule.case_sensitive)
                    if joined is not None:
                        self._at_line_start[rule] = joined
                except regex.error as exc:
                    raise RuleError(f"invalid pattern: {exc}", source=rule.source,
                                    rule_id=rule.id) from None
                if rule.keywords:
                    for keyword in rule.keywords:
                        self._by_keyword.setdefault(keyword, []).append(rule)
                else:
                    self._patterns.append(rule)
        self._key_chars = KEY_SLACK_CHARS + max(
            [len(k) for k in self._whole]
            + [len(k) for _, start, end in self._regions for k in start | end]
            + [r.repeat_max_chars for r in self._repeats] + [0])
        self._contains = contains
        self._contains_scan = LiteralScanner(contains, words=True)
        self._keyword_scans = _keyword_scans(self._by_keyword)
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
        norm = doc.norm
        fired: list[list[Rule]] = [[] for _ in norm]
        # Case folding maps each character on its own, so one call serves the page.
        folded = "\n".join(norm).casefold().split("\n") if norm else []
        keys = folded_keys(folded, self._key_chars)
        words = [line.count(" ") + 1 for line in norm]
        live = [i for i, line in enumerate(norm) if line]
        self._phrase_rules(live, keys, folded, words, fired)
        errors = self._pattern_rules(norm, live, folded, words, fired)
        if self._repeats:
            self._repeat_rules(doc, keys, fired)
        winner = [_winner(f) if f else None for f in fired]
        for rule, start, end in self._regions:
            self._region_rule(doc, keys, rule, start, end, fired, winner)
        rank = self._rank.__getitem__
        ordered = tuple([tuple(sorted(f, key=rank)) if len(f) > 1 else tuple(f) for f in fired])
        return RuleHits(ordered, tuple(winner), tuple(errors))

    def _phrase_rules(self, live: list[int], keys: list[str], folded: list[str],
                      words: list[int], fired: list[list[Rule]]) -> None:
        """Whole-line phrases (a look-up per line), then contained phrases (one scan)."""
        for i in live:
            for rule in self._whole.get(keys[i], ()):
                if _fits(rule, words[i]):
                    fired[i].append(rule)
        for i, contained in self._contains_scan.find(folded).items():
            out = fired[i]
            for phrase in sorted(contained):
                for rule in self._contains[phrase]:
                    if _fits(rule, words[i]) and rule not in out:
                        out.append(rule)

    def _pattern_rules(self, norm: Sequence[str], live: list[int], folded: list[str],
                       words: list[int], fired: list[list[Rule]]) -> list[str]:
        """Search each pattern in the lines it applies to; returns the timeout errors.

        Each pattern runs over its own lines (those its ``max_words`` admits
        and, if it has keywords, that hold one); a line's hits are then added in
        the order of :meth:`_candidates`, which decides between hard rules of
        equal priority.
        """
        triggered = self._keywords_in(live, folded, words)
        lines_of: dict[Rule, list[int]] = {rule: live for rule in self._patterns}
        for i, keywords in triggered.items():
            for keyword in keywords:
                for rule in self._by_keyword[keyword]:
                    lines_of.setdefault(rule, []).append(i)
        hits: dict[int, list[Rule]] = {}
        timeouts: list[tuple[int, Rule]] = []
        for rule, lines in lines_of.items():
            if rule.id in self._dead:
                continue
            if rule.keywords:
                lines = sorted(set(lines))
            if rule.max_words is not None:
                lines = [i for i in lines if words[i] <= rule.max_words]
            for i in self._search(rule, norm, lines, timeouts):
                hits.setdefault(i, []).append(rule)
        for i, rules in hits.items():
            if len(rules) > 1:
                order = self._candidates(triggered.get(i, set()))
                rules.sort(key=order.index)
            fired[i].extend(rules)
        errors = []
        for i, rule in sorted(timeouts, key=lambda t: (t[0], self._candidates(
                triggered.get(t[0], set())).index(t[1]))):
            errors.append(
                f"rule '{rule.id}' ({rule.source}) timed out after {PATTERN_TIMEOUT_S} s on"
                f" a line of {len(norm[i])} characters and is disabled; look for nested"
                " repetition such as (a+)+ or (a|aa)+ in its pattern")
        return errors

    def _search(self, rule: Rule, norm: Sequence[str], lines: list[int],
                timeouts: list[tuple[int, Rule]]) -> list[int]:
        """The lines where ``rule``'s pattern matches; a search that times out
        disables the rule (noted in ``timeouts``)."""
        if rule in self._at_line_start:
            found = _search_line_starts(self._at_line_start[rule], norm, lines)
            if found is not None:
                return found
        search = self._compiled[rule].search
        found = []
        for i in lines:
            try:
                if search(norm[i], timeout=PATTERN_TIMEOUT_S) is not None:
                    found.append(i)
            except TimeoutError:
                self._dead.add(rule.id)
                timeouts.append((i, rule))
                break
        return found

    def _keywords_in(self, live: list[int], folded: list[str],
                     words: list[int]) -> dict[int, set[str]]:
        """The pattern keywords each line holds (those of patterns its length admits)."""
        found: dict[int, set[str]] = {}
        for fewest, most, scan in self._keyword_scans:
            rows = [i for i in live if fewest <= words[i] <= most]
            for k, keywords in scan.find([folded[i] for i in rows]).items():
                found[rows[k]] = keywords
        return found

    def _candidates(self, keywords: set[str]) -> list[Rule]:
        """The patterns tried on a line holding ``keywords``, in the order they are tried
        (keywords of patterns too short for the line may be missing: that order is the same)."""
        return self._patterns + list(dict.fromkeys(
            rule for k in sorted(keywords) for rule in self._by_keyword[k]))

    def _repeat_rules(self, doc: Document, keys: list[str], fired: list[list[Rule]]) -> None:
        limit = max(r.repeat_max_chars for r in self._repeats)
        least = min(r.repeat_min_count for r in self._repeats)
        short = [i for i, (key, line) in enumerate(zip(keys, doc.norm))
                 if key and len(line) <= limit]
        # Only lines with letters count; the test is run only for keys seen often enough.
        seen = Counter(keys[i] for i in short)
        lines = [i for i in short if seen[keys[i]] >= least and _LETTER.search(doc.norm[i])]
        counts = Counter(keys[i] for i in lines)
        for i in lines:
            for rule in self._repeats:
                if counts[keys[i]] >= rule.repeat_min_count \
                        and len(doc.norm[i]) <= rule.repeat_max_chars:
                    fired[i].append(rule)

    def _region_rule(self, doc: Document, keys: list[str], rule: Rule, start: set[str],
                     end: set[str], fired: list[list[Rule]], winner: list[Rule | None]) -> None:
        n = len(doc)
        j = 0
        for i in [i for i, key in enumerate(keys) if key and key in start]:
            if i < j:
                continue  # inside the previous block
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
                current = winner[k]
                if hard and (current is None or (k == i and current.priority <= rule.priority)):
                    winner[k] = rule

    def fingerprint(self) -> str:
        """A digest of what the rules match and decide, in their order.

        A model's features include the rules' hits, so ``cleaner train``
        records this with the weights; a rule edit changes it, and the shipped
        models must then be retrained. Descriptions, examples and file names
        do not count.

        >>> RuleSet.load().fingerprint() == RuleSet.load().fingerprint()
        True
        """
        ignored = {"description", "examples", "counterexamples", "source", "pack"}
        rows = [{f.name: getattr(rule, f.name) for f in fields(rule) if f.name not in ignored}
                for rule in self.rules]
        canonical = json.dumps(rows, default=lambda v: sorted(v) if isinstance(v, frozenset) else str(v),
                               sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]

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


def _search_line_starts(pattern: regex.Pattern[str], norm: Sequence[str],
                        lines: list[int]) -> list[int] | None:
    """The lines where a pattern from :func:`line_start_pattern` matches, searched
    in one text: one call per matching line and one more, not one per line.

    None where a search timed out: the lines are then searched one by one, which
    names the line and disables the rule as ever.
    """
    text = "".join(["\n" + norm[i] for i in lines])
    newlines = list(accumulate([len(norm[i]) + 1 for i in lines[:-1]], initial=0))
    found = []
    at = 0
    try:
        while (match := pattern.search(text, at, timeout=PATTERN_TIMEOUT_S)) is not None:
            k = bisect_right(newlines, match.start()) - 1
            found.append(lines[k])
            if k + 1 == len(lines):
                break
            at = newlines[k + 1]
    except TimeoutError:
        return None
    return found


def _keyword_scans(by_keyword: dict[str, list[Rule]]) -> list[tuple[int, int, LiteralScanner]]:
    """One keyword scanner per band of line lengths (in words), with the keywords of
    the patterns whose ``max_words`` admit some line of the band."""
    reach = {keyword: max(KEYWORD_BAND_LIMIT if r.max_words is None else r.max_words
                          for r in rules)
             for keyword, rules in by_keyword.items()}
    bounds = (0, *KEYWORD_BANDS, KEYWORD_BAND_LIMIT)
    scans = [(low + 1, high, LiteralScanner([k for k, most in reach.items() if most > low],
                                            words=False))
             for low, high in zip(bounds, bounds[1:])]
    return [band for band in scans if band[2].literals]


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
