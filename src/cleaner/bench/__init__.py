"""Measuring the cleaner: a labelled line corpus from public data and `cleaner bench`."""
