"""The bench runner, its reports and its command line on the tiny fixture corpus in tests/fixtures/bench."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from cleaner.bench.browse import INDEX, plot_precision_recall, write_browser
from cleaner.bench.compare import compare, format_comparison
from cleaner.bench.configs import ConfigError, parse_config
from cleaner.bench.page import Page
from cleaner.bench.report import OVERALL, format_tables, table_rows
from cleaner.bench.rulereport import format_rule_report, rule_damage
from cleaner.bench.runner import BenchError, BenchResult, PageRun, run_bench

FIXTURES = Path(__file__).parent.parent / "fixtures" / "bench"
CORPUS = FIXTURES / "corpus.jsonl"
DATA = FIXTURES / "data"
PAGES = tuple(Page.from_json(line) for line in CORPUS.read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def result() -> BenchResult:
    return run_bench(PAGES, ["rules+model", "none"], ["identity", "c4", "trafilatura"], DATA, workers=1)


# --- configurations -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "builtin", "model"), [
    ("rules+model", True, "default"),
    ("model+rules", True, "default"),
    ("default", True, "default"),
    ("rules", True, "heuristic"),
    ("model", False, "default"),
    ("none", False, "none"),
    ("rules=my.toml", True, "default"),
    ("rules+model=none", True, "none"),
    ("model=weights.json", True, "weights.json"),
])
def test_config_bases(text: str, builtin: bool, model: str) -> None:
    config = parse_config(text)
    assert (config.builtin, config.model, config.name) == (builtin, model, text)


def test_config_options() -> None:
    config = parse_config("model+rules=a.toml+rules=b.toml+threshold=0.7+byline=yes+title=no+site=x.com"
                          "+comments=yes")
    assert config.options() == {"rules": ("a.toml", "b.toml"), "builtin": False, "model": "default",
                                "threshold": 0.7, "title": False, "byline": True, "comments": True,
                                "site": "x.com"}
    assert parse_config("site=auto").options(site="y.org")["site"] == "y.org"
    assert "site" not in parse_config("rules").options(site="y.org")
    assert parse_config("templates=yes").templates and not parse_config("rules").templates


def test_templates_config_drops_what_a_site_repeats() -> None:
    """Three pages of one site with the same two-line footer: with templates=yes it
    is dropped as the site's template, and nothing else changes."""
    footer = ["Jane writes about gardens and the weather from a small town by the sea.",
              "She lives there with two cats, a boat and far too many books."]
    pages = [Page("d", "example.org", f"d/{n}",
                  [f"The council voted on budget {n} after a long debate, the mayor said on Monday.",
                   *footer], ["body", "other", "other"], [True, False, False], 1.0,
                  f"The council voted on budget {n} after a long debate, the mayor said on Monday.")
             for n in range(3)]
    plain, templated = (run_bench(pages, [config], [], None, workers=1).systems[0]
                        for config in ("rules+model", "rules+model+templates=yes"))
    assert [run.kept for run in plain.runs] == [(True, True, True)] * 3
    assert [run.kept for run in templated.runs] == [(True, False, False)] * 3
    assert all(run.reasons[1] == ("site.template",) for run in templated.runs)


@pytest.mark.parametrize("text", ["", "rules++model", "rule", "rules+none+x", "threshold=high",
                                  "title=maybe", "colour=red", "rules=", "templates=some"])
def test_config_errors(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_config(text)


# --- running and scoring ----------------------------------------------------------------------

def test_every_system_scores_every_page(result: BenchResult) -> None:
    assert [s.name for s in result.systems] == ["rules+model", "none", "identity", "c4", "trafilatura"]
    for system in result.systems:
        assert len(system.runs) == len(system.scores) == len(PAGES)
        assert system.errors() == 0


def test_no_cleaning_config_equals_identity(result: BenchResult) -> None:
    assert result.system("none").scores == result.system("identity").scores
    identity = result.system("identity").scores
    # Keeping everything finds most gold shingles (those that span a dropped byline are lost)
    # and scores 0 on the page that has no article at all.
    assert all(s.recall > 0.9 for s, page in zip(identity, PAGES) if page.gold)
    assert [s.recall for s, page in zip(identity, PAGES) if not page.gold] == [0.0]


def test_cleaner_beats_identity_on_precision(result: BenchResult) -> None:
    cleaned, identity = result.system("rules+model").summary(), result.system("identity").summary()
    assert cleaned.precision > identity.precision
    assert cleaned.line_accuracy is not None and cleaned.line_accuracy > identity.line_accuracy


def test_cleaner_runs_keep_labels_and_reasons(result: BenchResult) -> None:
    run = result.system("rules+model").runs[0]
    assert run.labels is not None and run.reasons is not None and run.kept is not None
    assert len(run.labels) == len(PAGES[0].lines)
    assert run.labels[0] == "navigation" and not run.kept[0]
    assert run.seconds > 0 and run.input_bytes == len(PAGES[0].text.encode())


def test_html_references_have_no_line_accuracy(result: BenchResult) -> None:
    trafilatura = result.system("trafilatura")
    assert trafilatura.summary().line_accuracy is None
    assert all(s.recall > 0.9 for s, page in zip(trafilatura.scores, PAGES) if page.gold)


def test_missing_html_is_an_error_page_not_a_crash() -> None:
    run = run_bench(PAGES[:2], [], ["trafilatura"], data_dir=None, workers=1).systems[0]
    assert run.errors() == 2
    assert run.summary().recall == 0.0
    assert run.speed() == (0.0, 0.0)


def test_two_workers_give_the_same_answers(result: BenchResult) -> None:
    parallel = run_bench(PAGES, [], ["identity", "c4"], DATA, workers=2)
    for system in parallel.systems:
        assert system.scores == result.system(system.name).scores


def test_site_auto_uses_each_pages_site() -> None:
    bench = run_bench(PAGES, ["rules+model+site=auto"], [], None, workers=1)
    assert len(bench.systems[0].runs) == len(PAGES)


@pytest.mark.parametrize(("configs", "references"), [(["nonsense"], []), ([], ["no-such-reference"]),
                                                     (["rules=/no/such/file.toml"], [])])
def test_bad_systems_are_bench_errors(configs: list[str], references: list[str]) -> None:
    with pytest.raises(BenchError):
        run_bench(PAGES, configs, references, None, workers=1)


# --- tables -----------------------------------------------------------------------------------

def test_tables_per_dataset_and_overall(result: BenchResult) -> None:
    tables = table_rows(result)
    assert list(tables) == ["dragnet", "l3s-gn1", OVERALL]
    assert [row["pages"] for row in tables["dragnet"]] == [3] * 5
    assert tables[OVERALL][0]["system"] == "rules+model"
    assert tables[OVERALL][4]["line_accuracy"] is None
    text = format_tables(result)
    assert "overall (5 pages)" in text and "pages/s" in text


# --- comparison -------------------------------------------------------------------------------

def test_compare_finds_the_better_configuration(result: BenchResult) -> None:
    comparison = compare(result.system("none"), result.system("rules+model"), result.pages)
    precision = next(d for d in comparison.differences if d.metric == "precision")
    assert precision.delta > 0
    assert precision.low <= precision.delta <= precision.high
    assert comparison.better and all(p.delta > 0 for p in comparison.better)
    assert {d.metric for d in comparison.differences} == {"precision", "recall", "f1", "line_accuracy"}
    assert "B-A" in format_comparison(comparison)
    assert json.dumps(comparison.to_dict())


def test_compare_with_itself_is_zero(result: BenchResult) -> None:
    system = result.system("rules+model")
    comparison = compare(system, system, result.pages)
    assert all((d.delta, d.low, d.high) == (0, 0, 0) for d in comparison.differences)
    assert comparison.better == comparison.worse == ()


def test_compare_is_reproducible(result: BenchResult) -> None:
    a, b = result.system("identity"), result.system("c4")
    assert compare(a, b, result.pages) == compare(a, b, result.pages)


# --- rule report ------------------------------------------------------------------------------

def test_rule_damage_counts_false_drops_and_lost_tokens() -> None:
    page = Page("d", "s", "p", ["Share this", "Follow the money, they said.", "Kept text here", ""],
                ["share", "body", "body", "blank"], [False, True, True, False], 1.0, "")
    run = PageRun("", (False, False, True, False), 0.0, 0, ("share", "share", "body", "blank"),
                  (("share.x",), ("share.x", "model:m"), ("model:m",), ()))
    rows = {r.rule: r for r in rule_damage([page], [run])}
    assert (rows["share.x"].fired, rows["share.x"].content, rows["share.x"].false_drops,
            rows["share.x"].tokens_lost) == (2, 1, 1, 5)
    # model:m fired on two content lines but dropped only one of them.
    assert (rows["model:m"].content, rows["model:m"].false_drops, rows["model:m"].tokens_lost) == (2, 1, 5)


def test_rule_report_is_sorted_by_damage(result: BenchResult) -> None:
    rows = rule_damage(result.pages, result.system("rules+model").runs)
    assert rows
    assert [r.tokens_lost for r in rows] == sorted((r.tokens_lost for r in rows), reverse=True)
    assert "tokens lost" in format_rule_report(rows, "rules+model")


def test_rule_report_needs_cleaner_runs(result: BenchResult) -> None:
    with pytest.raises(ValueError):
        rule_damage(result.pages, result.system("trafilatura").runs)


# --- error browser ----------------------------------------------------------------------------

def test_error_browser_writes_the_worst_pages(result: BenchResult, tmp_path: Path) -> None:
    written = write_browser(tmp_path, result, "identity", count=2)
    assert written[0].name == INDEX and len(written) == 3
    html = (tmp_path / INDEX).read_text(encoding="utf-8")
    assert html.count("<h2") == 2
    assert 'class="kb"' in html  # identity keeps boilerplate
    text = written[1].read_text(encoding="utf-8")
    assert text.startswith("# ") and " K- " in text


def test_error_browser_marks_false_drops(tmp_path: Path) -> None:
    page = Page("d", "s", "p/1", ["Lost <b>line</b> here now."], ["body"], [True], 1.0, "Lost line here now.")
    bench = run_bench([page], [], ["c4"], None, workers=1)
    object.__setattr__(bench.systems[0], "runs", (PageRun("", (False,), 0.0, 0),))
    write_browser(tmp_path, bench, "c4", count=5)
    html = (tmp_path / INDEX).read_text(encoding="utf-8")
    assert 'class="dc"' in html and "&lt;b&gt;" in html


def test_plot_is_a_png_or_skipped(result: BenchResult, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    path = tmp_path / "pr.png"
    assert plot_precision_recall(path, result.system("rules+model"))
    assert path.read_bytes().startswith(b"\x89PNG")


def test_plot_without_matplotlib_says_so(result: BenchResult, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    assert plot_precision_recall(tmp_path / "pr.png", result.system("rules+model")) is False
    assert not (tmp_path / "pr.png").exists()


# --- command line -----------------------------------------------------------------------------

SPLIT = FIXTURES / "split.json"
FILES = ["--corpus", str(CORPUS), "--split-file", str(SPLIT), "--data", str(DATA), "--workers", "1"]


def bench(*args: str) -> int:
    from cleaner.cli.main import main
    return main(["bench", *args])


def test_cli_run_prints_tables_and_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bench.json"
    assert bench("run", *FILES, "--references", "identity,c4", "--json", str(out)) == 0
    stdout = capsys.readouterr().out
    assert "overall (4 pages)" in stdout  # the validation sites of the fixture split
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["pages"] == 4 and document["split"] == "validation"
    assert [r["system"] for r in document["tables"]["overall"]] == ["rules+model", "identity", "c4"]
    assert set(document["tables"]) == {"dragnet", "l3s-gn1", "overall"}


def test_cli_run_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench(*FILES, "--split", "all", "--limit", "2", "--references", "none", "--config", "rules",
                 "--config", "none") == 0
    stdout = capsys.readouterr().out
    assert "overall (2 pages)" in stdout and "\nnone " in stdout


def test_cli_compare_rules_report_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench("run", *FILES, "--compare", "none", "rules+model", "--rules-report",
                 "--errors", str(tmp_path / "errors"), "--worst", "2", "--json", "-") == 0
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert document["compare"]["a"] == "none" and document["compare"]["b"] == "rules+model"
    assert len(document["tables"]["overall"]) == 2  # no references by default when comparing
    assert document["rules"]["config"] == "rules+model" and document["rules"]["rows"]
    assert "compare: B=rules+model minus A=none" in captured.err
    assert (tmp_path / "errors" / INDEX).is_file()
    assert len(list((tmp_path / "errors").glob("*.txt"))) == 2


def test_cli_skips_html_references_without_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [*FILES[:4], "--data", str(tmp_path / "missing"), "--workers", "1"]
    assert bench("run", *files, "--references", "identity,trafilatura") == 0
    captured = capsys.readouterr()
    assert "skipping trafilatura" in captured.err
    assert "trafilatura" not in captured.out


@pytest.mark.parametrize(("args", "message"), [
    (["--config", "rules+bogus"], "unknown configuration"),
    (["--references", "nope"], "unknown reference"),
    (["--config", "rules=/no/such/rules.toml"], "rules.toml"),
    (["--corpus", "/no/such/corpus.jsonl"], "no corpus"),
    (["--split-file", "/no/such/split.json"], "no split file"),
    (["--datasets", "nosuchset"], "no pages"),
    (["--limit", "0"], "--limit"),
    (["--config", "rules", "--config", "rules"], "twice"),
])
def test_cli_errors_are_one_line(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench("run", *FILES, "--references", "none", *args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("cleaner bench: error:") and message in err[-1]
    assert not any("Traceback" in line for line in err)


def test_cli_prepare_is_a_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        bench("prepare", "--help")
    assert exit_info.value.code == 0
    assert "usage: cleaner bench prepare" in capsys.readouterr().out
