"""The body step: article paragraphs in reading order, every family of chrome left out."""
from __future__ import annotations

import time

import lxml.etree
import lxml.html
import pytest

from scraper.extract.body import Body, Paragraph, extract_body
from scraper.extract.document import parse_html

PROSE = (
    "The city council voted on Tuesday to extend the library's opening hours, after a year in which "
    "visits rose by a third and the reading rooms were full on most evenings.",
    "Members of the council said the change would cost about 40,000 euros a year, paid for by "
    "savings in the parks budget, and that it would be reviewed after twelve months.",
    "Librarians welcomed the decision, although some warned that staffing the late shifts would "
    "be difficult until two vacancies in the children's section are filled.",
    "The new hours take effect on the first of March, when the library will stay open until nine "
    "o'clock on weekdays and until six on Saturdays.",
)


def page(article: str, around: str = "", head: str = "") -> str:
    return (f"<html><head><title>Library hours</title>{head}</head><body>"
            f"<header class='site-header'><a href='/'>City News</a></header>"
            f"<div class='wrapper'>{around}<article class='post'>{article}</article></div>"
            f"<footer><p>© City News, all rights reserved.</p></footer></body></html>")


def prose_html(paragraphs=PROSE) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def body_of(html: str, url: str | None = "https://news.example.com/2024/library.html",
            exclude_xpath: str | None = None) -> Body:
    root = parse_html(html).root
    exclude = tuple(root.xpath(exclude_xpath)) if exclude_xpath else ()
    return extract_body(root, url, exclude=exclude)


def texts(body: Body) -> list[str]:
    return [p.text for p in body.paragraphs]


def test_the_article_paragraphs_come_out_in_order_without_the_page_chrome():
    body = body_of(page(prose_html()))
    assert texts(body) == list(PROSE)
    assert body.text == "\n\n".join(PROSE)
    assert body.warnings == ()


def test_headings_list_items_quotes_and_code_are_paragraphs_of_their_kind():
    article = (f"<p>{PROSE[0]}</p><h2>What changes</h2><ul><li>Weekdays until nine</li>"
               f"<li>Saturdays until six</li></ul><blockquote><p>We are delighted, said the head "
               f"librarian.</p></blockquote><pre>opening  hours: 9-21</pre><p>{PROSE[1]}</p>")
    assert body_of(page(article)).paragraphs == (
        Paragraph(PROSE[0], "p"),
        Paragraph("What changes", "heading"),
        Paragraph("Weekdays until nine", "list"),
        Paragraph("Saturdays until six", "list"),
        Paragraph("We are delighted, said the head librarian.", "blockquote"),
        Paragraph("opening hours: 9-21", "pre"),
        Paragraph(PROSE[1], "p"),
    )


def test_inline_markup_joins_naturally_and_the_pages_characters_are_kept():
    article = ("<p>The  council’s <em>“late shift”</em>\n plan — <a href='/x'>approved</a> "
               "on\u00a0Tuesday, <span>at last</span>.</p>" + prose_html(PROSE[1:]))
    first = texts(body_of(page(article)))[0]
    # whitespace runs collapse; quotes, dashes, case and the non-breaking space stay as written
    assert first == "The council’s “late shift” plan — approved on\u00a0Tuesday, at last."


def test_the_headline_and_the_byline_stay_out_of_the_body_but_the_standfirst_stays_in():
    standfirst = "The library will open late on weekdays from March, the council decided on Tuesday night."
    article = (f"<header><h1>Library to open late</h1><p class='byline'>By Ann Smith</p>"
               f"<p>{standfirst}</p><ul><li><a href='#'>Print</a></li></ul></header>" + prose_html())
    assert texts(body_of(page(article))) == [standfirst, *PROSE]


CHROME_FAMILIES = {
    "navigation": "<nav><ul><li><a href='/'>Home</a></li><li><a href='/sport'>Sport</a></li></ul></nav>",
    "breadcrumbs": "<div class='breadcrumbs'>Home » News » Library opening hours extended</div>",
    "ticker": "<div class='trending-ticker'>Trending: Mayor resigns after budget row in the city hall</div>",
    "share buttons": "<div class='share-bar'>Share this article on Facebook, Twitter and by e-mail</div>",
    "related posts": ("<section class='related-posts'><h3>Related Posts</h3><p>Swimming pool closes for "
                      "the winter, and other stories from the district</p></section>"),
    "sidebar": ("<div id='sidebar'><div class='widget'><h3>Recent News</h3><p>Council approves the new "
                "bus lanes on the ring road after a long debate.</p></div></div>"),
    "author box": ("<div class='author-box'><p>Ann Smith is a reporter for City News. She grew up in "
                   "the north of the city and covers local politics.</p></div>"),
    "previous / next": ("<div class='post-navigation'><a href='/a'>Previous Article Bus lanes approved</a>"
                        "<a href='/b'>Next Article Pool closes</a></div>"),
    "newsletter": ("<div class='newsletter-signup'><p>Get the best local stories in your inbox every "
                   "morning: subscribe to our newsletter.</p></div>"),
    "ad slot": "<div class='ad-slot'><span>Advertisement</span><p>Buy two sofas for the price of one!</p></div>",
    "ad label": "<p>Advertisement</p>",
    "cookie banner": ("<div id='cookie-consent'><p>We use cookies to improve your experience on our "
                      "site. By continuing you agree to our use of cookies.</p></div>"),
    "comment list": ("<div id='comments'><h3>2 Comments</h3><p>Great news, my kids will love the late "
                     "opening on weekdays!</p></div>"),
    "comment form": ("<form action='/comment' method='post'><h3>Leave A Reply</h3><p>Your email address "
                     "will not be published.</p><textarea></textarea></form>"),
    "search overlay": ("<div class='search-overlay'><p>Type above and press Enter to search. Press Esc "
                       "to cancel.</p></div>"),
    "aside": "<aside><p>Opening hours of all the city's libraries, museums and swimming pools.</p></aside>",
    "hidden copy": "<div style='display: none'><p>Library hours, a hidden copy for search engines.</p></div>",
    "read-more promo": "<p>Read more: <a href='/pools'>Swimming pools to close early this winter</a></p>",
    "link list": ("<div class='box'><a href='/1'>Bus lanes approved after long debate</a> "
                  "<a href='/2'>Pool closes for the winter season</a> <a href='/3'>Mayor resigns</a></div>"),
}


@pytest.mark.parametrize("family", sorted(CHROME_FAMILIES))
def test_each_family_of_chrome_is_left_out_inside_and_around_the_article(family):
    chrome = CHROME_FAMILIES[family]
    inside = prose_html(PROSE[:2]) + chrome + prose_html(PROSE[2:])
    for html in (page(inside), page(prose_html(), around=chrome)):
        assert texts(body_of(html)) == list(PROSE), family


def test_the_comment_containers_the_comments_step_found_are_left_out():
    comments = "<div class='talk'><p>I disagree with the council: the money should go to the pools instead.</p></div>"
    html = page(prose_html() + comments)
    assert texts(body_of(html, exclude_xpath="//div[@class='talk']")) == list(PROSE)


def test_an_exclude_container_holding_the_article_itself_does_not_lose_the_article():
    html = page(f"<div class='entry-content'>{prose_html()}</div>")
    assert texts(body_of(html, exclude_xpath="//article")) == list(PROSE)


def test_comments_classed_like_an_article_body_are_still_left_out():
    # themes give each comment the article's class too: <li class="comment entry-content">
    comments = ("<div class='talk'><ol><li class='comment even entry-content'><p>I disagree with the "
                "council: the money should go to the pools instead.</p></li></ol></div>")
    html = page(prose_html() + comments)
    assert texts(body_of(html, exclude_xpath="//div[@class='talk']")) == list(PROSE)


def test_a_comment_section_without_markup_ends_the_body_at_its_title():
    article = prose_html() + "<h3>Comments</h3><p>First! Great to hear about the library hours, thanks.</p>"
    assert texts(body_of(page(article))) == list(PROSE)


def test_a_class_word_inside_a_longer_name_is_no_chrome():
    # "download", "header", "shadow" contain "ad"; WordPress adds "tag-<name>" to the article itself
    html = page(f"<div class='download-shadow'>{prose_html(PROSE[:2])}</div>{prose_html(PROSE[2:])}")
    assert texts(body_of(html)) == list(PROSE)
    wordpress = page(prose_html()).replace("class='post'", "class='post hentry tag-news category-local'")
    assert texts(body_of(wordpress)) == list(PROSE)


def test_an_article_split_into_several_boxes_is_read_whole():
    article = (f"<div class='text'>{prose_html(PROSE[:2])}</div>"
               f"<figure><img src='/a.jpg'><figcaption>The reading room</figcaption></figure>"
               f"<div class='text'>{prose_html(PROSE[2:])}</div>")
    html = page(article, around="<div class='teaser'><p>Short teaser.</p></div>")
    assert texts(body_of(html)) == list(PROSE)


def test_figures_give_images_with_absolute_urls_and_captions_which_stay_out_of_the_text():
    article = (prose_html(PROSE[:2])
               + "<figure><img src='/img/reading-room.jpg' alt='The reading room'>"
                 "<figcaption>The reading room on a Tuesday evening. Photo: Ann Smith</figcaption></figure>"
               + "<div class='wp-caption'><img data-src='https://cdn.example.com/desk.jpg' src='data:,'>"
                 "<p class='wp-caption-text'>The front desk</p></div>"
               + prose_html(PROSE[2:]))
    body = body_of(page(article))
    assert texts(body) == list(PROSE)
    assert [(i.url, i.alt, i.caption) for i in body.images] == [
        ("https://news.example.com/img/reading-room.jpg", "The reading room",
         "The reading room on a Tuesday evening. Photo: Ann Smith"),
        ("https://cdn.example.com/desk.jpg", None, "The front desk"),
    ]


def test_an_image_url_stays_relative_when_the_page_url_is_unusable():
    article = prose_html(PROSE[:2]) + "<figure><img src='/a.jpg'></figure>" + prose_html(PROSE[2:])
    assert [i.url for i in body_of(page(article), url="hard::page.html").images] == ["/a.jpg"]


def test_an_empty_page_warns_that_no_body_was_found():
    body = body_of("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert body.paragraphs == ()
    assert body.warnings == ("no article body found",)


def test_an_empty_app_shell_is_rendered_by_script():
    shell = ("<html><head><script src='/static/app.js'></script></head>"
             "<body><div id='root'></div><script>window.__STATE__={}</script></body></html>")
    assert body_of(shell).warnings == ("rendered by script",)


def test_a_teaser_behind_a_paywall_is_flagged():
    teaser = (f"<p>{PROSE[0]}</p><div class='paywall'><p>Subscribe to continue reading. Already a "
              f"subscriber? Log in.</p></div>")
    body = body_of(page(teaser))
    assert texts(body) == [PROSE[0]]
    assert body.warnings == ("paywalled",)
    not_free = '<script type="application/ld+json">{"isAccessibleForFree": false}</script>'
    assert "paywalled" in body_of(page(f"<p>{PROSE[0]}</p>", head=not_free)).warnings
    # a whole article with a paywall class somewhere is not a teaser
    assert body_of(page(prose_html() * 3 + "<div class='paywall-note'></div>")).warnings == ()


def test_a_tree_nested_ten_thousand_deep_is_walked_without_recursion():
    # built node by node: the parser flattens such pages, the body step must not depend on it
    root = lxml.html.fromstring("<html><body></body></html>")
    innermost = root.find("body")
    for _ in range(10_000):
        innermost = lxml.etree.SubElement(innermost, "div")
    for text in PROSE:
        lxml.etree.SubElement(innermost, "p").text = text
    started = time.perf_counter()
    body = extract_body(root, None)
    assert time.perf_counter() - started < 2
    assert texts(body) == list(PROSE)


def test_a_page_nested_ten_thousand_deep_keeps_its_text():
    depth = 10_000
    html = "<html><body>" + "<div>" * depth + prose_html() + "</div>" * depth + "</body></html>"
    body = body_of(html)
    assert all(text in body.text for text in PROSE)


def test_a_table_layout_page_without_paragraph_tags_is_read():
    cells = "<br><br>".join(PROSE)
    html = (f"<html><body><table><tr><td><a href='/'>Home</a> <a href='/n'>News</a></td></tr>"
            f"<tr><td>{cells}</td></tr></table></body></html>")
    assert texts(body_of(html)) == list(PROSE)


def test_teaser_cards_under_a_linked_headline_are_left_out():
    card = ("<div class='card'><a href='/pools'><h4>Pools close early</h4></a>"
            "<p>The city's swimming pools will close at six from next week.</p><span>By Bob Jones</span></div>")
    assert texts(body_of(page(prose_html(PROSE[:2]) + card + prose_html(PROSE[2:])))) == list(PROSE)


def test_a_heading_that_opens_the_related_posts_ends_the_body():
    related = ("<h3 class='related-posts-title'>You may also like</h3>"
               "<p>The swimming pools of the city will close at six from next week, the council said.</p>")
    assert texts(body_of(page(prose_html() + related))) == list(PROSE)


def test_date_lines_around_the_text_go_but_a_dated_line_inside_it_stays():
    event = "Reading night: 12.03.2024, 19:00"
    article = ("<p>Posted: Fri 6:45 PM, Feb 16, 2024</p><p>Updated 3 hours ago</p>" + prose_html(PROSE[:2])
               + f"<p>{event}</p>"
               + prose_html(PROSE[2:]) + "<p>Updated: February 17, 2024</p>")
    assert texts(body_of(page(article))) == [*PROSE[:2], event, *PROSE[2:]]


def test_inline_captions_gallery_counters_and_the_page_address_are_no_text():
    url = "https://news.example.com/2024/library.html"
    article = (prose_html(PROSE[:2]) + "<div class='photo'><img src='/a.jpg'><p>Image 1 of 5</p>"
               "<span class='newsCaption'>The reading room <span>(Image: GETTY)</span></span></div>"
               + f"<p>{url}</p>" + prose_html(PROSE[2:]))
    assert texts(body_of(page(article), url=url)) == list(PROSE)


def test_bylines_reading_times_and_punctuation_lines_are_no_text():
    article = ("<div class='meta-row'><span>7 min read</span><div aria-hidden='true'>·</div>"
               "<span>--</span></div><p>Von Max Mustermann 1. Februar 2024 Aktualisiert am 2. Februar 2024</p>"
               + prose_html())
    assert texts(body_of(page(article))) == list(PROSE)


def test_a_removed_block_leaves_a_space_between_the_words_around_it():
    article = prose_html(PROSE[:1]) + "<div>Opening hours<div class='share'>Share</div>extended</div>" + prose_html(PROSE[1:])
    assert "Opening hours extended" in body_of(page(article)).text


def test_a_page_swallowed_by_a_stray_noscript_keeps_its_text():
    html = page(prose_html()).replace("<body>", "<body><noscript>").replace("</body>", "</noscript></body>")
    assert texts(body_of(html)) == list(PROSE)
    note = page(prose_html()).replace("<body>", "<body><noscript><p>Please enable JavaScript to view the "
                                      "comments powered by our partner.</p></noscript>")
    assert texts(body_of(note)) == list(PROSE)


def test_a_page_whose_class_names_mislead_is_read_again_by_its_markup_alone():
    # a page builder names every text box a "widget": each holds a quarter of the article
    boxes = "".join(f"<div class='builder-widget'><p>{text}</p></div>" for text in PROSE)
    links = " ".join(f"<a href='/topic/{n}'>Topic number {n} of the city pages</a>" for n in range(40))
    html = f"<html><body><div class='topics'>{links}</div><div class='page'>{boxes}</div></body></html>"
    assert texts(body_of(html)) == list(PROSE)


def test_an_embedded_post_is_a_quotation_the_article_shows():
    tweet = ("<div class='article-widget social-embed'><blockquote class='twitter-tweet'><p>The new "
             "library hours are great news for students.</p>— Ann (@ann) March 1, 2024</blockquote></div>")
    body = body_of(page(prose_html(PROSE[:2]) + tweet + prose_html(PROSE[2:])))
    assert Paragraph("The new library hours are great news for students.", "blockquote") in body.paragraphs


def test_pruned_chrome_can_be_put_back_exactly():
    from scraper.extract.chrome import prune_chrome, restore
    html = page(prose_html(PROSE[:2]) + "text<div class='share-bar'>Share</div>tail<span class='ad'>x</span>end"
                + prose_html(PROSE[2:]), around=CHROME_FAMILIES["sidebar"])
    root = parse_html(html).root
    before = lxml.html.tostring(root)
    removals = prune_chrome(root.find("body"))
    assert len(removals) >= 4 and lxml.html.tostring(root) != before
    restore(removals)
    assert lxml.html.tostring(root) == before


def test_caption_and_credit_lines_without_markup_are_no_text():
    article = (prose_html(PROSE[:2]) + "<p>Abbildung 4: Der Lesesaal am Abend.</p>"
               "<p>The reading room on a Tuesday. (Photo: Getty Images)</p>"
               "<p>Ann Smith, head librarian, photo: City archives</p><p>Fotos: Max Mustermann</p>"
               + prose_html(PROSE[2:]))
    assert texts(body_of(page(article))) == list(PROSE)


def test_labels_left_behind_by_removed_link_boxes_are_no_text():
    links = "<ul><li><a href='/a'>Pools close early this winter</a></li><li><a href='/b'>New bus lanes</a></li></ul>"
    article = (prose_html(PROSE[:2]) + f"<h3>Mehr zum Thema</h3>{links}" + prose_html(PROSE[2:])
               + f"<p>Read also:</p>{links}<p>Kontakt:</p><p><a href='mailto:x@example.com'>x@example.com</a></p>")
    assert texts(body_of(page(article))) == list(PROSE)


def test_tool_words_social_prompts_and_read_also_promos_are_no_text():
    article = (prose_html(PROSE[:2]) + "<p>Print</p><p><a href='/pdf'>PDF</a> herunterladen</p>"
               "<p>Lesen Sie auch: <a href='/pools'>Die Schwimmbäder schließen früher</a></p>"
               + prose_html(PROSE[2:]) + "<p>Follow us on Twitter @citynews and on Facebook.</p>")
    assert texts(body_of(page(article))) == list(PROSE)


def test_the_kicker_above_the_headline_is_no_text_but_a_subhead_is():
    article = ("<span class='post-category'>City</span><a href='/city'>Local news</a><h1>Library opens late</h1>"
               + prose_html(PROSE[:2]) + "<h2>Staffing the late shifts</h2>" + prose_html(PROSE[2:]))
    assert texts(body_of(page(article))) == [*PROSE[:2], "Staffing the late shifts", *PROSE[2:]]


def test_text_above_the_headline_that_reads_as_prose_stays():
    article = prose_html(PROSE[:1]) + "<p>Opening hours</p><h1>Library opens late</h1>" + prose_html(PROSE[1:])
    assert texts(body_of(page(article))) == [PROSE[0], "Opening hours", *PROSE[1:]]


def test_a_section_label_opening_the_text_is_no_text_without_a_headline_either():
    article = "<span class='dachzeile'>Verkehr</span>" + prose_html()
    assert texts(body_of(page(article))) == list(PROSE)
    for opening in ("Good news.", "Dear readers,"):  # a short sentence, or its start, is text
        assert texts(body_of(page(f"<p>{opening}</p>" + prose_html()))) == [opening, *PROSE]


def test_lines_of_tool_words_zoom_captions_and_post_notes_are_no_text():
    article = (prose_html(PROSE[:1]) + "<p>Bild anzeigen Bild schließen</p><p>Permalink https://p.example.com/p/Rx</p>"
               "<p>Vergrößern Der Lesesaal am Abend.</p><p>asked Feb 6, 2014 at 20:37</p>" + prose_html(PROSE[1:])
               + "<p>library.html - Created 03-10-2004 2:20pm - Last Modified: 03-10-2004 2:20pm</p>")
    assert texts(body_of(page(article))) == list(PROSE)


def test_the_sites_call_to_subscribe_opening_or_closing_the_text_is_no_text():
    call = "Want more? Sign up for our newsletter and get the best stories every week."
    mention = "The library also sends a newsletter to its readers."
    article = prose_html(PROSE[:2]) + f"<p>{mention}</p>" + prose_html(PROSE[2:]) + f"<p>{call}</p>"
    assert texts(body_of(page(article))) == [*PROSE[:2], mention, *PROSE[2:]]
    opening = "<p>Submit your letter to the editor via this form.</p>" + prose_html()
    assert texts(body_of(page(opening))) == list(PROSE)


def test_counters_login_notes_and_next_article_labels_are_no_text():
    article = (prose_html(PROSE[:2]) + "<p>3 von 17</p><p>Showing 1–10 of 19 results</p>"
               "<p>You must be logged in to post a comment.</p><p>Next article</p>" + prose_html(PROSE[2:])
               + "<p>Between 1990 and 2000, 3 of 4 voters agreed.</p>")
    assert texts(body_of(page(article))) == [*PROSE, "Between 1990 and 2000, 3 of 4 voters agreed."]


def test_a_copy_of_the_pages_title_opening_the_text_is_the_headline_not_text():
    head = "<meta property='og:title' content='Library opens late on weekdays | City News'>"
    article = "<div class='story-title'>Library opens late on weekdays</div>" + prose_html()
    assert texts(body_of(page(article, head=head))) == list(PROSE)
    later = prose_html(PROSE[:2]) + "<h2>Library opens late on weekdays</h2>" + prose_html(PROSE[2:])
    assert texts(body_of(page(later, head=head))) == [*PROSE[:2], "Library opens late on weekdays", *PROSE[2:]]


def test_the_blog_engines_post_note_and_download_labels_are_no_text():
    note = ("This entry was posted on Tuesday, March 5th, 2024 at 9:15 am and is filed under City. You can "
            "follow any responses to this entry through the RSS 2.0 feed. Responses are currently closed, but "
            "you can trackback from your own site. Both comments and pings are currently closed here, as they "
            "are on every post of this blog older than thirty days.")
    article = (prose_html(PROSE[:2]) + "<p><a href='/hours.pdf'>Opening hours 2024</a>PDF | 38 KB</p>"
               + prose_html(PROSE[2:]) + f"<p>{note}</p>")
    assert texts(body_of(page(article))) == list(PROSE)
