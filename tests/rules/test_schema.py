"""Rule files (cleaner.rules.schema): every validation error is a RuleError naming file and rule."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner.labels import Label
from cleaner.rules.engine import RuleSet
from cleaner.rules.schema import RuleError, load_rule_file

GOOD = '''
[[rules]]
id = "user.good"
label = "ads"
description = "a fine rule"
phrases = ["buy now"]
examples = ["Buy now!"]
'''


def write(tmp_path: Path, body: str, name: str = "my-rules.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def rule(body: str, rule_id: str = "user.broken") -> str:
    """One [[rules]] table with the given extra lines."""
    return f'[[rules]]\nid = "{rule_id}"\n{body}\n'


def check_error(path: Path, rule_id: str | None, *needles: str) -> RuleError:
    with pytest.raises(RuleError) as info:
        load_rule_file(path)
    message = str(info.value)
    assert str(path) in message
    assert info.value.source == str(path)
    if rule_id is not None:
        assert f"'{rule_id}'" in message
        assert info.value.rule_id == rule_id
    for needle in needles:
        assert needle in message, message
    assert "\n" not in message
    return info.value


def test_a_good_file_loads(tmp_path: Path) -> None:
    rf = load_rule_file(write(tmp_path, GOOD))
    assert [r.id for r in rf.rules] == ["user.good"]
    assert rf.rules[0].label is Label.ADS
    assert rf.rules[0].kind == "phrases"
    assert rf.rules[0].source == str(tmp_path / "my-rules.toml")
    assert rf.name == "my-rules"


def test_rule_error_is_a_value_error() -> None:
    assert issubclass(RuleError, ValueError)
    assert cleaner.RuleError is RuleError


@pytest.mark.parametrize(("body", "needles"), [
    ('label = "adverts"\ndescription = "d"\nphrases = ["x"]', ("adverts", "body")),
    ('label = "blank"\ndescription = "d"\nphrases = ["x"]', ("blank",)),
    ('description = "d"\nphrases = ["x"]', ("label",)),
    ('label = "ads"\ndescription = "d"\nphrases = ["x"]\npattern = "x"', ("exactly one matcher",)),
    ('label = "ads"\ndescription = "d"', ("exactly one matcher", "none")),
    ('label = "ads"\ndescription = "d"\nphrases = ["x"]\ncolour = "red"', ("unknown key", "colour")),
    ('label = "ads"\nphrases = ["x"]', ("description",)),
    ('label = "ads"\ndescription = "  "\nphrases = ["x"]', ("description",)),
    ('label = "ads"\ndescription = "d"\nphrases = []', ("phrases", "empty")),
    ('label = "ads"\ndescription = "d"\nphrases = [1, 2]', ("phrases", "list of strings")),
    ('label = "ads"\ndescription = "d"\nphrases = ["x"]\nmatch = "word"', ("match", "word")),
    ('label = "ads"\ndescription = "d"\npattern = ""', ("pattern", "non-empty")),
    ('label = "ads"\ndescription = "d"\npattern = "x"\nkeywords = [""]', ("keywords",)),
    ('label = "ads"\ndescription = "d"\nphrases = ["x"]\nkeywords = ["x"]', ("keywords",)),
    ('label = "ads"\ndescription = "d"\nphrases = ["x"]\nmax_words = 0', ("max_words",)),
    ('label = "ads"\ndescription = "d"\nphrases = ["x"]\nmax_words = "5"', ("max_words",)),
    ('label = "ads"\ndescription = "d"\nphrases = ["x"]\ndecision = "soft"', ("decision", "soft")),
    ('label = "ads"\ndescription = "d"\nphrases = ["x"]\npriority = "high"', ("priority",)),
    ('label = "ads"\ndescription = "d"\nphrases = ["x"]\nexamples = "x"\ncounterexamples = [3]',
     ("counterexamples",)),
    # region parameters
    ('label = "feed"\ndescription = "d"\nregion = "news feed"', ("region", "table")),
    ('label = "feed"\ndescription = "d"\nregion.end = ["x"]', ("region.start",)),
    ('label = "feed"\ndescription = "d"\nregion.start = []', ("region.start", "empty")),
    ('label = "feed"\ndescription = "d"\nregion.start = ["x"]\nregion.max_lines = 0',
     ("region.max_lines",)),
    ('label = "feed"\ndescription = "d"\nregion.start = ["x"]\nregion.max_lines = "ten"',
     ("region.max_lines",)),
    ('label = "feed"\ndescription = "d"\nregion.start = ["x"]\nregion.through = ["adverts"]',
     ("region.through", "adverts")),
    ('label = "feed"\ndescription = "d"\nregion.start = ["x"]\nregion.until = ["y"]',
     ("unknown region key", "until")),
    ('label = "feed"\ndescription = "d"\nregion.start = ["x"]\nregion.end = [1]', ("region.end",)),
    # repeat parameters
    ('label = "other"\ndescription = "d"\nrepeat.min_count = 1', ("repeat.min_count",)),
    ('label = "other"\ndescription = "d"\nrepeat.min_count = "3"', ("repeat.min_count",)),
    ('label = "other"\ndescription = "d"\nrepeat.max_chars = 0', ("repeat.max_chars",)),
    ('label = "other"\ndescription = "d"\nrepeat.times = 3', ("repeat",)),
    ('label = "other"\ndescription = "d"\nrepeat = 3', ("repeat",)),
], ids=lambda v: v if isinstance(v, str) and len(v) < 40 else None)
def test_rule_errors_name_file_and_rule(tmp_path: Path, body: str, needles: tuple[str, ...]) -> None:
    path = write(tmp_path, GOOD + rule(body))
    check_error(path, "user.broken", *needles)


def test_duplicate_id(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + GOOD)
    check_error(path, "user.good", "duplicate")


@pytest.mark.parametrize("rule_id", ['"User.Bad"', '"has space"', '""', "3", '"-lead"'])
def test_bad_or_missing_id(tmp_path: Path, rule_id: str) -> None:
    path = write(tmp_path, f'[[rules]]\nid = {rule_id}\nlabel = "ads"\ndescription = "d"\n'
                           'phrases = ["x"]\n')
    err = check_error(path, None, "rules entry 1", "id")
    assert err.rule_id == ""


def test_missing_id_names_the_entry_number(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + '[[rules]]\nlabel = "ads"\ndescription = "d"\nphrases = ["x"]\n')
    check_error(path, None, "rules entry 2", "None")


def test_bad_regex_fails_when_the_ruleset_is_built(tmp_path: Path) -> None:
    path = write(tmp_path, rule('label = "ads"\ndescription = "d"\npattern = "(unclosed"'))
    rf = load_rule_file(path)  # syntax is only checked by compiling
    assert rf.rules[0].pattern == "(unclosed"
    with pytest.raises(RuleError) as info:
        RuleSet(rf.rules)
    assert str(path) in str(info.value)
    assert "'user.broken'" in str(info.value)
    assert "invalid pattern" in str(info.value)
    with pytest.raises(RuleError, match="user.broken"):
        cleaner.Cleaner(rules=path).ruleset  # noqa: B018
    with pytest.raises(RuleError, match="user.broken"):
        cleaner.clean("text", rules=str(path))


@pytest.mark.parametrize("body", ['[[rules]\nid = "x"', 'id = "x"\nid = "y"', "rules = [1,", "= 3"])
def test_bad_toml(tmp_path: Path, body: str) -> None:
    check_error(write(tmp_path, body), None, "invalid TOML")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes('[pack]\nname = "caf\xe9"\n'.encode("latin-1"))
    check_error(path, None, "UTF-8")


def test_missing_file(tmp_path: Path) -> None:
    check_error(tmp_path / "nope.toml", None, "cannot read")


@pytest.mark.parametrize(("body", "needle"), [
    ("colour = 1", "unknown top-level"),
    ('pack = "x"', "[pack]"),
    ('rules = "x"', "rules"),
    ("rules = [1]", "not a table"),
    ("disable = [1]", "disable"),
    ('[pack]\nsites = [1]', "pack.sites"),
])
def test_file_level_errors(tmp_path: Path, body: str, needle: str) -> None:
    check_error(write(tmp_path, body), None, needle)


def test_disabled_rule_is_checked_but_not_loaded(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + rule('label = "ads"\ndescription = "d"\nphrases = ["x"]\n'
                                       'enabled = false'))
    assert [r.id for r in load_rule_file(path).rules] == ["user.good"]


def test_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, rule('label = "feed"\ndescription = "d"\nregion.start = ["x"]')
                 + rule('label = "other"\ndescription = "d"\nrepeat = {}', "user.rep")
                 + rule('label = "ads"\ndescription = "d"\npattern = "x"\nkeywords = ["AbC"]',
                        "user.pat"))
    region, repeat, pattern = load_rule_file(path).rules
    assert region.kind == "region" and region.region_max_lines == 40 and region.region_end == ()
    assert Label.ADS in region.region_through and Label.NAVIGATION not in region.region_through
    assert repeat.kind == "repeat" and repeat.repeat_min_count == 3
    assert pattern.keywords == ("abc",)
    assert pattern.hard and not pattern.case_sensitive
    assert pattern.priority > repeat.priority > region.priority


def test_non_boolean_case_sensitive_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, rule('label = "ads"\ndescription = "d"\npattern = "buy"\n'
                                'case_sensitive = "false"'))
    check_error(path, "user.broken", "case_sensitive")


def test_user_file_errors_reach_the_api(tmp_path: Path) -> None:
    path = write(tmp_path, rule('label = "nope"\ndescription = "d"\nphrases = ["x"]'))
    with pytest.raises(RuleError, match=r"my-rules\.toml: rule 'user\.broken': label 'nope'"):
        cleaner.analyze("hello", rules=path)
