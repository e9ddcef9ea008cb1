"""Golden files for the seed pages: the article text and the --explain labels.

The files are produced by the code (``pytest tests/test_golden.py --update-golden``)
and then read line by line; a change to them is a deliberate, argued change.
Each seed is checked with and without its site pack, since generic behaviour
must not depend on it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.cli.explain import explain_table

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLDEN = ROOT / "tests" / "golden"
SITE = "kyivindependent.com"
CONFIGS = {"generic": Cleaner(), "site": Cleaner(site=SITE)}


def _check(path: Path, actual: str, update: bool) -> None:
    if update:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} missing: run pytest {__file__} --update-golden"
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("config", sorted(CONFIGS))
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_article(seed: Path, config: str, update_golden: bool) -> None:
    analysis = CONFIGS[config].analyze(seed.read_text(encoding="utf-8"))
    _check(GOLDEN / f"{seed.stem}.{config}.txt", analysis.text + "\n", update_golden)
    _check(GOLDEN / f"{seed.stem}.{config}.explain", explain_table(analysis) + "\n", update_golden)


# What the issue names, checked independently of the golden files so that a
# careless --update-golden cannot pass a regression.
MUST_KEEP = {
    "000": ["US, Russia agree to continue Ukraine talks after Blinken-Lavrov meeting",
            "U.S. Secretary of State Antony Blinken and Russian Foreign Minister Sergei Lavrov met on Jan. 21 in Geneva",
            "Another attempt at diplomacy", "Washington’s response", "A week of diplomacy",
            "The Secretary said Russia now faces a choice."],
    "003": ["Blinken-Lavrov call results in another stalemate for Ukraine crisis",
            "US secretary of state Antony Blinken and Russian Foreign Minister Sergei Lavrov spoke"],
}
MUST_DROP = ["Freedom can be costly.", "Millions read the Kyiv Independent", "* indicates required",
             "Skip to content", "Edit post", "This audio is created with AI assistance", "News Feed",
             "Editors' Picks", "MORE NEWS", "visa masterCard americanExpress", "watch us on facebook",
             "Explosions occurred in Kyiv overnight", "Crimean Tatar editor goes missing",
             "Ali Charinskiy is an activist", "Enter your email to subscribe", "Support us",
             "Become a member", "Explaining Ukraine with Kate Tsurkan", "3:38 AM", "5:50 AM"]


@pytest.mark.parametrize("config", sorted(CONFIGS))
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_keeps_article_and_drops_chrome(seed: Path, config: str) -> None:
    text = seed.read_text(encoding="utf-8")
    out = CONFIGS[config].clean(text)
    kept = out.splitlines()
    for expected in MUST_KEEP[seed.stem[:3]]:
        assert any(line.startswith(expected) for line in kept), expected
    for chrome in MUST_DROP:
        assert not any(line.startswith(chrome) for line in kept), chrome
    body = [line for line in text.splitlines() if len(line.split()) >= 25
            and line in out and not line.startswith(("Freedom", "Millions", "It’s thanks"))]
    assert body, "no long paragraph kept"
