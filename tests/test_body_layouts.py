"""The body on modern layouts (fixtures/body/, written for these tests): what the article holds is
kept, what the site wraps around it is left out, whatever the class names say or do not say."""
from __future__ import annotations

import pytest

import scraper
from conftest import FIXTURES


def record(name: str, url: str) -> scraper.Article:
    return scraper.extract((FIXTURES / "body" / name).read_bytes(), url)


@pytest.fixture(scope="module")
def guide() -> str:
    """A how-to guide styled with utility classes only: no class word says what a box is."""
    return record("utility-class-guide.html", "https://homestead-notes.example/energy/insulate-loft").body


@pytest.mark.parametrize("kept", [
    "Key takeaways",
    "A total depth of 270 mm is what most building guides now recommend for a loft.",
    "A cold loft is the single largest source of heat loss in many older houses",
    "What you will need",
    "Dust mask, gloves and goggles",
    "Unroll the 100 mm layer between the joists, cutting it to length with a long bread knife.",
    "Work from the eaves towards the hatch",
    "Frequently asked questions",
    "Do I need to ventilate the loft?",
    "Keep the gaps at the eaves clear, or condensation will soak the timber over the winter.",
])
def test_takeaways_tables_steps_and_faq_inside_the_article_are_kept(guide, kept):
    assert kept in guide


@pytest.mark.parametrize("dropped", [
    "Priya is a chartered surveyor",          # the author's box, known by the credited name
    "More from Priya",
    "Get our weekly home energy letter",      # the newsletter box, known by its e-mail field
    "No spam, unsubscribe at any time.",
    "Draught-proofing sash windows",          # teaser cards
    "Winter vegetables that survive",         # the sidebar
    "Advertisement",
    "Independent, reader-funded",             # the footer
])
def test_author_box_newsletter_box_cards_and_sidebar_are_left_out(guide, dropped):
    assert dropped not in guide


def test_the_guide_reads_in_order(guide):
    order = ["Key takeaways", "A cold loft", "What you will need", "Step by step", "Frequently asked"]
    assert [guide.index(text) for text in order] == sorted(guide.index(text) for text in order)


LEAD = ("The regional rail operator will run night trains between the two cities from December, "
        "after a trial last winter filled every sleeper cabin within a week of going on sale.")
MORE = ("Tickets go on sale in September, and the operator said prices would match the day trains "
        "for seats, with a supplement for the cabins that it has yet to announce.")


def news_page(inside: str, after: str = "") -> bytes:
    return (f"<html><head><title>Night trains return</title>"
            f"<meta name='author' content='Tomasz Wielgus'></head><body>"
            f"<div class='a1'><div class='b2'>{inside}</div>{after}</div>"
            f"<div class='z9'><p>© Rail Week 2025</p></div></body></html>").encode()


def test_a_lead_under_the_byline_that_names_its_author_once_stays():
    body = scraper.extract(news_page(f"<div class='c3'><p>Tomasz Wielgus</p><p>{LEAD}</p></div><p>{MORE}</p>")).body
    assert LEAD in body and MORE in body


def test_a_short_article_with_a_signup_form_in_its_column_stays():
    form = "<form><input type='email' name='email'><button>Sign up</button></form>"
    body = scraper.extract(news_page(f"<p>{LEAD}</p>{form}")).body
    assert LEAD in body


def test_a_headline_box_with_a_write_to_the_author_form_stays():
    header = (f"<div class='h4'><h1>Night trains return</h1><p>{LEAD}</p>"
              f"<div class='m5'><p>Write to Tomasz Wielgus</p><input type='email' name='email'></div></div>")
    body = scraper.extract(news_page(header + f"<p>{MORE}</p>" * 3)).body
    assert LEAD in body and MORE in body
    assert "Write to Tomasz Wielgus" not in body


@pytest.fixture(scope="module")
def review() -> str:
    """A buying guide: a comparison table, pros and cons, shop cards with affiliate buttons."""
    return record("review-roundup.html", "https://pedallab.example/guides/best-commuter-ebikes").body


@pytest.mark.parametrize("kept", [
    "Our picks at a glance",
    "Aldergate C2\n\n74 km",                  # a data table's linked cell is data
    "Ferro City\n\n58 km",
    "Best for flats and stairs",
    "Best overall: Aldergate C2",
    "Range to spare for a week of commuting",  # pros and cons
    "The app is needed to change the assist levels",
    "Every bike is bought at retail",
])
def test_a_review_keeps_its_comparison_table_and_verdicts(review, kept):
    assert kept in review


@pytest.mark.parametrize("dropped", [
    "$2,899 at Cyclepoint",                   # shop cards: a picture, short lines, links to shops
    "$1,199 at Cyclepoint",
    "Check price",
    "The best bike locks",                    # related links
    "reader-supported",
])
def test_a_review_leaves_out_shop_cards_and_related_links(review, dropped):
    assert dropped not in review


def test_a_layout_table_without_header_cells_still_drops_its_link_lines():
    links = "".join(f"<tr><td><a href='/s/{i}'>Another story number {i} from the archive</a></td></tr>"
                    for i in range(2))
    table = f"<table><tr><td><p>{LEAD}</p><p>{MORE}</p></td></tr>{links}</table>"
    body = scraper.extract(news_page(table)).body
    assert LEAD in body and "Another story number" not in body


def test_a_card_linking_to_the_site_itself_is_no_shop_card():
    card = "<div class='q'><img src='/map.png'><p>Route map</p><a href='https://rail.example/map'>Full map</a></div>"
    body = scraper.extract(news_page(f"<p>{LEAD}</p>{card}<p>{MORE}</p>"), "https://rail.example/news/night").body
    assert "Route map" in body
