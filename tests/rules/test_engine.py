"""Applying rules (cleaner.rules.engine): matchers, regions, repeats, merging, time bounds."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

import cleaner
from cleaner.labels import Label
from cleaner.lines import Document
from cleaner.rules.engine import (
    REGION_PROSE_WORDS, RuleHits, RuleSet, builtin_files, select_rules, site_of,
)
from cleaner.rules.schema import Rule, parse_rules

PROSE = ("The talks in Geneva ended without a deal on Friday, and both sides said that they "
         "would meet again next week in the city to try once more for a settlement.")
PROSE2 = ("The minister told the reporters that there was still some hope for a settlement and "
          "that the work of the two teams would go on through the whole of the winter.")
assert PROSE.count(" ") + 1 >= REGION_PROSE_WORDS and PROSE2.count(" ") + 1 >= REGION_PROSE_WORDS


def rules(*items: dict[str, Any]) -> RuleSet:
    full = [{"description": "test rule", **item} for item in items]
    return RuleSet(parse_rules({"rules": full}, source="test.toml"))


def winners(rs: RuleSet, text: str) -> list[str | None]:
    hits = rs.apply(Document.from_text(text))
    return [w.id if w else None for w in hits.winner]


def fired(rs: RuleSet, text: str) -> list[list[str]]:
    return [[r.id for r in f] for f in rs.apply(Document.from_text(text)).fired]


# --- phrases ------------------------------------------------------------------

def test_phrases_line_must_be_the_whole_line() -> None:
    rs = rules({"id": "t.p", "label": "share", "phrases": ["share this"]})
    assert winners(rs, "Share this\n  share   THIS »\n• Share this!\nPlease share this article") \
        == ["t.p", "t.p", "t.p", None]


def test_phrases_contains_on_word_boundaries() -> None:
    rs = rules({"id": "t.c", "label": "share", "phrases": ["share this"], "match": "contains"})
    assert winners(rs, "Please share this article\nshare this\nshare thistle\nreshare this") \
        == ["t.c", "t.c", None, None]


def test_many_phrases_of_several_rules() -> None:
    rs = rules({"id": "t.a", "label": "share", "phrases": ["facebook", "twitter"]},
               {"id": "t.b", "label": "navigation", "phrases": ["menu", "home"]},
               {"id": "t.c", "label": "legal", "phrases": ["cookies"], "match": "contains"})
    assert winners(rs, "Facebook\nMenu\nWe use cookies here\nnothing\nHOME") \
        == ["t.a", "t.b", "t.c", None, "t.b"]


def test_phrases_ignore_case_always() -> None:
    rs = rules({"id": "t.p", "label": "share", "phrases": ["Share This"]})
    assert winners(rs, "SHARE THIS\nshare this") == ["t.p", "t.p"]


# --- patterns and case ----------------------------------------------------------

def test_pattern_is_case_insensitive_by_default() -> None:
    rs = rules({"id": "t.p", "label": "ads", "pattern": "^advertisement$"})
    assert winners(rs, "ADVERTISEMENT\nAdvertisement\nan advertisement") == ["t.p", "t.p", None]


def test_pattern_case_sensitive() -> None:
    rs = rules({"id": "t.p", "label": "ads", "pattern": "^AD$", "case_sensitive": True})
    assert winners(rs, "AD\nad\nAd") == ["t.p", None, None]


def test_pattern_sees_the_normalised_line() -> None:
    rs = rules({"id": "t.p", "label": "ads", "pattern": "^sponsored content$"})
    assert winners(rs, "\u00a0 Sponsored\u00a0\u200bcontent\t") == ["t.p"]


def test_pattern_keywords_gate_the_pattern() -> None:
    # The keyword decides which lines the pattern is tried on, case-insensitively.
    rs = rules({"id": "t.k", "label": "ads", "pattern": "sponsor", "keywords": ["SPONSOR"]},
               {"id": "t.x", "label": "ads", "pattern": "promo", "keywords": ["zzz"]})
    assert winners(rs, "Sponsored by Acme\npromo code") == ["t.k", None]


def test_unicode_pattern() -> None:
    rs = rules({"id": "t.u", "label": "legal", "pattern": r"^alle rechte vorbehalten\b"})
    assert winners(rs, "ALLE RECHTE VORBEHALTEN © 2024") == ["t.u"]
    rs = rules({"id": "t.w", "label": "other", "pattern": r"^\w+$"})
    assert winners(rs, "Überschrift\nnaïve") == ["t.w", "t.w"]


# --- max_words -----------------------------------------------------------------

@pytest.mark.parametrize("kind", ["pattern", "line", "contains"])
def test_max_words_gates_long_lines(kind: str) -> None:
    matcher: dict[str, Any] = ({"pattern": "subscribe"} if kind == "pattern"
                               else {"phrases": ["subscribe"], "match": kind})
    rs = rules({"id": "t.m", "label": "subscription", "max_words": 3, **matcher})
    short = "subscribe" if kind == "line" else "subscribe now please"
    long = "subscribe now please, the editor said" if kind != "line" else None
    assert winners(rs, short) == ["t.m"]
    if long:
        assert winners(rs, long) == [None]


# --- priority and evidence -------------------------------------------------------

def test_highest_priority_wins_and_evidence_never_decides() -> None:
    rs = rules({"id": "t.low", "label": "share", "phrases": ["x feed"], "priority": 1},
               {"id": "t.high", "label": "feed", "pattern": "feed", "priority": 5},
               {"id": "t.ev", "label": "ads", "pattern": "x", "priority": 99,
                "decision": "evidence"})
    hits = rs.apply(Document.from_text("x feed\nx"))
    assert hits.winner[0].id == "t.high"
    assert [r.id for r in hits.fired[0]] == ["t.ev", "t.high", "t.low"]
    assert hits.winner[1] is None and [r.id for r in hits.fired[1]] == ["t.ev"]


def test_hits_shape() -> None:
    rs = rules({"id": "t.p", "label": "share", "phrases": ["share"]})
    hits = rs.apply(Document.from_text("share\n\nfoo"))
    assert isinstance(hits, RuleHits)
    assert len(hits.fired) == len(hits.winner) == 3
    assert hits.errors == ()
    empty = rs.apply(Document.from_text(""))
    assert empty.fired == () and empty.winner == ()


# --- regions -------------------------------------------------------------------

FEED = {"id": "t.feed", "label": "feed", "region": {"start": ["News Feed"], "end": ["More news"]}}
NAV = {"id": "t.nav", "label": "navigation", "phrases": ["menu"]}
ADS = {"id": "t.ads", "label": "ads", "phrases": ["advertisement"]}


def test_region_opens_on_header_and_closes_after_end_phrase() -> None:
    rs = rules(FEED)
    text = "Intro line\nNews Feed\n3:38 AM\nItem one happened\n\nItem two\nMore news\nAfter"
    assert winners(rs, text) == [None, "t.feed", "t.feed", "t.feed", None, "t.feed", "t.feed",
                                 None]


def test_region_header_needs_the_whole_line() -> None:
    rs = rules(FEED)
    assert winners(rs, "Our news feed today\nItem") == [None, None]
    assert winners(rs, "NEWS FEED:\nItem") == ["t.feed", "t.feed"]


def test_region_max_lines_counts_non_blank_lines() -> None:
    rs = rules({"id": "t.r", "label": "related", "region": {"start": ["related"], "max_lines": 2}})
    assert winners(rs, "Related\na\n\nb\nc\nd") == ["t.r", "t.r", None, "t.r", None, None]


def test_region_closes_at_a_line_of_another_label_outside_through() -> None:
    rs = rules(FEED, NAV, ADS)  # ads is in the default `through`, navigation is not
    text = "News Feed\nitem one\nAdvertisement\nitem two\nMenu\nafter the menu"
    w = winners(rs, text)
    assert w == ["t.feed", "t.feed", "t.ads", "t.feed", "t.nav", None]
    # the ads line inside the region keeps its own rule but the region fired on it too
    assert fired(rs, text)[2] == ["t.ads", "t.feed"]


def test_region_through_is_configurable() -> None:
    feed = {**FEED, "region": {"start": ["News Feed"], "through": ["navigation"]}}
    rs = rules(feed, NAV, ADS)
    assert winners(rs, "News Feed\nitem\nMenu\nitem\nAdvertisement\nafter") \
        == ["t.feed", "t.feed", "t.nav", "t.feed", "t.ads", None]


def test_region_stops_before_two_prose_paragraphs() -> None:
    rs = rules(FEED)
    text = f"News Feed\nShort item\n\n{PROSE}\n\n{PROSE2}"
    assert winners(rs, text) == ["t.feed", "t.feed", None, None, None, None]


def test_region_runs_through_a_single_long_item() -> None:
    rs = rules(FEED)
    text = f"News Feed\n{PROSE}\nShort item"
    assert winners(rs, text) == ["t.feed", "t.feed", "t.feed"]


def test_region_can_reopen() -> None:
    rs = rules(FEED)
    assert winners(rs, "News Feed\na\nMore news\nb\nNews Feed\nc") \
        == ["t.feed", "t.feed", "t.feed", None, "t.feed", "t.feed"]


def test_builtin_feed_region_in_context() -> None:
    text = (f"{PROSE}\n\nNews Feed\n3:38 AM\nExplosions occurred in Kyiv overnight, the mayor "
            f"reported.\n2:10 AM\nUkraine's air force downed 12 drones.\n\nEditors' Picks")
    labels = [line.label for line in cleaner.analyze(text, model="heuristic").lines]
    assert labels[0] is Label.BODY
    assert labels[2:7] == [Label.FEED] * 5
    assert labels[7] is Label.BLANK
    assert labels[-1] is Label.FEED


# --- repeat --------------------------------------------------------------------

def test_repeat_rule_fires_on_the_third_copy() -> None:
    rs = rules({"id": "t.rep", "label": "other", "repeat": {"min_count": 3, "max_chars": 25}})
    assert winners(rs, "* indicates required\nx\n* indicates required") == [None, None, None]
    text = "* indicates required\nx\n*  Indicates required\nbody\n* indicates required."
    assert winners(rs, text) == ["t.rep", None, "t.rep", None, "t.rep"]


def test_repeat_rule_ignores_long_lines_and_lines_without_letters() -> None:
    rs = rules({"id": "t.rep", "label": "other", "repeat": {"min_count": 2, "max_chars": 10}})
    assert winners(rs, "a long line here\na long line here") == [None, None]
    assert winners(rs, "***\n***\n12:00\n12:00") == [None] * 4
    assert winners(rs, "Share\n\nShare") == ["t.rep", None, "t.rep"]


# --- merging: user files, disabling, sites -----------------------------------------

def write(tmp_path: Path, body: str, name: str = "user.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_user_rule_adds_to_builtin(tmp_path: Path) -> None:
    path = write(tmp_path, '[[rules]]\nid = "user.promo"\nlabel = "ads"\ndescription = "d"\n'
                           'phrases = ["use code save20"]\n')
    rs = RuleSet.load(user_files=[path])
    assert "user.promo" in rs.by_id and "navigation.skip-links" in rs.by_id
    assert len(rs.rules) == len(RuleSet.load().rules) + 1
    a = cleaner.analyze("Use code SAVE20\nSkip to content", rules=path)
    assert [line.label for line in a.lines] == [Label.ADS, Label.NAVIGATION]


def test_user_rule_overrides_builtin_by_id(tmp_path: Path) -> None:
    path = write(tmp_path, '[[rules]]\nid = "navigation.skip-links"\nlabel = "other"\n'
                           'description = "mine"\nphrases = ["jump to story"]\n')
    rs = RuleSet.load(user_files=[path])
    rule = rs.by_id["navigation.skip-links"]
    assert rule.label is Label.OTHER and rule.source == str(path)
    assert len(rs.rules) == len(RuleSet.load().rules)
    a = cleaner.analyze("Jump to story\nSkip to content", rules=path)
    assert a.lines[0].label is Label.OTHER
    assert a.lines[0].reasons == ("navigation.skip-links",)
    assert a.lines[1].label is not Label.NAVIGATION


def test_user_file_disables_by_id(tmp_path: Path) -> None:
    path = write(tmp_path, 'disable = ["navigation.skip-links"]\n')
    rs = RuleSet.load(user_files=[path])
    assert "navigation.skip-links" not in rs.by_id
    assert "navigation.menu-words" in rs.by_id
    a = cleaner.analyze("Skip to content\nMenu", rules=path)
    assert "navigation.skip-links" not in a.lines[0].reasons
    assert a.lines[1].label is Label.NAVIGATION


def test_user_file_disables_by_prefix(tmp_path: Path) -> None:
    path = write(tmp_path, 'disable = ["navigation.*"]\n')
    rs = RuleSet.load(user_files=[path])
    assert not [r for r in rs.by_id if r.startswith("navigation.")]
    assert [r for r in rs.by_id if r.startswith("share.")]
    a = cleaner.analyze("Skip to content\nMenu\nShare", rules=path)
    assert Label.NAVIGATION not in {line.label for line in a.lines}
    assert a.lines[2].label is Label.SHARE


def test_disable_then_redefine_in_the_same_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'disable = ["share.*"]\n[[rules]]\nid = "share.mine"\nlabel = "share"\n'
                           'description = "d"\nphrases = ["toot this"]\n')
    rs = RuleSet.load(user_files=[path])
    assert [r for r in rs.by_id if r.startswith("share.")] == ["share.mine"]


def test_later_user_file_wins(tmp_path: Path) -> None:
    a = write(tmp_path, '[[rules]]\nid = "u.x"\nlabel = "ads"\ndescription = "d"\nphrases=["zq"]\n',
              "a.toml")
    b = write(tmp_path, '[[rules]]\nid = "u.x"\nlabel = "legal"\ndescription = "d"\n'
                        'phrases=["zq"]\n', "b.toml")
    assert RuleSet.load(user_files=[a, b]).by_id["u.x"].label is Label.LEGAL
    assert RuleSet.load(user_files=[b, a]).by_id["u.x"].label is Label.ADS


def test_builtin_false_uses_only_user_rules(tmp_path: Path) -> None:
    path = write(tmp_path, '[[rules]]\nid = "u.x"\nlabel = "ads"\ndescription = "d"\nphrases=["zq"]\n')
    rs = RuleSet.load(builtin=False, user_files=[path])
    assert list(rs.by_id) == ["u.x"]
    assert RuleSet.load(builtin=False).rules == ()


SITE_RULE = "site.kyivindependent.newsletter-names"


@pytest.mark.parametrize(("site", "selected"), [
    (None, False),
    ("example.com", False),
    ("kyivindependent.com", True),
    ("https://www.kyivindependent.com/x", True),
    ("news.kyivindependent.com", True),
    ("notkyivindependent.com", False),
    ("kyivindependent.com.evil.org", False),
])
def test_site_pack_only_with_a_matching_site(site: str | None, selected: bool) -> None:
    rs = RuleSet.load(site=site)
    assert (SITE_RULE in rs.by_id) is selected
    a = cleaner.analyze("Explaining Ukraine with Kate Tsurkan", site=site)
    assert (SITE_RULE in a.lines[0].reasons) is selected


def test_site_of() -> None:
    assert site_of("https://www.kyivindependent.com/x") == "kyivindependent.com"
    assert site_of("HTTP://user@News.Example.COM:8080/a?b") == "news.example.com"
    assert site_of("example.org") == "example.org"


def test_select_rules_skips_site_packs_without_site() -> None:
    files = builtin_files()
    assert any(f.sites for f in files)
    ids = {r.id for r in select_rules(files, None)}
    assert not any(i.startswith("site.") for i in ids)


def test_ruleset_is_compiled_once() -> None:
    assert RuleSet.load() is RuleSet.load()
    assert RuleSet.load(site="https://www.kyivindependent.com/a") is \
        RuleSet.load(site="kyivindependent.com")


# --- time bound ------------------------------------------------------------------

def test_catastrophic_user_pattern_is_disabled_with_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, '[[rules]]\nid = "user.evil"\nlabel = "ads"\ndescription = "d"\n'
                           "pattern = '^(a|aa)+$'\n")
    evil = "a" * 64 + "!"
    text = f"{evil}\n{PROSE}\n{evil}\n{evil}"
    start = time.monotonic()
    a = cleaner.analyze(text, rules=path)
    elapsed = time.monotonic() - start
    assert elapsed < 30  # a hang guard, not a timing assertion: unbounded, this runs for ages
    assert len(a.errors) == 1
    assert "user.evil" in a.errors[0] and str(path) in a.errors[0]
    assert "timed out" in a.errors[0]
    assert all("user.evil" not in line.reasons for line in a.lines)
    assert a.lines[1].label is Label.BODY
    # the rule stays disabled: the next page does not pay for it again
    rs = RuleSet.load(user_files=[path])
    assert "user.evil" in rs._dead
    start = time.monotonic()
    cleaner.analyze(evil, rules=path)
    assert time.monotonic() - start < 30


def test_catastrophic_pattern_does_not_disable_other_rules(tmp_path: Path) -> None:
    path = write(tmp_path, '[[rules]]\nid = "user.evil2"\nlabel = "ads"\ndescription = "d"\n'
                           "pattern = '^(b|bb)+$'\n")
    a = cleaner.analyze("b" * 64 + "!\nSkip to content", rules=path)
    assert any("user.evil2" in e for e in a.errors)
    assert a.lines[1].label is Label.NAVIGATION


# --- examples of every built-in rule, site packs included ---------------------------

def _all_builtin_rules() -> list[Rule]:
    return [rule for f in builtin_files() for rule in f.rules]


BUILTIN = _all_builtin_rules()


def test_builtin_packs_are_there() -> None:
    packs = {f.name for f in builtin_files()}
    assert {"en-paywall", "en-subscription", "en-feed", "en-navigation", "en-share", "en-legal",
            "en-ads", "en-related", "en-comments", "en-byline", "en-other", "de-widgets",
            "fr-widgets", "es-widgets", "site-kyivindependent.com"} <= packs
    ids = [r.id for r in BUILTIN]
    assert len(ids) == len(set(ids)), "rule ids must be unique across packs"
    assert {r.label for r in BUILTIN} >= {
        Label.PAYWALL, Label.SUBSCRIPTION, Label.FEED, Label.NAVIGATION, Label.SHARE, Label.LEGAL,
        Label.ADS, Label.RELATED, Label.COMMENTS, Label.BYLINE, Label.OTHER}
    assert {r.kind for r in BUILTIN} == {"pattern", "phrases", "region", "repeat"}


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.id)
def test_builtin_rule_examples(rule: Rule) -> None:
    assert rule.examples, f"{rule.id} has no examples"
    assert rule.description
    assert RuleSet([rule]).check_examples() == []


def test_the_fingerprint_follows_what_rules_match_not_how_they_are_described() -> None:
    base = {"id": "t.ad", "label": "ads", "phrases": ["buy now"], "examples": ["Buy now"]}
    same = rules(base).fingerprint()
    assert rules({**base, "description": "other words", "examples": ["BUY NOW"]}).fingerprint() == same
    assert rules({**base, "phrases": ["buy now", "shop now"]}).fingerprint() != same
    assert rules({**base, "decision": "evidence"}).fingerprint() != same
    assert rules({**base, "label": "share"}).fingerprint() != same


def test_check_examples_reports_failures() -> None:
    rs = rules({"id": "t.bad", "label": "ads", "phrases": ["buy now"],
                "examples": ["Buy later"], "counterexamples": ["Buy now"]})
    failures = rs.check_examples()
    assert len(failures) == 2
    assert all("t.bad" in f and "test.toml" in f for f in failures)
    assert "does not fire on example 'Buy later'" in failures[0]
    assert "fires on counterexample 'Buy now'" in failures[1]


@pytest.mark.parametrize("text", ["xx", "XXX", "printemail"])
def test_network_list_needs_separate_names(text: str) -> None:
    rs = RuleSet([r for r in BUILTIN if r.id == "share.network-list"])
    assert winners(rs, text) == [None]
