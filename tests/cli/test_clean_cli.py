"""The command line through real subprocesses: ``python -m cleaner clean`` and ``clean``."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import cleaner

PROSE = ("The talks in Geneva ended without a deal on Friday, and both sides said that they "
         "would meet again next week in the city to try once more for a settlement.")
PROSE2 = ("The minister told the reporters that there was still some hope for a settlement and "
          "that the work of the two teams would go on through the whole of the winter.")
PAGE = f"Skip to content\nMenu\n\n{PROSE}\n\nShare\n\n{PROSE2}\n\nSubscribe\n"
ARTICLE = f"{PROSE}\n\n{PROSE2}\n"
TIMEOUT = 60  # a hang guard only

CLEAN_SCRIPT = shutil.which("clean", path=os.path.dirname(sys.executable))


@pytest.fixture(params=["module", "script"])
def clean_cmd(request: pytest.FixtureRequest) -> list[str]:
    """The command under test, with the hand-set scorer: these tests are about the
    filter's input and output, and what they expect of the article must not hang
    on a trained model's score for a borderline toy line (model quality is tested
    by the golden seeds and measured by the bench). A later --model wins."""
    if request.param == "module":
        return [sys.executable, "-m", "cleaner", "clean", "--model", "heuristic"]
    if CLEAN_SCRIPT is None:
        pytest.skip("the 'clean' script is not installed next to sys.executable")
    return [CLEAN_SCRIPT, "--model", "heuristic"]


def run(cmd: list[str], *args: str | Path, stdin: bytes = b"",
        cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    proc = subprocess.run([*cmd, *map(str, args)], input=stdin, capture_output=True,
                          timeout=TIMEOUT, cwd=cwd)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")
    return proc


def cleaner_cmd() -> list[str]:
    return [sys.executable, "-m", "cleaner"]


def stderr_lines(proc: subprocess.CompletedProcess[bytes]) -> list[str]:
    return proc.stderr.decode("utf-8").splitlines()


# --- plain cleaning ---------------------------------------------------------------------

def test_stdin_to_stdout(clean_cmd: list[str]) -> None:
    proc = run(clean_cmd, stdin=PAGE.encode())
    assert proc.returncode == 0
    assert proc.stdout.decode() == ARTICLE
    assert proc.stderr == b""
    assert proc.stdout.decode() == cleaner.clean(PAGE, model="heuristic") + "\n"


def test_dash_is_stdin(clean_cmd: list[str]) -> None:
    assert run(clean_cmd, "-", stdin=PAGE.encode()).stdout.decode() == ARTICLE


def test_file(clean_cmd: list[str], tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    proc = run(clean_cmd, path)
    assert (proc.returncode, proc.stdout.decode()) == (0, ARTICLE)


def test_several_files(clean_cmd: list[str], tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(PAGE, encoding="utf-8")
    b.write_text(f"Menu\n{PROSE2}\n", encoding="utf-8")
    proc = run(clean_cmd, a, b)
    assert proc.returncode == 0
    assert proc.stdout.decode() == f"{ARTICLE}\n{PROSE2}\n"


def test_missing_file_is_reported_and_the_rest_cleaned(clean_cmd: list[str],
                                                       tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text(PAGE, encoding="utf-8")
    proc = run(clean_cmd, a, tmp_path / "missing.txt", a)
    assert proc.returncode == 1
    assert proc.stdout.decode() == ARTICLE + "\n" + ARTICLE
    err = stderr_lines(proc)
    assert len(err) == 1 and "missing.txt" in err[0] and err[0].startswith("clean: error: ")


@pytest.mark.parametrize("first", ["missing.txt", "empty.txt"])
def test_no_leading_blank_line_when_the_first_file_gives_nothing(clean_cmd: list[str],
                                                                 tmp_path: Path,
                                                                 first: str) -> None:
    (tmp_path / "empty.txt").write_text("Menu\n", encoding="utf-8")
    a = tmp_path / "a.txt"
    a.write_text(PAGE, encoding="utf-8")
    proc = run(clean_cmd, tmp_path / first, a)
    assert proc.stdout.decode() == ARTICLE


def test_crlf_input_gives_lf_output(clean_cmd: list[str]) -> None:
    proc = run(clean_cmd, stdin=PAGE.replace("\n", "\r\n").encode())
    assert proc.stdout.decode() == ARTICLE


def test_invalid_utf8_bytes(clean_cmd: list[str]) -> None:
    text = ("Caf\u00e9 talks in Geneva ended without a deal, and both sides said that they would "
            "meet again next week in the caf\u00e9 of the old city.")
    proc = run(clean_cmd, "--no-title", stdin=("Menu\n" + text + "\n").encode("cp1252"))
    assert proc.returncode == 0
    assert proc.stdout.decode("utf-8") == text + "\n"  # read as cp1252, written as UTF-8


def test_bytes_that_fit_no_encoding(clean_cmd: list[str]) -> None:
    proc = run(clean_cmd, "--no-title", stdin=PROSE.encode() + b" \x81\x8d\n")
    assert proc.returncode == 0
    out = proc.stdout.decode("utf-8")  # valid UTF-8 whatever came in
    assert out.startswith(PROSE) and "\ufffd" in out


def test_utf16_with_bom(clean_cmd: list[str]) -> None:
    proc = run(clean_cmd, stdin=PAGE.encode("utf-16"))
    assert (proc.returncode, proc.stdout.decode()) == (0, ARTICLE)


def test_binary_input_is_refused(clean_cmd: list[str]) -> None:
    proc = run(clean_cmd, stdin=b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" * 10)
    assert proc.returncode == 1
    assert proc.stdout == b""
    assert len(stderr_lines(proc)) == 1 and "binary" in proc.stderr.decode()


@pytest.mark.parametrize("data", [b"", b"\n\n\n", b"   \n"])
def test_empty_input(clean_cmd: list[str], data: bytes) -> None:
    proc = run(clean_cmd, stdin=data)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"")


def test_title_byline_options(clean_cmd: list[str]) -> None:
    page = f"Talks in Geneva end without a deal\nBy John Smith\n\n{PROSE}\n".encode()
    cmd = [*clean_cmd, "--model", "heuristic"]
    assert run(cmd, stdin=page).stdout.decode() == \
        f"Talks in Geneva end without a deal\nBy John Smith\n\n{PROSE}\n"
    assert run(cmd, "--no-title", stdin=page).stdout.decode() == f"By John Smith\n\n{PROSE}\n"
    assert run(cmd, "--no-byline", stdin=page).stdout.decode() == \
        f"Talks in Geneva end without a deal\n\n{PROSE}\n"


STORY = (f"Bridge to close for a year of repairs\n\nBy Ann Lee, March 3, 2012\n\n{PROSE}\n\n"
           "Repairs are expected to take at least a year, and a ferry will run between the two "
           "banks in the meantime, the council said in a statement on Tuesday.\n")
THREAD = ("\n12 Comments\n\nJohn Smith says:\nMarch 3, 2012 at 4:15 pm\n"
          "About time! I have been saying for years that this bridge was falling apart, and "
          "nobody in the council would listen to us.\nReply\n\nMary Jones says:\n"
          "March 3, 2012 at 6:40 pm\nI drive over it every day to get to work, so this is going "
          "to be a nightmare for my family. Why can't they keep one lane open?\nReply\n\n"
          "Leave a Reply\n")


def test_comments_option(clean_cmd: list[str]) -> None:
    # Telling comments from the article is the trained model's (the heuristic names none).
    cmd = [*clean_cmd, "--model", "default"]
    page = (STORY + THREAD).encode()
    kept = run(cmd, "--comments", stdin=page).stdout.decode()
    assert "About time!" in kept and "one lane open?" in kept and "Leave a Reply" not in kept
    # The article alone is the default.
    assert run(cmd, stdin=page).stdout.decode() == STORY
    assert run(cmd, "--no-comments", stdin=page).stdout.decode() == STORY
    explained = run(cmd, "--comments", "--explain", stdin=page).stdout.decode().splitlines()
    assert "keep comments" in next(row for row in explained if "About time!" in row)
    explained = run(cmd, "--explain", stdin=page).stdout.decode().splitlines()
    assert "drop comments" in next(row for row in explained if "About time!" in row)
    # A scorer without a comments head names no comments: the option changes nothing.
    assert run(clean_cmd, "--comments", stdin=page).stdout == run(clean_cmd, stdin=page).stdout


def test_site_option(clean_cmd: list[str]) -> None:
    page = f"Explaining Ukraine with Kate Tsurkan\n{PROSE}\n"
    generic = run(clean_cmd, "--explain", stdin=page.encode()).stdout.decode()
    site = run(clean_cmd, "--explain", "--site", "https://kyivindependent.com/a",
               stdin=page.encode()).stdout.decode()
    assert "site.kyivindependent" not in generic
    assert "site.kyivindependent.newsletter-names" in site.splitlines()[0]


def test_bad_threshold(clean_cmd: list[str]) -> None:
    proc = run(clean_cmd, "--threshold", "2", stdin=b"x")
    assert proc.returncode == 2
    assert len(stderr_lines(proc)) == 1 and "threshold" in proc.stderr.decode()


def test_bad_model(clean_cmd: list[str]) -> None:
    proc = run(clean_cmd, "--model", "/nonexistent/model.json", stdin=b"x")
    assert proc.returncode == 2
    assert len(stderr_lines(proc)) == 1 and "model.json" in proc.stderr.decode()


# --- --explain and --json ----------------------------------------------------------------

def test_explain_has_one_row_per_input_line(clean_cmd: list[str]) -> None:
    page = PAGE + "odd\rbreaks\u2028here\u2029and\x0cthere\n\u00a0\n"
    proc = run(clean_cmd, "--explain", stdin=page.encode())
    assert proc.returncode == 0
    rows = proc.stdout.decode().split("\n")
    assert rows[-1] == ""
    rows = rows[:-1]
    inputs = page.splitlines()
    assert len(rows) == len(inputs)
    for n, (row, line) in enumerate(zip(rows, inputs)):
        index, verdict, label = row.split()[:3]
        assert int(index) == n
        assert verdict in ("keep", "drop")
        assert row.endswith("| " + line)
    assert rows[0].split()[1:3] == ["drop", "navigation"]
    assert "navigation.skip-links" in rows[0]
    assert rows[3].split()[1:3] == ["keep", "body"]


def test_explain_several_files(clean_cmd: list[str], tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Menu\nShare\n", encoding="utf-8")
    b.write_text("Subscribe\n", encoding="utf-8")
    out = run(clean_cmd, "--explain", a, b).stdout.decode().splitlines()
    assert out[0] == f"==> {a} <=="
    assert out[3] == f"==> {b} <=="
    assert len(out) == 5


def test_json(clean_cmd: list[str], tmp_path: Path) -> None:
    proc = run(clean_cmd, "--json", stdin=PAGE.encode())
    records = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert len(records) == 1
    assert records[0]["text"] + "\n" == ARTICLE
    assert len(records[0]["lines"]) == len(PAGE.splitlines())
    assert "file" not in records[0]
    a = tmp_path / "a.txt"
    a.write_text(PAGE, encoding="utf-8")
    proc = run(clean_cmd, "--json", a, a)
    records = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert [r["file"] for r in records] == [str(a), str(a)]


def test_modes_are_exclusive(clean_cmd: list[str]) -> None:
    proc = run(clean_cmd, "--json", "--explain", stdin=b"")
    assert proc.returncode == 2


# --- --jsonl ------------------------------------------------------------------------------

def jsonl_input() -> bytes:
    lines = [
        json.dumps({"id": 1, "text": PAGE}),
        "not json at all",
        "",  # a blank line is not a record
        json.dumps({"id": 3, "body": "no text field"}),
        json.dumps({"id": 4, "text": 42}),
        json.dumps([1, 2, 3]),
        json.dumps({"id": 6, "text": "Share\nMenu"}),
        '{"id": 7, "text": "trunc',
        json.dumps({"id": 8, "text": PROSE}, ensure_ascii=False),
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_jsonl_record_count_is_preserved(clean_cmd: list[str]) -> None:
    proc = run(clean_cmd, "--jsonl", "--no-title", stdin=jsonl_input())
    assert proc.returncode == 1
    out = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert len(out) == 8
    assert out[0] == {"id": 1, "text": ARTICLE.rstrip("\n")}
    assert "invalid JSON" in out[1]["error"] and out[1]["raw"] == "not json at all"
    assert out[2]["id"] == 3 and "text" in out[2]["error"] and out[2]["body"] == "no text field"
    assert out[3]["id"] == 4 and "error" in out[3] and out[3]["text"] == 42
    assert "error" in out[4] and out[4]["raw"] == [1, 2, 3]
    assert out[5] == {"id": 6, "text": ""}
    assert "invalid JSON" in out[6]["error"]
    assert out[7] == {"id": 8, "text": PROSE}
    err = stderr_lines(proc)
    assert len(err) == 5
    assert all(line.startswith("clean: error: -: record ") for line in err)
    assert [line.split("record ")[1].split(":")[0] for line in err] == ["2", "3", "4", "5", "7"]


def test_jsonl_all_good_exits_zero(clean_cmd: list[str], tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(json.dumps({"text": t}) for t in [PAGE, "", PROSE]) + "\n",
                    encoding="utf-8")
    proc = run(clean_cmd, "--jsonl", path)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert len(proc.stdout.decode().splitlines()) == 3


def test_jsonl_field_and_out_field(clean_cmd: list[str]) -> None:
    data = (json.dumps({"page": PAGE, "meta": {"a": 1}}) + "\n").encode()
    proc = run(clean_cmd, "--jsonl", "--field", "page", "--out-field", "article", stdin=data)
    assert proc.returncode == 0
    (record,) = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert record == {"page": PAGE, "meta": {"a": 1}, "article": ARTICLE.rstrip("\n")}
    proc = run(clean_cmd, "--jsonl", "--field", "page", stdin=data)
    (record,) = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert record["page"] == ARTICLE.rstrip("\n")


def test_jsonl_crlf_and_invalid_utf8_records(clean_cmd: list[str]) -> None:
    good = json.dumps({"text": PROSE}).encode()
    data = good + b"\r\n" + b'{"text": "caf\xe9 ' + PROSE.encode() + b'"}\r\n'
    proc = run(clean_cmd, "--jsonl", stdin=data)
    out = [json.loads(x) for x in proc.stdout.decode("utf-8").splitlines()]
    assert len(out) == 2
    assert out[0]["text"] == PROSE
    assert out[1]["text"].startswith("caf\u00e9 ")


# --- broken pipe ----------------------------------------------------------------------------

@pytest.mark.parametrize("mode", [[], ["--explain"], ["--jsonl"]])
def test_broken_pipe_is_quiet(clean_cmd: list[str], tmp_path: Path, mode: list[str]) -> None:
    big = tmp_path / "big.txt"
    if mode == ["--jsonl"]:
        big.write_text("".join(json.dumps({"text": PAGE}) + "\n" for _ in range(3000)))
    else:
        big.write_text((PAGE + "\n") * 3000, encoding="utf-8")
    proc = subprocess.Popen([*clean_cmd, *mode, str(big)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    assert first
    proc.stdout.close()  # `| head -1`
    try:
        err = proc.stderr.read()
        code = proc.wait(timeout=TIMEOUT)
    finally:
        proc.kill()
    assert b"Traceback" not in err and b"BrokenPipeError" not in err, err.decode()
    assert err == b""
    assert code in (0, -signal.SIGPIPE, 128 + signal.SIGPIPE)


def test_broken_pipe_through_a_shell(tmp_path: Path) -> None:
    if CLEAN_SCRIPT is None:
        pytest.skip("the 'clean' script is not installed")
    big = tmp_path / "big.txt"
    big.write_text((PAGE + "\n") * 3000, encoding="utf-8")
    proc = subprocess.run(f'"{CLEAN_SCRIPT}" "{big}" | head -1', shell=True, capture_output=True,
                          timeout=TIMEOUT)
    # Which of a page repeated 3,000 times the model keeps first is the model's
    # business; what this test pins is one clean line out and nothing on stderr.
    assert proc.stdout.decode() in (PROSE + "\n", PROSE2 + "\n")
    assert proc.stderr == b""


# --- rule files -------------------------------------------------------------------------------

def test_user_rule_file(clean_cmd: list[str], tmp_path: Path) -> None:
    rules = tmp_path / "mine.toml"
    rules.write_text('disable = ["navigation.*"]\n[[rules]]\nid = "mine.promo"\nlabel = "ads"\n'
                     'description = "promo codes"\nphrases = ["use code save20"]\n')
    proc = run(clean_cmd, "--rules", rules, "--explain",
               stdin=b"Use code SAVE20\nSkip to content\n")
    rows = proc.stdout.decode().splitlines()
    assert proc.returncode == 0
    assert "ads" in rows[0] and "mine.promo" in rows[0]
    assert "navigation" not in rows[1]


def test_invalid_rule_file(clean_cmd: list[str], tmp_path: Path) -> None:
    rules = tmp_path / "broken.toml"
    rules.write_text('[[rules]]\nid = "mine.bad"\nlabel = "adverts"\ndescription = "d"\n'
                     'phrases = ["x"]\n')
    proc = run(clean_cmd, "--rules", rules, stdin=PAGE.encode())
    assert proc.returncode == 2
    assert proc.stdout == b""
    (line,) = stderr_lines(proc)
    assert str(rules) in line and "mine.bad" in line and "adverts" in line
    assert line.startswith("clean: error: ")


def test_invalid_rule_regex(clean_cmd: list[str], tmp_path: Path) -> None:
    rules = tmp_path / "regex.toml"
    rules.write_text('[[rules]]\nid = "mine.re"\nlabel = "ads"\ndescription = "d"\n'
                     "pattern = '(unclosed'\n")
    proc = run(clean_cmd, "--rules", rules, stdin=PAGE.encode())
    assert proc.returncode == 2
    (line,) = stderr_lines(proc)
    assert str(rules) in line and "mine.re" in line


def test_invalid_toml(clean_cmd: list[str], tmp_path: Path) -> None:
    rules = tmp_path / "toml.toml"
    rules.write_text("[[rules]\nid=")
    proc = run(clean_cmd, "--rules", rules, stdin=PAGE.encode())
    assert proc.returncode == 2
    (line,) = stderr_lines(proc)
    assert str(rules) in line and "TOML" in line


def test_missing_rule_file(clean_cmd: list[str], tmp_path: Path) -> None:
    proc = run(clean_cmd, "--rules", tmp_path / "nope.toml", stdin=PAGE.encode())
    assert proc.returncode == 2
    assert proc.stdout == b""
    (line,) = stderr_lines(proc)
    assert "nope.toml" in line and "cannot read" in line


def test_catastrophic_user_rule_finishes_and_warns(clean_cmd: list[str], tmp_path: Path) -> None:
    rules = tmp_path / "evil.toml"
    rules.write_text('[[rules]]\nid = "mine.evil"\nlabel = "ads"\ndescription = "d"\n'
                     "pattern = '^(a|aa)+$'\n")
    evil = "a" * 80 + "!"
    page = "\n".join([evil, PROSE, evil, "", PROSE2, evil] * 3) + "\n"
    proc = run(clean_cmd, "--rules", rules, "--no-title", stdin=page.encode())  # timeout=60
    assert proc.returncode == 0
    warnings = stderr_lines(proc)
    assert len(warnings) == 1  # warned once, not once per line
    assert warnings[0].startswith("clean: warning: ") and "mine.evil" in warnings[0]
    assert "timed out" in warnings[0]
    assert PROSE in proc.stdout.decode() and PROSE2 in proc.stdout.decode()


def test_catastrophic_user_rule_in_jsonl(clean_cmd: list[str], tmp_path: Path) -> None:
    rules = tmp_path / "evil2.toml"
    rules.write_text('[[rules]]\nid = "mine.evil2"\nlabel = "ads"\ndescription = "d"\n'
                     "pattern = '^(a|aa)+$'\n")
    data = "".join(json.dumps({"text": "a" * 80 + "!\n" + PROSE}) + "\n" for _ in range(5))
    proc = run(clean_cmd, "--jsonl", "--rules", rules, stdin=data.encode())
    assert proc.returncode == 0
    assert len(proc.stdout.decode().splitlines()) == 5
    assert len(stderr_lines(proc)) == 1 and "mine.evil2" in proc.stderr.decode()


# --- version, help, the cleaner command -----------------------------------------------------------

def test_version(clean_cmd: list[str]) -> None:
    proc = run(clean_cmd, "--version")
    assert proc.returncode == 0
    assert cleaner.__version__ in proc.stdout.decode()


def test_cleaner_version() -> None:
    proc = run(cleaner_cmd(), "--version")
    assert proc.returncode == 0 and proc.stdout.decode().strip() == f"cleaner {cleaner.__version__}"


def test_help_mentions_examples(clean_cmd: list[str]) -> None:
    proc = run(clean_cmd, "--help")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert "examples:" in out
    assert "--jsonl" in out and "--explain" in out and "exit status" in out


def test_unknown_option(clean_cmd: list[str]) -> None:
    proc = run(clean_cmd, "--frobnicate", stdin=b"")
    assert proc.returncode == 2
    assert "frobnicate" in proc.stderr.decode()


def test_rules_test_exits_zero() -> None:
    proc = run(cleaner_cmd(), "rules", "test")
    assert proc.returncode == 0, proc.stdout.decode()
    last = proc.stdout.decode().splitlines()[-1]
    assert last.endswith(" 0 failures")


def test_rules_test_fails_on_a_bad_example(tmp_path: Path) -> None:
    rules = tmp_path / "ex.toml"
    rules.write_text('[[rules]]\nid = "mine.ex"\nlabel = "ads"\ndescription = "d"\n'
                     'phrases = ["buy now"]\nexamples = ["Sell now"]\n')
    proc = run(cleaner_cmd(), "rules", "test", "--rules", rules)
    assert proc.returncode == 1
    assert "mine.ex" in proc.stdout.decode() and "Sell now" in proc.stdout.decode()


def test_rules_check_and_list(tmp_path: Path) -> None:
    proc = run(cleaner_cmd(), "rules", "check")
    assert proc.returncode == 0 and proc.stdout.decode().startswith("ok: ")
    proc = run(cleaner_cmd(), "rules", "list")
    assert proc.returncode == 0 and "navigation.skip-links" in proc.stdout.decode()
    assert "site.kyivindependent" not in proc.stdout.decode()
    proc = run(cleaner_cmd(), "rules", "list", "--site", "kyivindependent.com")
    assert "site.kyivindependent" in proc.stdout.decode()
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rules]]\nid = "mine.bad"\nlabel = "nope"\ndescription = "d"\nphrases=["x"]\n')
    proc = run(cleaner_cmd(), "rules", "check", "--rules", bad)
    assert proc.returncode == 2
    (line,) = stderr_lines(proc)
    assert "mine.bad" in line and str(bad) in line


def test_cleaner_labels_lists_all_labels() -> None:
    proc = run(cleaner_cmd(), "labels")
    assert proc.returncode == 0
    rows = proc.stdout.decode().splitlines()
    assert [row.split()[0] for row in rows] == [label.value for label in cleaner.Label]
    assert all(len(row.split()) > 1 for row in rows)


def test_cleaner_without_command_is_a_usage_error() -> None:
    proc = run(cleaner_cmd())
    assert proc.returncode == 2
    assert "usage" in proc.stderr.decode().lower()


def test_cleaner_clean_subcommand_help() -> None:
    proc = run(cleaner_cmd(), "clean", "--help")
    assert proc.returncode == 0 and "examples:" in proc.stdout.decode()


# --- --templates --------------------------------------------------------------------------

BIO = ("Jane writes about gardens and the weather from a small town by the sea.\n"
       "She lives there with two cats, a boat and far too many books.")


def templated_records() -> list[dict]:
    """Three pages of one site sharing a bio block, one page of another site with it,
    and a record that cannot be cleaned."""
    pages = [f"{PROSE} Item {n}.\n\n{BIO}" for n in range(4)]
    return ([{"url": f"https://www.example.org/{n}", "text": pages[n]} for n in range(3)]
            + [{"url": "https://other.org/x", "text": pages[3]}, {"url": "https://example.org/y"}])


def test_templates_drop_what_a_site_repeats(clean_cmd: list[str], tmp_path: Path) -> None:
    records = templated_records()
    data = ("\n".join(json.dumps(r) for r in records) + "\n").encode()
    proc = run(clean_cmd, "--jsonl", "--templates", stdin=data)
    assert proc.returncode == 1  # the record without text
    out = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert len(out) == len(records)
    assert [r["text"] for r in out[:3]] == [f"{PROSE} Item {n}." for n in range(3)]
    assert out[3]["text"] == records[3]["text"]  # another site: its bio is its own
    assert "error" in out[4]
    # The same from a file, and nothing dropped without --templates.
    path = tmp_path / "crawl.jsonl"
    path.write_bytes(data)
    assert run(clean_cmd, "--jsonl", "--templates", path).stdout == proc.stdout
    plain = [json.loads(x) for x in run(clean_cmd, "--jsonl", stdin=data).stdout.decode().splitlines()]
    assert [r["text"] for r in plain[:4]] == [r["text"] for r in records[:4]]


def test_templates_url_field_and_files(clean_cmd: list[str], tmp_path: Path) -> None:
    records = [{"link": r["url"], "text": r["text"]} for r in templated_records()[:4]]
    data = ("\n".join(json.dumps(r) for r in records) + "\n").encode()
    out = run(clean_cmd, "--jsonl", "--templates", "--url-field", "link", stdin=data).stdout
    assert [json.loads(x)["text"] for x in out.decode().splitlines()][0] == f"{PROSE} Item 0."
    # Files: one site for all (or --site's).
    names = []
    for n, record in enumerate(records[:3]):
        names.append(tmp_path / f"{n}.txt")
        names[-1].write_text(record["text"], encoding="utf-8")
    proc = run(clean_cmd, "--templates", *names)
    assert proc.returncode == 0
    assert proc.stdout.decode() == "\n\n".join(f"{PROSE} Item {n}." for n in range(3)) + "\n"
