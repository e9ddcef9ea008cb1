"""Site templates: lines a site repeats next to the same neighbour on many pages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, Label, SiteTemplates
from cleaner.lines import Document
from cleaner.templates import TEMPLATE_PAGES, TEMPLATE_RULE

BIO = ("Jane writes about gardens and the weather from a small town by the sea.\n"
       "She lives there with two cats, a boat and far too many books.")


def post(n: int) -> str:
    return (f"Post {n}: the council voted on budget number {n} after a long debate, and the "
            f"mayor said the vote on item {n} would stand.")


def page(n: int) -> str:
    return f"{post(n)}\n\n{BIO}"


def lines_of(text: str) -> Document:
    return Document.from_text(text)


def test_a_block_on_enough_pages_of_a_site_is_template() -> None:
    few = SiteTemplates.from_pages((page(n), "example.org") for n in range(TEMPLATE_PAGES - 1))
    enough = SiteTemplates.from_pages((page(n), "example.org") for n in range(TEMPLATE_PAGES))
    doc = lines_of(page(99))
    assert few.repeated(doc, "example.org") == [False] * 4
    assert enough.repeated(doc, "example.org") == [False, False, True, True]


def test_pages_count_not_repeats_within_a_page() -> None:
    templates = SiteTemplates.from_pages([(f"{page(1)}\n{BIO}\n{BIO}\n{BIO}", "example.org")])
    assert not any(templates.repeated(lines_of(page(2)), "example.org"))


def test_sites_are_counted_apart() -> None:
    templates = SiteTemplates.from_pages((page(n), f"https://www.site{n}.org/a") for n in range(5))
    assert not any(templates.repeated(lines_of(page(9)), "site1.org"))
    # The URL's host, without www., is the site.
    same = SiteTemplates.from_pages((page(n), f"https://www.example.org/{n}") for n in range(3))
    assert any(same.repeated(lines_of(page(9)), "http://example.org/other"))


def test_a_headline_listed_on_other_pages_stays_the_posts() -> None:
    """A post's headline recurs in the site's lists of recent posts, next to other
    titles; in the post itself it stands next to the post's own lines."""
    titles = [f"How we rebuilt the harbour wall in {year}" for year in range(2010, 2016)]
    sidebar = "\n".join(titles)
    pages = [f"{titles[n]}\n{post(n)}\n\nRecent posts\n{sidebar}" for n in range(len(titles))]
    templates = SiteTemplates.from_pages((p, "harbour.org") for p in pages)
    mask = templates.repeated(lines_of(pages[2]), "harbour.org")
    assert mask[0] is False  # the headline, above its post
    assert mask[-len(titles):] == [True] * len(titles)  # the same title in the sidebar


def test_short_lines_are_never_template() -> None:
    templates = SiteTemplates.from_pages((f"{post(n)}\nRead more\nShare this", "a.org") for n in range(5))
    assert templates.repeated(lines_of(f"{post(9)}\nRead more\nShare this"), "a.org") == [False] * 3


def test_a_page_that_is_not_text_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="expected str or bytes"):
        SiteTemplates().add(None, "a.org")  # type: ignore[arg-type]


def test_min_pages_below_two_is_refused() -> None:
    with pytest.raises(ValueError, match="min_pages"):
        SiteTemplates(min_pages=1)


def test_bytes_and_lone_surrogates_are_counted() -> None:
    templates = SiteTemplates()
    for n in range(3):
        templates.add(page(n).encode("utf-8"), "a.org")
    templates.add("\ud800 a line with a lone surrogate in it, long enough\nand its neighbour", "a.org")
    assert templates.pages == 4
    assert templates.repeated(lines_of(page(7)), "a.org") == [False, False, True, True]


def test_cleaner_drops_the_template_with_its_reason() -> None:
    templates = SiteTemplates.from_pages((page(n), "example.org") for n in range(3))
    analysis = Cleaner(templates=templates).analyze(page(0), url="example.org")
    assert analysis.text == post(0)
    bio = analysis.lines[2]
    assert (bio.label, bio.kept, bio.score) == (Label.OTHER, False, None)
    assert bio.reasons == (TEMPLATE_RULE.id,)
    # Another site's page with the same lines keeps them.
    assert Cleaner(templates=templates).clean(page(0), url="other.org") == Cleaner().clean(page(0))


def test_the_cleaners_site_is_the_default_url() -> None:
    templates = SiteTemplates.from_pages((page(n), "example.org") for n in range(3))
    assert Cleaner(templates=templates, site="example.org").clean(page(0)) == post(0)


def test_a_page_that_is_all_template_is_a_copy_and_kept() -> None:
    """The same post at three addresses: every line it keeps recurs, so the
    templates would leave nothing; they are not applied to it."""
    templates = SiteTemplates.from_pages((page(1), "example.org") for _ in range(3))
    assert Cleaner(templates=templates).clean(page(1), url="example.org") == Cleaner().clean(page(1))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([post(1), post(2), BIO, "Menu", "", "Subscribe to our newsletter today"]),
                min_size=1, max_size=12).map("\n".join),
       st.integers(min_value=0, max_value=4))
def test_templates_drop_only_what_recurs(text: str, copies: int) -> None:
    """Below the page count nothing changes; at it, the lines the templates name are
    dropped; the result is the same every time."""
    templates = SiteTemplates.from_pages((text, "a.org") for _ in range(copies))
    analysis = Cleaner(templates=templates).analyze(text, url="a.org")
    named = [line for line in analysis.lines if TEMPLATE_RULE.id in line.reasons]
    assert not any(line.kept for line in named)
    if copies < TEMPLATE_PAGES:
        assert not named
        assert analysis == Cleaner().analyze(text)
    assert Cleaner(templates=templates).analyze(text, url="a.org") == analysis
