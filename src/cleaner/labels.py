"""The fixed label taxonomy every input line is given.

The set is small on purpose: it covers what scraped news and blog pages carry,
and every label but ``body`` and ``title`` names a kind of chrome that a user may
want to count or keep on its own.

>>> Label.PAYWALL.value
'paywall'
>>> Label("feed").describe()[:24]
'Unrelated news-feed, lat'
"""

from __future__ import annotations

from enum import Enum


class Label(str, Enum):
    """What a line of a scraped page is."""

    BODY = "body"
    TITLE = "title"
    BYLINE = "byline"
    PAYWALL = "paywall"
    SUBSCRIPTION = "subscription"
    FEED = "feed"
    NAVIGATION = "navigation"
    SHARE = "share"
    LEGAL = "legal"
    ADS = "ads"
    RELATED = "related"
    COMMENTS = "comments"
    OTHER = "other"
    BLANK = "blank"

    def describe(self) -> str:
        """One sentence on what lines carry this label."""
        return _DESCRIPTIONS[self]

    def __str__(self) -> str:
        return self.value


_DESCRIPTIONS: dict[Label, str] = {
    Label.BODY: "The article's own text: paragraphs, subheadings, list items, quotes.",
    Label.TITLE: "The article's headline.",
    Label.BYLINE: "Author, date, place and reading-time lines of the article.",
    Label.PAYWALL: "Paywall, membership and donation prompts.",
    Label.SUBSCRIPTION: "Newsletter and sign-up widgets and their form chrome ('* indicates required').",
    Label.FEED: "Unrelated news-feed, latest-news and editors'-picks items and their timestamps.",
    Label.NAVIGATION: "Skip links, menus, breadcrumbs, pagination, editing links.",
    Label.SHARE: "Social sharing and follow-us lines.",
    Label.LEGAL: "Cookie, privacy, terms and copyright lines.",
    Label.ADS: "Advertisement and sponsor lines, payment-logo lines.",
    Label.RELATED: "Links to related articles.",
    Label.COMMENTS: "Reader comments and comment-form chrome.",
    Label.OTHER: "Anything else that is not the article (media widgets, captions, leftovers).",
    Label.BLANK: "An empty or whitespace-only line.",
}

#: Labels whose lines are part of the article a reader came for.
ARTICLE_LABELS = frozenset({Label.BODY, Label.TITLE, Label.BYLINE})
