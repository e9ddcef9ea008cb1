"""The ``cleaner`` command: cleaning plus the tools around it, one subcommand each.

Each tool lives with the code it drives and exposes ``configure(parser)`` and
``run(args) -> int``; this module only routes, and imports a tool when it runs.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from cleaner import __version__
from cleaner.cli.errors import EXIT_USAGE, die_quietly_on_broken_pipe, report

#: subcommand -> (module with configure/run, one-line help)
TOOLS: dict[str, tuple[str, str]] = {
    "clean": ("cleaner.cli.clean_tool", "clean pages (the same as the 'clean' command)"),
    "rules": ("cleaner.rules.cli", "list, check and test rule packs"),
    "labels": ("cleaner.cli.labels_tool", "list the labels lines can get"),
    "bench": ("cleaner.bench.cli", "prepare the labelled corpus and measure configurations on it"),
    "train": ("cleaner.model.cli", "train the line classifier on the corpus's train split"),
}

EPILOG = """\
examples:
  cleaner clean page.txt
  cleaner rules list
  cleaner rules test --rules my.toml
  cleaner bench prepare ~/.cache/cleaner-datasets/web-cleaning
  cleaner bench run --split validation
  cleaner train --out model.json
"""


def build_parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser; only the subcommand named in ``argv`` imports its module."""
    parser = argparse.ArgumentParser(prog="cleaner", description="Clean scraped page text, and the tools to measure and tune it.",
                                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = next((a for a in argv if not a.startswith("-")), None)
    for name, (module, help_text) in TOOLS.items():
        tool = sub.add_parser(name, help=help_text, description=help_text,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
        tool.set_defaults(_module=module)
        if name == chosen:
            importlib.import_module(module).configure(tool)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``cleaner``; returns the exit status."""
    die_quietly_on_broken_pipe()
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "_module", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(importlib.import_module(args._module).run(args))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a last line of defence: one line, never a traceback
        report("cleaner", "error", f"{type(exc).__name__}: {exc}")
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
