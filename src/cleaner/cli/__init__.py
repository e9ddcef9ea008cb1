"""Command-line entry points: ``clean`` (the filter) and ``cleaner`` (the tools)."""
