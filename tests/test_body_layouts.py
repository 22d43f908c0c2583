"""The body on modern layouts (fixtures/body/, written for these tests): what the article holds is
kept, what the site wraps around it is left out, whatever the class names say or do not say."""
from __future__ import annotations

import json
import time

import pytest
from conftest import FIXTURES

import scraper


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


# An article split in two boxes; the second part's lines carry links, and a list of other stories
# closes its box: by score and link density alone, only the first part is the article.
FIRST = [f"Paragraph {i} of the first part: the council, which met on Monday, voted by seven to four, "
         f"after a long debate, to close the old pool, a building that, its engineers say, cannot be "
         f"repaired at a sensible cost." for i in range(6)]
SECOND = [f"Swimmers will use the school pool from May {i}." for i in range(6)]


def split_page(copy: str) -> bytes:
    second = "".join(f"<p><a href='/s/{i}'>Swimmers</a> will use the <a href='/p/{i}'>school pool</a> "
                     f"from May {i}.</p>" for i in range(6))
    others = "".join(f"<li><a href='/o/{i}'>Another story, number {i}, from the archive</a></li>" for i in range(3))
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "articleBody": copy})
    return (f"<html><head><title>Pool to close</title><script type='application/ld+json'>{ld}</script>"
            f"</head><body><div class='w'><h1>Pool to close</h1>"
            f"<div class='a'>{''.join(f'<p>{t}</p>' for t in FIRST)}</div><div class='ad'>Advertisement</div>"
            f"<div class='b'><div class='b2'>{second}</div><ul>{others}</ul></div></div>"
            f"<div class='f'><p>Write to the newsroom any day of the week, by telephone or by post.</p></div>"
            f"</body></html>").encode()


def test_the_pages_json_ld_copy_of_the_text_brings_back_the_part_the_score_missed():
    body = scraper.extract(split_page(" ".join(FIRST + SECOND)), "https://news.example.org/pool").body
    assert all(text in body for text in FIRST + SECOND)
    assert "Another story" not in body and "Write to the newsroom" not in body


@pytest.mark.parametrize("copy", [
    " ".join(FIRST[:1]),                                         # a teaser: too short to guide
    " ".join(f"An unrelated sentence number {i} about the weather in the hills." for i in range(40)),
    "",
])
def test_a_copy_that_is_a_teaser_or_that_the_page_does_not_show_changes_nothing(copy):
    body = scraper.extract(split_page(copy), "https://news.example.org/pool").body
    assert all(text in body for text in FIRST)
    assert not any(text in body for text in SECOND)


def test_a_huge_copy_is_read_in_bounded_time():
    copy = " ".join(FIRST + SECOND) + " word" * 2_000_000
    start = time.process_time()
    body = scraper.extract(split_page(copy), "https://news.example.org/pool").body
    assert time.process_time() - start < 3
    assert FIRST[0] in body


def test_a_news_page_split_over_components_keeps_every_text_block():
    body = record("split-news.html", "https://valley-courier.example/news/reservoirs").body
    for kept in ("The county's three reservoirs held 41 per cent", "Dr Helen Marsh",
                 "Some have started to sell cattle", "Leaks", "Forecasters expect an average autumn"):
        assert kept in body
    for dropped in ("Hosepipe ban: what you can and cannot do", "Advertisement", "Drought",
                    "Bypass opening delayed", "Traders said footfall", "Valley Media Ltd"):
        assert dropped not in body


def test_a_comment_thread_no_markup_names_is_left_out_after_the_article():
    body = record("unmarked-comments.html", "https://fieldnotes.example/2025/plain-text").body
    assert "Last month I sent the first plain-text issue." in body
    assert "sending everything else as text from now on." in body
    for comment in ("Same experience here.", "Did you lose anything with the click tracking?",
                    "June, I lost some of it, yes"):
        assert comment not in body


UPDATES = [f"The rescue team reached the second cave chamber and found the air good, the coordinator said; "
           f"update number {i} follows the divers' report." for i in range(4)]


def live_blog(intro_paragraphs: int, stamp: str) -> bytes:
    intro = "".join(f"<p>{LEAD}</p>" for _ in range(intro_paragraphs))
    entries = "".join(f"<div class='u'><div class='t'>Reporter Desk · {stamp.format(i)}</div><p>{text}</p></div>"
                      for i, text in enumerate(UPDATES))
    return news_page(f"{intro}<div class='feed'>{entries}</div>")


def test_a_live_blogs_timed_entries_opening_the_text_are_the_article():
    body = scraper.extract(live_blog(1, "May 3, 2025 at 10:{0}5")).body
    assert all(text in body for text in UPDATES)


def test_dated_entries_without_a_time_after_the_text_are_content():
    body = scraper.extract(live_blog(3, "May {0}, 2025")).body  # an event list, a changelog
    assert all(text in body for text in UPDATES)


def test_timed_entries_after_the_text_are_a_thread():
    body = scraper.extract(live_blog(3, "May 3, 2025 at 10:{0}5")).body
    assert LEAD in body and not any(text in body for text in UPDATES)


def test_a_sections_header_holds_its_heading_and_the_articles_header_its_standfirst():
    sections = "".join(f"<section><header><h2>Part {n}</h2></header><p>{text}</p></section>"
                       for n, text in (("one", LEAD), ("two", MORE)))
    article = (f"<article><header><h1>Night trains return</h1><p>By Tomasz Wielgus</p>"
               f"<p>{MORE.replace('Tickets', 'Seats')}</p></header>{sections}</article>")
    body = scraper.extract(news_page(article)).body
    assert body.split("\n\n") == [MORE.replace("Tickets", "Seats"), "Part one", LEAD, "Part two", MORE]
