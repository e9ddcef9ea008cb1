"""Corpus preparation on the hand-written fixture datasets, the split by site, and the CLI."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest

from cleaner.bench import corpus, prepare as prepare_cli, split
from cleaner.bench.corpus import load, prepare, read_gold, report_path, site_of

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "web-cleaning"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, corpus.PrepareReport]:
    out = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    return out, prepare(DATA, out, jobs=1)


def _pages(out: Path) -> dict[str, corpus.Page]:
    return {page.page_id: page for page in load(out)}


def test_kept_pages_have_one_label_and_flag_per_line(prepared):
    out, report = prepared
    pages = _pages(out)
    assert set(pages) == {"cleaneval-dev/1", "dragnet/1", "dragnet/2", "l3s-gn1/a"}
    for page in pages.values():
        assert len(page.lines) == len(page.labels) == len(page.content)
        assert page.html_path == f"{page.dataset}/input/{page.page_id.split('/')[1]}.html"
        assert (DATA / page.html_path).is_file()
        assert all((label == "blank") == (not line.strip()) for line, label in zip(page.lines, page.labels))
        assert 0.9 <= page.confidence <= 1.0
    assert report.kept == {"cleaneval-dev": 1, "dragnet": 2, "l3s-gn1": 1}


def test_cleaneval_page_content_lines(prepared):
    page = _pages(prepared[0])["cleaneval-dev/1"]
    kept = [line for line, c in zip(page.lines, page.content) if c]
    assert kept[0] == "Ferry timetable changes from May"
    assert kept[-2:] == ["Weekday fare: two pounds", "Weekend fare: three pounds"]
    assert not any("Home" in line or "Facebook" in line or "Copyright" in line for line in kept)
    assert set(page.labels) == {"body", "other", "blank"}
    assert page.site == "harbour-news.org"
    assert "&amp;" not in page.gold and "<p>" not in page.gold and not page.gold.startswith("URL:")


def test_dragnet_page_decoded_from_latin1_declaration_and_labelled(prepared):
    page = _pages(prepared[0])["dragnet/1"]
    assert "New café opens on Main Street" in page.lines
    by_line = dict(zip(page.lines, page.content))
    assert by_line["New café opens on Main Street"] is True
    assert by_line["By Maria Lopez"] is False
    assert by_line["Bakery closes after forty years"] is False
    assert page.site == "valley-gazette.com"  # canonical link
    assert _pages(prepared[0])["dragnet/2"].site == "trailnotes.org"  # og:url


def test_dragnet_comments_are_gold_by_default_and_named(prepared):
    page = _pages(prepared[0])["dragnet/2"]
    by_line = {line: (label, keep) for line, label, keep in zip(page.lines, page.labels, page.content)}
    assert by_line["Great post, thanks for sharing!"] == ("comments", True)
    assert by_line["A ridge walk in the rain"] == ("body", True)
    assert "Great post" in page.gold


def test_article_only_labels_dragnet_comments_and_leaves_them_out_of_the_gold(tmp_path):
    out = tmp_path / "article.jsonl"
    prepare(DATA, out, jobs=1, datasets=["dragnet"], article_only=True)
    page = _pages(out)["dragnet/2"]
    by_line = {line: (label, keep) for line, label, keep in zip(page.lines, page.labels, page.content)}
    assert by_line["Great post, thanks for sharing!"] == ("comments", False)
    assert by_line["A ridge walk in the rain"] == ("body", True)
    assert "Great post" not in page.gold and "COMMENTS" not in page.gold


@pytest.mark.parametrize("separator", ["!@#$%^&*()  COMMENTS", "!!@#$%^&*()  COMMENTS",
                                       "!@#$%^&*()  COMMNENTS", "!@#$%^&*()", "!@ $%^&*()  COMMENTS",
                                       "!#@$%^&*() COMMENTS", "#$%^&*() COMMENTS"])
def test_dragnet_separator_variants(separator):
    gold = read_gold(f"The article.\n{separator}\nA reader's comment.\n".encode(), article_only=True)
    assert gold.text == "The article." and gold.kind == "plain+comments"
    assert gold.classes == [[2, 2], [5, 5, 5, 5]]
    assert read_gold(f"The article.\n{separator}\n".encode()).classes is None


def test_plain_gold_without_separator_keeps_every_line():
    gold = read_gold(b"Title\n\nBody with 100% of it & more!\n")
    assert gold.lines == ["Title", "Body with 100% of it & more!"] and gold.classes is None


def test_l3s_categories_become_project_labels(prepared):
    page = _pages(prepared[0])["l3s-gn1/a"]
    labels = {line: label for line, label in zip(page.lines, page.labels) if line}
    assert labels["Council approves budget for new library"] == "title"
    assert labels["School roof repairs finished ahead of winter term"] == "related"
    assert labels["Joe wrote: about time, the old library has been falling apart for years."] == "comments"
    assert labels["Photo: the site of the new library, seen from the river."] == "other"  # supplemental
    assert labels["Front page\tSport\tWeather"] == "other"
    content = [line for line, c in zip(page.lines, page.content) if c]
    assert len(content) == 3 and content[0].startswith("Council approves")
    # Gold text is headline and full text only.
    assert "Photo" not in page.gold and "Joe wrote" not in page.gold and "Council approves" in page.gold
    assert page.site == "riverside-post.com"  # most frequent absolute link domain


def test_every_drop_is_reported_with_its_reason(prepared):
    out, report = prepared
    assert report.dropped == {
        "cleaneval-dev": {corpus.NO_GOLD: 1, corpus.EMPTY_GOLD: 1},
        "l3s-gn1": {corpus.LOW_COVERAGE: 1},
    }
    saved = json.loads(report_path(out).read_text())
    assert {d["page_id"]: d["reason"] for d in saved["drops"]} == {
        "cleaneval-dev/2": corpus.EMPTY_GOLD, "cleaneval-dev/3": corpus.NO_GOLD,
        "l3s-gn1/b": corpus.LOW_COVERAGE}
    assert saved["kept"]["dragnet"] == 2
    assert saved["article_only"] is False
    assert "no gold file: 1" in report.summary()


def test_archive_input_gives_the_same_corpus(prepared, tmp_path):
    archive = tmp_path / "web-cleaning.tar.xz"
    with tarfile.open(archive, "w:xz") as tar:
        tar.add(DATA, arcname="web-cleaning")
    out = tmp_path / "from-archive.jsonl"
    prepare(archive, out, jobs=1)
    assert out.read_text() == prepared[0].read_text()


def test_parallel_prepare_gives_the_same_corpus(prepared, tmp_path):
    out = tmp_path / "parallel.jsonl"
    prepare(DATA, out, jobs=2, datasets=["dragnet", "l3s-gn1"])
    expected = [line for line in prepared[0].read_text().splitlines() if '"dataset": "cleaneval' not in line]
    assert out.read_text().splitlines() == expected


@pytest.mark.parametrize(("renderer", "module"), [("html-text", "html_text"), ("inscriptis", "inscriptis")])
def test_third_party_renderers(tmp_path, renderer, module):
    pytest.importorskip(module)
    out = tmp_path / "other.jsonl"
    report = prepare(DATA, out, renderer=renderer, datasets=["dragnet"], jobs=1)
    pages = load(out)
    assert report.kept == {"dragnet": 2} and all(p.renderer == renderer for p in pages)
    assert any(c for p in pages for c in p.content)
    assert all(line == line.strip() for p in pages for line in p.lines)


def test_unknown_renderer_is_an_error(tmp_path):
    with pytest.raises(ValueError):
        prepare(DATA, tmp_path / "x.jsonl", renderer="lynx")


def test_load_filters_by_split_dataset_and_limit(prepared, tmp_path):
    out = prepared[0]
    split_file = tmp_path / "split.json"
    split_file.write_text(json.dumps({"train": ["harbour-news.org", "riverside-post.com"],
                                      "validation": ["valley-gazette.com"], "test": ["trailnotes.org"]}))
    assert [p.page_id for p in load(out, split="validation", split_file=split_file)] == ["dragnet/1"]
    assert {p.page_id for p in load(out, split="train", split_file=split_file)} == {"cleaneval-dev/1", "l3s-gn1/a"}
    assert [p.page_id for p in load(out, datasets=["dragnet"])] == ["dragnet/1", "dragnet/2"]
    # A limit alternates between datasets.
    assert [p.dataset for p in load(out, limit=3)] == ["cleaneval-dev", "dragnet", "l3s-gn1"]


def test_load_rejects_a_malformed_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"dataset": "x"}\n')
    with pytest.raises(ValueError):
        load(bad)


def test_cleaneval_gold_markers_and_url():
    gold = read_gold(b"URL: http://a.org/x\n\n<h>Title here\n<p>First line\nwrapped on.\n<l>* item &amp; more\n")
    assert gold.lines == ["Title here", "First line wrapped on.", "* item & more"]
    assert gold.url == "http://a.org/x" and gold.kind == "cleaneval"


def test_site_fallbacks():
    assert site_of("<p>x</p>", "http://www.news.example.co.uk/a") == "example.co.uk"
    assert site_of('<base href="http://shop.example.com/">') == "example.com"
    links = '<a href="https://twitter.com/x">t</a>' * 5 + '<a href="http://mine.org/a">m</a>' * 3
    assert site_of(links) == "mine.org"
    assert site_of('<a href="http://mine.org/a">m</a>', fallback="readability:7") == "readability:7"
    assert site_of('<link rel="canonical" href="http://fakehost/x">', fallback="f") == "f"


# ---------------------------------------------------------------------------- split

def test_split_is_deterministic_and_by_site():
    sites = {"a": [f"site{i}.org" for i in range(40)], "b": [f"other{i}.com" for i in range(20)] + ["site3.org"]}
    first = split.make_split(sites)
    assert first == split.make_split({k: list(reversed(v)) for k, v in sites.items()})
    every = [s for name in split.SPLITS for s in first[name]]
    assert len(every) == len(set(every)) == 60  # each site in exactly one split
    table = {site: name for name, names in first.items() for site in names}
    for dataset, want in (("a", 6), ("b", 3)):
        got = [table[site] for site in sites[dataset]]
        assert got.count("validation") == want and got.count("test") == want
    assert split.split_of("site3.org") == split.split_of("site3.org")


def test_split_is_stratified_per_dataset():
    sites = {"small": [f"s{i}.net" for i in range(20)], "big": [f"b{i}.com" for i in range(200)]}
    table = {site: name for name, names in split.make_split(sites).items() for site in names}
    small = [table[s] for s in sites["small"]]
    assert small.count("validation") == 3 and small.count("test") == 3


def test_split_file_round_trip_and_lookup(tmp_path):
    path = tmp_path / "split.json"
    split.write_split(path, {"train": ["b.org", "a.org"], "validation": ["c.org"], "test": []})
    table = split.read_split(path)
    assert table == {"a.org": "train", "b.org": "train", "c.org": "validation"}
    assert split.split_of("c.org", table) == "validation"
    assert split.split_of("unknown.org", table) == split.split_of("unknown.org")


def test_committed_split_file_is_valid():
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "split.json"
    table = split.read_split(path)
    assert set(table.values()) == set(split.SPLITS)
    assert len(table) > 1000


# ---------------------------------------------------------------------------- CLI

def test_cli_writes_corpus_and_split(tmp_path, capsys):
    out, split_file = tmp_path / "c.jsonl", tmp_path / "split.json"
    code = prepare_cli.main([str(DATA), "--out", str(out), "--jobs", "1", "--write-split", str(split_file)])
    assert code == 0
    assert len(load(out)) == 4
    table = split.read_split(split_file)
    # Dropped pages' sites are in the split too, so it does not depend on alignment.
    assert {"harbour-news.org", "example.net", "valley-gazette.com"} <= set(table)
    assert "l3s-gn1" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["/no/such/dir"], "no such folder"),
    ([str(DATA), "--limit", "0"], "--limit"),
    ([str(DATA), "--datasets", "nothing-here"], "no pages"),
    ([str(DATA), "--limit", "1", "--write-split"], "--write-split"),
])
def test_cli_errors_are_one_line(tmp_path, capsys, argv, message):
    code = prepare_cli.main([*argv, "--out", str(tmp_path / "c.jsonl"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_cli_article_only(tmp_path):
    out = tmp_path / "c.jsonl"
    assert prepare_cli.main([str(DATA), "--out", str(out), "--jobs", "1", "--datasets", "dragnet",
                             "--article-only", "--quiet"]) == 0
    assert "comments" in _pages(out)["dragnet/2"].labels
    # The report says which gold the corpus holds.
    assert json.loads(report_path(out).read_text())["article_only"] is True
