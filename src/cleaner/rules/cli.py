"""``cleaner rules``: list, check and test rule packs.

``list`` prints every rule of the configuration (id, label, kind, pack);
``check`` compiles the configuration and reports the first error;
``test`` runs every rule's own examples and counterexamples.
"""

from __future__ import annotations

import argparse

from cleaner.cli.errors import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, report
from cleaner.rules.engine import RuleSet, builtin_files, select_rules, site_of
from cleaner.rules.schema import RuleError, load_rule_file


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("list", "check", "test"), help="what to do")
    parser.add_argument("--rules", action="append", default=[], metavar="FILE",
                        help="user rule file(s) to add (repeatable)")
    parser.add_argument("--site", help="add the built-in site pack of this domain or URL")
    parser.add_argument("--no-builtin", action="store_true", help="leave out the built-in packs")
    parser.add_argument("--all-sites", action="store_true",
                        help="include every built-in site pack (the default for 'test')")


def run(args: argparse.Namespace) -> int:
    try:
        ruleset = _ruleset(args)
    except RuleError as exc:
        report("cleaner rules", "error", str(exc))
        return EXIT_USAGE
    if args.action == "list":
        for rule in ruleset.rules:
            print(f"{rule.id:<45} {rule.label.value:<13} {rule.kind:<8} {rule.decision:<8} {rule.pack}")
        return EXIT_OK
    if args.action == "check":
        print(f"ok: {len(ruleset.rules)} rules compiled")
        return EXIT_OK
    failures = ruleset.check_examples()
    for failure in failures:
        print(failure)
    examples = sum(len(r.examples) + len(r.counterexamples) for r in ruleset.rules)
    print(f"{len(ruleset.rules)} rules, {examples} examples, {len(failures)} failures")
    return EXIT_PARTIAL if failures else EXIT_OK


def _ruleset(args: argparse.Namespace) -> RuleSet:
    files = [] if args.no_builtin else builtin_files()
    files += [load_rule_file(f) for f in args.rules]
    if args.all_sites or (args.action == "test" and not args.site):
        return RuleSet([rule for f in files for rule in f.rules])
    return RuleSet(select_rules(files, site_of(args.site) if args.site else None))
