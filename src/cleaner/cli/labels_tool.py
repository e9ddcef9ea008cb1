"""``cleaner labels``: the label taxonomy with one line on each label."""

from __future__ import annotations

import argparse

from cleaner.labels import Label


def configure(parser: argparse.ArgumentParser) -> None:
    """No options."""


def run(args: argparse.Namespace) -> int:
    for label in Label:
        print(f"{label.value:<13} {label.describe()}")
    return 0
