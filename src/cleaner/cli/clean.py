"""The ``clean`` command: a Unix filter from scraped page text to article text."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO

from cleaner import __version__
from cleaner.cli.errors import (
    EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, CommandError, die_quietly_on_broken_pipe, report,
)
from cleaner.cli.explain import explain_table
from cleaner.decode import decode_bytes, looks_binary
from cleaner.pipeline import Cleaner
from cleaner.result import Analysis
from cleaner.rules.schema import RuleError
from cleaner.templates import SiteTemplates

PROG = "clean"
#: ``--templates`` reads standard input twice, so keeps a copy: in memory up to
#: this size, beyond it in a temporary file (a crawl piped in can be larger than memory).
STDIN_SPOOL_BYTES = 64 * 2**20

EXAMPLES = """\
examples:
  clean page.txt                         print the article of page.txt
  cat page.txt | clean > article.txt     as a filter
  clean --explain page.txt               every line with its label and the rule or score behind it
  clean --json page.txt                  the full analysis as JSON
  clean --jsonl --field text < pages.jsonl > cleaned.jsonl
  clean --rules my.toml --site kyivindependent.com page.txt
  clean --jsonl --templates --url-field url crawl.jsonl > cleaned.jsonl

input is read as bytes and decoded as UTF-8 (a BOM is honoured); text that is
not UTF-8 is read as cp1252, and bytes that fit neither become U+FFFD.
exit status: 0 ok; 1 some input could not be cleaned (see stderr, and the
error field of JSONL records, binary input); 2 usage error or invalid rule/model file.
"""


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    """The options of ``clean`` (also used by ``cleaner clean``)."""
    if parser is None:
        parser = argparse.ArgumentParser(
            prog=PROG, description="Print the article of scraped page text, dropping the chrome.",
            epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="text files to clean (default: standard input; '-' is stdin)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--explain", action="store_true",
                      help="print every input line with keep/drop, label, score and reasons")
    mode.add_argument("--json", action="store_true",
                      help="print the analysis of each input as one JSON object per line")
    mode.add_argument("--jsonl", action="store_true",
                      help="input is JSON Lines; clean FIELD of each record, one record out per record in")
    parser.add_argument("--field", default="text", help="JSONL field holding the page text (default: text)")
    parser.add_argument("--out-field", help="JSONL field to write the article to (default: --field)")
    parser.add_argument("--rules", action="append", default=[], metavar="FILE",
                        help="user rule file (TOML) adding, overriding or disabling rules; repeatable")
    parser.add_argument("--no-builtin", action="store_true", help="do not use the built-in rule packs")
    parser.add_argument("--site", help="domain or URL of the pages: adds that site's built-in rule pack")
    parser.add_argument("--model", default="default",
                        help="'default', 'fast', 'heuristic', 'none' or a model file (default: default)")
    parser.add_argument("--threshold", type=float, default=None,
                        help="content probability a line needs to be kept (default: with a "
                             "trained model, each page its own, the one that gives the page the "
                             "most expected precision plus recall; 0.5 for the heuristic)")
    title = parser.add_mutually_exclusive_group()
    title.add_argument("--title", dest="title", action="store_true", default=True,
                       help="keep the headline (default)")
    title.add_argument("--no-title", dest="title", action="store_false", help="drop the headline")
    byline = parser.add_mutually_exclusive_group()
    byline.add_argument("--byline", dest="byline", action="store_true", default=True,
                        help="keep the article's author/date/reading-time lines (default)")
    byline.add_argument("--no-byline", dest="byline", action="store_false",
                        help="drop author/date/reading-time lines")
    comments = parser.add_mutually_exclusive_group()
    comments.add_argument("--comments", dest="comments", action="store_true", default=False,
                          help="keep reader comments")
    comments.add_argument("--no-comments", dest="comments", action="store_false",
                          help="drop the lines below a comments header that the model takes "
                               "for reader comments: the article alone (default)")
    parser.add_argument("--no-fallback", dest="fallback", action="store_false",
                        help="return nothing for a page where no line reaches the threshold "
                             "(default: keep the lines scoring close to the page's best)")
    parser.add_argument("--templates", action="store_true",
                        help="two passes: count the lines of all inputs by site first, then drop "
                             "the lines each site repeats on many pages (its template); reads "
                             f"standard input whole (to a temporary file past {STDIN_SPOOL_BYTES >> 20} MB) "
                             "before writing")
    parser.add_argument("--url-field", default="url",
                        help="JSONL field holding the page's URL or domain, for --templates "
                             "(default: url; a record without one counts under --site)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``clean``; returns the exit status."""
    die_quietly_on_broken_pipe()
    args = build_parser().parse_args(argv)
    return run(args)


def run(args: argparse.Namespace) -> int:
    """Clean what ``args`` names and write it to stdout."""
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        report(PROG, "error", f"--threshold must be between 0 and 1 (got {args.threshold})")
        return EXIT_USAGE
    names = args.files or ["-"]
    stdin = None
    if args.templates and "-" in names:
        try:
            stdin = _spool(sys.stdin.buffer)
        except OSError as exc:
            report(PROG, "error", f"cannot keep standard input for --templates: {exc.strerror or exc}")
            return EXIT_PARTIAL
    try:
        return _clean(args, names, stdin)
    finally:
        if stdin is not None:
            stdin.close()


def _spool(stream: BinaryIO, max_size: int = STDIN_SPOOL_BYTES) -> BinaryIO:
    """A rewound copy of ``stream``, in memory up to ``max_size`` bytes, else in a temporary file.

    >>> import io
    >>> copy = _spool(io.BytesIO(b'{"text": "a"}\\n'), max_size=4)
    >>> copy.read()
    b'{"text": "a"}\\n'
    >>> copy.close()
    """
    copy = tempfile.SpooledTemporaryFile(max_size=max_size)  # noqa: SIM115 - the caller closes it
    shutil.copyfileobj(stream, copy)
    copy.seek(0)
    return copy  # type: ignore[return-value]


def _clean(args: argparse.Namespace, names: Sequence[str], stdin: BinaryIO | None) -> int:
    templates = _learn_templates(args, names, stdin) if args.templates else None
    cleaner = Cleaner(rules=args.rules, builtin=not args.no_builtin, site=args.site,
                      model=args.model, threshold=args.threshold, title=args.title,
                      byline=args.byline, comments=args.comments, fallback=args.fallback,
                      templates=templates)
    warned: set[str] = set()
    try:
        cleaner.ruleset  # noqa: B018 - load rule files up front so a bad one fails before any output
        cleaner.scorer  # noqa: B018
        if args.jsonl:
            return _run_jsonl(cleaner, args, names, stdin, warned)
        return _run_documents(cleaner, args, names, stdin, warned)
    except (RuleError, ValueError) as exc:
        report(PROG, "error", str(exc))
        return EXIT_USAGE
    except CommandError as exc:
        report(PROG, "error", str(exc))
        return exc.code
    except KeyboardInterrupt:
        return 130


def _learn_templates(args: argparse.Namespace, names: Sequence[str],
                     stdin: BinaryIO | None) -> SiteTemplates:
    """The first pass of ``--templates``: every page's lines, counted by site. Input
    that cannot be read or cleaned is skipped here and reported in the second pass."""
    templates = SiteTemplates()
    for _, stream in _inputs(names, [], stdin, quiet=True):
        if not args.jsonl:
            data = stream.read()
            if not looks_binary(data):
                templates.add(decode_bytes(data), args.site)
            continue
        for raw in _records(stream):
            record, error = _read_record(raw, args.field)
            if not error:
                templates.add(record[args.field], _record_url(record, args.url_field) or args.site)
    if stdin is not None:
        stdin.seek(0)
    return templates


def _run_documents(cleaner: Cleaner, args: argparse.Namespace, names: Sequence[str],
                   stdin: BinaryIO | None, warned: set[str]) -> int:
    status = EXIT_OK
    out = sys.stdout
    printed = False
    unreadable: list[str] = []
    for name, stream in _inputs(names, unreadable, stdin):
        try:
            data = stream.read()
        except OSError as exc:
            report(PROG, "error", f"{name}: {exc.strerror or exc}")
            unreadable.append(name)
            continue
        if looks_binary(data):
            report(PROG, "error", f"{name}: input looks like binary data, not text; skipped")
            status = EXIT_PARTIAL
            continue
        analysis = cleaner.analyze(decode_bytes(data))
        _warn(analysis, warned)
        if args.json:
            record: dict[str, Any] = {"file": name} if args.files else {}
            record.update(analysis.to_dict())
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif args.explain:
            if len(names) > 1:
                out.write(f"==> {name} <==\n")
            out.write(explain_table(analysis) + "\n")
        else:
            text = analysis.text
            if text:
                # Articles of several files are separated by one blank line.
                out.write(("\n" if printed else "") + text + "\n")
                printed = True
        out.flush()
    return EXIT_PARTIAL if unreadable else status


def _run_jsonl(cleaner: Cleaner, args: argparse.Namespace, names: Sequence[str],
               stdin: BinaryIO | None, warned: set[str]) -> int:
    status = EXIT_OK
    out_field = args.out_field or args.field
    unreadable: list[str] = []
    for name, stream in _inputs(names, unreadable, stdin):
        for number, raw in enumerate(_records(stream), 1):
            record, error = _clean_record(cleaner, raw, args, out_field, warned)
            if error:
                status = EXIT_PARTIAL
                report(PROG, "error", f"{name}: record {number}: {error}")
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return EXIT_PARTIAL if unreadable else status


def _clean_record(cleaner: Cleaner, raw: bytes, args: argparse.Namespace, out_field: str,
                  warned: set[str]) -> tuple[dict[str, Any], str]:
    """Clean one JSONL record; a record that cannot be cleaned comes back with an error."""
    record, error = _read_record(raw, args.field)
    if error:
        return record, error
    analysis = cleaner.analyze(record[args.field], url=_record_url(record, args.url_field))
    _warn(analysis, warned)
    record[out_field] = analysis.text
    return record, ""


def _read_record(raw: bytes, field: str) -> tuple[dict[str, Any], str]:
    """A JSONL record with its page text in ``field``, or, where it has none, why not
    (and the record that says so in its ``error`` field)."""
    line = decode_bytes(raw)
    try:
        record = json.loads(line)
    except ValueError as exc:
        return {"error": f"invalid JSON: {exc}", "raw": line}, f"invalid JSON: {exc}"
    if not isinstance(record, dict):
        return {"error": "record is not a JSON object", "raw": record}, "record is not a JSON object"
    if not isinstance(record.get(field), str):
        error = f"field {field!r} is missing or not a string"
        record["error"] = error
        return record, error
    return record, ""


def _record_url(record: dict[str, Any], url_field: str) -> str | None:
    url = record.get(url_field)
    return url if isinstance(url, str) and url else None


def _records(stream: BinaryIO) -> Iterator[bytes]:
    """Non-blank lines of a JSONL stream; blank lines are not records."""
    for raw in stream:
        if raw.strip():
            yield raw.rstrip(b"\r\n")


def _inputs(names: Sequence[str], unreadable: list[str], stdin: BinaryIO | None = None,
            quiet: bool = False) -> Iterator[tuple[str, BinaryIO]]:
    """Each input as a binary stream ('-' is ``stdin`` if given, else standard input);
    one that cannot be opened is reported (unless ``quiet``), added to ``unreadable``
    and skipped."""
    for name in names:
        if name == "-" and stdin is not None:
            yield name, stdin
            continue
        try:
            stream = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115
        except OSError as exc:
            if not quiet:
                report(PROG, "error", f"{name}: {exc.strerror or exc}")
            unreadable.append(name)
            continue
        with stream:
            yield name, stream


def _warn(analysis: Analysis, warned: set[str]) -> None:
    for message in analysis.errors:
        if message not in warned:
            warned.add(message)
            report(PROG, "warning", message)


if __name__ == "__main__":
    sys.exit(main())
