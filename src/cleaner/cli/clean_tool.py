"""``cleaner clean``: the ``clean`` command as a subcommand."""

from __future__ import annotations

import argparse

from cleaner.cli import clean


def configure(parser: argparse.ArgumentParser) -> None:
    clean.build_parser(parser)
    parser.epilog = clean.EXAMPLES


def run(args: argparse.Namespace) -> int:
    return clean.run(args)
