"""The feature matrix: rows for non-blank lines, named columns, rule evidence."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cleaner.features.matrix import FEATURE_NAMES, _median, line_features
from cleaner.lines import Document
from cleaner.rules.engine import RuleSet

PROSE = ("The ministers met in Geneva on Friday and agreed to keep talking, although neither side "
         "said it had moved on the demands that divide them.")


def features(text: str) -> tuple[np.ndarray, np.ndarray]:
    doc = Document.from_text(text)
    return line_features(doc, RuleSet.load().apply(doc))


def column(X: np.ndarray, name: str) -> np.ndarray:
    return X[:, FEATURE_NAMES.index(name)]


def test_rows_are_the_non_blank_lines() -> None:
    rows, X = features(f"Skip to content\n\n{PROSE}\n\n\nShare")
    assert rows.tolist() == [0, 2, 5]
    assert X.shape == (3, len(FEATURE_NAMES)) and np.all(np.isfinite(X))


def test_rule_hits_are_features_of_the_line_and_its_neighbours() -> None:
    rows, X = features(f"Skip to content\n{PROSE}\nShare")
    assert column(X, "rule_navigation").tolist() == [1.0, 0.0, 0.0]
    assert column(X, "rule_share").tolist() == [0.0, 0.0, 1.0]
    assert column(X, "hard").tolist() == [1.0, 0.0, 1.0]
    assert column(X, "n-1_hard").tolist() == [0.0, 1.0, 0.0]
    assert column(X, "n+1_hard").tolist() == [0.0, 1.0, 0.0]
    assert column(X, "n-1_exists").tolist() == [0.0, 1.0, 1.0]


def test_evidence_regions_are_marked_but_not_hard() -> None:
    rows, X = features(f"{PROSE}\n\nNews Feed\n3:38 AM\nA drone attack hit the city overnight.")
    assert column(X, "rule_feed").tolist() == [0.0, 1.0, 1.0, 1.0]
    assert column(X, "hard").tolist() == [0.0, 0.0, 0.0, 0.0]


def test_repetition_and_blank_neighbours() -> None:
    rows, X = features("Subscribe\n\nSubscribe\nSubscribe\nOnce")
    assert np.exp(column(X, "log_repeat")).round().tolist() == [3.0, 3.0, 3.0, 1.0]
    assert column(X, "blank_after").tolist() == [1.0, 0.0, 0.0, 0.0]
    assert column(X, "blank_before").tolist() == [0.0, 1.0, 0.0, 0.0]


def test_empty_page_has_no_rows() -> None:
    rows, X = features("\n\n")
    assert rows.tolist() == [] and X.shape == (0, len(FEATURE_NAMES))


@given(st.lists(st.floats(0, 20), min_size=1, max_size=60))
def test_median_is_numpys(values: list[float]) -> None:
    assert _median(np.array(values)) == float(np.median(values))


def test_comment_threads_show_as_shared_templates_around_the_line() -> None:
    thread = "\n".join(f"{name} said...\n{PROSE}" for name in ("Ann Lee", "Bo", "Cy Young", "Di"))
    rows, X = features(f"{PROSE}\n{PROSE} Again.\n{thread}")
    template = column(X, "template_repeat")
    assert template.tolist() == [0, 0, 1, 0, 1, 0, 1, 0, 1, 0]
    window = column(X, "w5_template")
    assert window[0] < window[5] and window[5] == template[0:11].mean()


def test_teaser_lists_alternate_where_an_article_runs_on() -> None:
    teasers = "\n".join(f"Headline Number {n} Here\n{PROSE}" for n in range(6))
    article = "\n".join([PROSE] * 12)
    rows, X = features(f"{article}\n{teasers}")
    alternation = column(X, "w5_alternation")
    assert alternation[:6].max() == 0.0  # paragraphs after paragraphs
    assert alternation[-6:].min() > 0.5


def test_a_paragraph_cut_at_its_links_is_read_as_one_run() -> None:
    # As a renderer that gives each text node a line gives "<p>... met on <a>The
    # Fifth Floor</a>, on the BBC World Service. Listen on <a>iPlayer</a> ...</p>".
    fragments = ["Home", "World", "Jeremy Clarkson and Mozaffar Shafeie met one another on", "The Fifth Floor",
                 ", on the BBC World Service, where they talked about cars. Listen on", "iPlayer", "or",
                 "download the podcast.", "Share"]
    rows, X = features("\n".join(fragments))
    run_lines = np.exp(column(X, "run_log_lines")).round()
    assert run_lines.tolist() == [1, 1, 6, 6, 6, 6, 6, 6, 1]
    assert column(X, "run_prose")[2:8].min() == 1.0 > column(X, "prose")[2:8].max()
    assert column(X, "run_terminal").tolist() == [0, 0, 1, 1, 1, 1, 1, 1, 0]
    assert column(X, "run_prose")[[0, 1, 8]].tolist() == [0, 0, 0]


def test_a_blank_line_or_a_full_stop_ends_a_run() -> None:
    rows, X = features(f"{PROSE}\nand then\n\nmore words")
    assert np.exp(column(X, "run_log_lines")).round().tolist() == [1, 1, 1]
    assert column(X, "run_prose").tolist() == column(X, "prose").tolist()
