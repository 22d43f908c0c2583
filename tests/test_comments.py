"""Reader comments: exact records for each comment engine's fixture, and the containers the body
leaves out."""
from __future__ import annotations

import time

import pytest

from scraper.extract.comments import find_comments
from scraper.extract.comments.dates import DateReader
from scraper.extract.comments.section import declared_count
from scraper.extract.document import parse_html
from scraper.extract.jsonld import read_json_ld

from conftest import FIXTURES, fixture_bytes

URL = "https://news.example.org/2024/05/story/"
FETCHED = "2024-05-10T12:00:00+00:00"


def comment(id, text, *, parent_id=None, author=None, published=None, likes=None):
    return {"id": id, "text": text, "parent_id": parent_id, "author": author, "published": published,
            "likes": likes}


def section_of(name):
    root = parse_html((FIXTURES / name).read_text(encoding="utf-8")).root
    return root, find_comments(root, read_json_ld(root), FETCHED)


# fixture -> (comment records, declared count)
EXPECTED = {
    "comments/wordpress-threaded.html": ([
        comment("comment-301", "The 5:45 boat was the only way I could make my shift at the hospital.\n\n"
                "Half an hour later means I need a car on the mainland now.",
                author="Dana Whitcomb", published="2023-09-12T09:14:00-04:00"),
        comment("comment-302", "Dana, the operator says a hospital shuttle will meet the 6:15 boat. "
                "I am asking for details.",
                parent_id="comment-301", author="Rita Okafor", published="2023-09-12T10:02:00-04:00"),
        comment("comment-305", "Thank you! A shuttle would solve it.",
                parent_id="comment-302", author="Dana Whitcomb", published="2023-09-13T07:40:00-04:00"),
        comment("comment-303", "Same problem here – the early boat is always full in winter.",
                parent_id="comment-301", author="Tom H.", published="2023-09-12T11:30:00-04:00"),
        comment("comment-304", "Two more evening crossings is a fair trade for those of us who work late.",
                author="Marguerite", published="2023-09-12T18:05:00-04:00"),
    ], 5),
    "comments/jsonld-comments.html": ([
        comment("comment-9001", "Endlich! Die Kreuzung am Markt war lebensgefährlich.",
                author="Radlerin_HB", published="2024-03-05T08:12:00+01:00", likes=14),
        comment("comment-9003", "Lebensgefährlich ist übertrieben.\n\nAber eng war es, das stimmt.",
                parent_id="comment-9001", author="K. Brandt", published="2024-03-05T09:40:00+01:00"),
        comment("comment-9002", "Und wo sollen die Lieferwagen halten?",
                author="Peter M.", published="2024-03-05T08:30:00+01:00"),
    ], 4),
    "comments/relative-dates.html": ([
        comment("a81", "Weekend hours would help every working parent in this town.",
                author="bookworm77", published="2024-05-08T12:00:00+00:00", likes=7),
        comment("a84", "Agreed. Saturday mornings at least.",
                parent_id="a81", author="Marta P.", published="2024-05-10T09:00:00+00:00", likes=2),
    ], 12),
    "comments/no-comments.html": ([], None),
    "comments/disqus-static.html": ([
        comment("dsq-comment-118", "Mulching made the biggest difference for me.",
                author="Holly Ridge", published="2011-07-14T07:02:00"),
        comment("dsq-comment-121", "Glad it worked, Holly!\n\nStraw is cheapest in our area.",
                parent_id="dsq-comment-118", author="Garden Bench", published="2011-07-14T09:45:00"),
        comment("dsq-comment-130", "Does this work for cherry tomatoes too?",
                author="Anonymous", published="2011-07-16T23:20:00"),
    ], None),
    "comments/microdata.html": ([
        comment("stimme-88", "Das war absehbar.\n\nDie Brücke ist seit Jahren marode.",
                author="Jonas Berg", published="2022-11-03T19:20:00+01:00", likes=12),
        comment("stimme-91", "Das Bauamt hatte die Lager zuletzt 2019 geprüft.",
                parent_id="stimme-88", author="Redaktion", published="2022-11-04T08:05:00"),
    ], 2),
}
# Engines and markups named by none of the names above: found by their structured data, their
# section's name or title and the shape of their thread.
EXPECTED.update({
    "comments/blogger-classic.html": ([
        comment("c4410238870176", "Das probiere ich am Wochenende aus. Bei uns hängt der Baum voll.",
                author="Hanne", published="2017-10-08T18:26:00"),
        comment("c6187730452910", "Viel Spaß, Hanne!\nNimm lieber etwas mehr Zitrone, dann geliert es sicher.",
                author="Mira", published="2017-10-08T20:21:00"),
        comment("c2958821036447", "Und was macht man mit dem Flaum? Kompost?",
                author="Anonym", published="2017-10-09T10:50:00"),
    ], 3),
    "comments/blogger-threaded.html": ([
        comment("c7301", "Den Färöer-Roman habe ich mir gleich notiert!", author="Leselotte", published="2018-03-02T14:12:00"),
        comment("c7305", "Unbedingt! Sag mir, wie du es fandest.",
                parent_id="c7301", author="Seitenweise", published="2018-03-02T16:58:00"),
    ], 2),
    "comments/joomla-jcomments.html": ([
        comment("comment-item-412", "Endlich! Die Kinder waren heute schon zwei Stunden dort.",
                author="Familie Kraus", published="2019-06-14T17:42:00"),
        comment("comment-item-415", "Schön geworden. Fehlt nur noch eine Bank im Schatten für die Eltern.",
                author="Jens", published="2019-06-15T08:05:00"),
    ], None),
    "comments/html5-responses.html": ([
        comment("r-1", "Great write-up. Did you match the gain of the replacement transistor?",
                author="Kofi Mensah", published="2021-03-08T09:12:00+00:00"),
        comment("r-2", "Roughly, yes. The circuit is forgiving as long as the gain is above 200.",
                parent_id="r-1", author="Ines Marlow", published="2021-03-08T12:30:00+00:00"),
        comment("r-3", "Mine has the same silent kick drum. Off to order parts!",
                author="Patrice", published="2021-03-10T21:04:00+00:00"),
    ], 3),
    "comments/livefyre.html": ([
        comment("fyre-message-88120", "About time. I have been nearly doored on that stretch twice this year.",
                author="bikecommuter42", published="2015-06-03T15:41:00-07:00"),
        comment("fyre-message-88131", "Where are my delivery trucks supposed to stop now?",
                author="MainStreetDeli", published="2015-06-03T16:02:00-07:00"),
    ], None),
    "comments/discourse-topic.html": ([
        comment("post_2", "Just hungry. Feed it twice a day for a few days and the smell goes away.",
                author="levain_larry", published="2023-01-05T11:24:00+00:00", likes=4),
        comment("post_3", "That did it, it doubled overnight. Thanks!",
                author="ada_bakes", published="2023-01-08T18:02:00+00:00"),
    ], None),
    "comments/reacties-nl.html": ([
        comment("reactie-3301", "Mooi plan, maar wie gaat ze water geven in augustus?",
                author="Pieter V.", published="2022-04-12T14:05:00"),
        comment("reactie-3307", "Eindelijk wat groen op het Marktplein.", author="Fatima", published="2022-04-12T16:40:00"),
    ], 2),
    "comments/comentarios-es.html": ([
        comment("comentario-771", "Por fin, en agosto no había dónde estudiar.",
                author="Carmen G.", published="2019-07-02T10:15:00"),
        comment("comentario-775", "¿Y los fines de semana?", author="Andrés", published="2019-07-02T12:48:00"),
    ], 2),
    "comments/movabletype-classic.html": ([
        comment("c000412", "Avocets! I have waited ten years to see one on the dike.",
                author="June Alder", published="2005-04-19T07:12:00"),
        comment("c000415", "Count me in for the autumn count.\n\nI can bring the spotting scope.",
                author="Dmitri", published="2005-04-19T18:40:00"),
    ], None),
    "comments/drupal7-rdfa.html": ([
        comment("comment-301", "It looks wonderful from the ferry.", author="Morag", published="2014-08-22T19:30:00+01:00"),
        comment("comment-302", "Thank you, Morag! Photos are in the gallery.",
                parent_id="comment-301", author="Harbour Society", published="2014-08-23T09:10:00+01:00"),
    ], None),
    "comments/jsonld-unnamed-markup.html": ([
        comment("note-51", "Which thermostatic valves did you buy? Ours stick every autumn.",
                author="Olu", published="2023-02-11T10:20:00+00:00"),
        comment("note-52", "Bleeding the radiators alone made a difference for us.",
                author="Greta Lind", published="2023-02-12T07:45:00+00:00"),
    ], 2),
    "comments/commento.html": ([
        comment("commento-comment-card-8f2a", "Which server software did you pick for the faces?",
                author="Rhea", published="2022-11-06T14:02:00", likes=3),
        comment("commento-comment-card-91c0",
                "An open-source one with a machine learning add-on; I will write it up next.",
                parent_id="commento-comment-card-8f2a", author="bitsandbobs", published="2022-11-06T18:30:00", likes=1),
    ], None),
    "comments/isso.html": ([
        comment("isso-41", "Does it handle spam well? That is what made me give up last time.",
                author="Wren", published="2023-03-14T08:02:11+00:00", likes=2),
        comment("isso-42", "Surprisingly well. New comments wait for approval, and a honeypot field catches the rest.",
                parent_id="isso-41", author="lowtide", published="2023-03-14T10:40:00+00:00"),
    ], None),
    "comments/remark42.html": ([
        comment("remark42__comment-7c1e", "Добавлю: .PHONY спасает от многих странных ошибок.",
                author="Павел", published="2022-02-12T18:04:00", likes=3),
        comment("remark42__comment-90ab", "А как быть с Windows?", author="Ольга", published="2022-02-13T09:30:00"),
    ], None),
    "comments/coral-talk.html": ([
        comment("comment-5b1e-44", "Teenagers need the sleep. The research on this is not new.",
                author="TeacherMom", published="2024-01-09T02:14:00+00:00"),
        comment("comment-5b1e-47", "The routes are the hard part. We run three tiers with the same buses.",
                parent_id="comment-5b1e-44", author="bus_driver_dan", published="2024-01-09T03:01:00+00:00"),
        comment("comment-5b1e-52", "Practice would end after dark in November. Not great.",
                author="Marcus L", published="2024-01-09T04:40:00+00:00"),
    ], None),
    "comments/commentlist-plain.html": ([
        comment("c-1", "I still use a jig for the wide chisels, but freehand for everything under an inch.",
                author="Bea Holm", published="2009-03-02T21:15:00"),
        comment("c-2", "Forty years freehand here.\n\nThe strop matters more than the stones.",
                author="Old Tom", published="2009-03-03T07:02:00"),
    ], 2),
    "comments/substack.html": ([
        comment("comment-2198340", "The sewing machine shop near me has a six-week waiting list.",
                author="Ruth K", published="2024-02-03T21:41:00"),
        comment("comment-2198555", "Right-to-repair rules help, but parts prices are still the real barrier.",
                author="J. Osei", published="2024-02-04T07:05:00"),
    ], None),
    "comments/titled-in-article.html": ([
        comment("c1", "Genau diese Tour planen wir für nächsten Sommer. Danke für die Tipps zur Pension!",
                author="Ulrike", published="2016-08-14T19:20:00"),
        comment("c2", "Hinter Creuzburg haben wir geschoben. Keine Schande!",
                author="Rainer S.", published="2016-08-15T08:02:00"),
        comment("c3", "Schöner Bericht, die Fotos machen Lust auf mehr.", author="Tine", published="2016-08-17T21:47:00"),
    ], 3),
    "comments/phpbb-topic.html": ([
        comment("p5121", "A worn chain on fresh cogs skips exactly like that. Measure it with a chain checker; "
                "past 0.75 it has to go.", author="wrenchmonkey", published="2022-04-02T09:40:00+00:00"),
        comment("p5125", "Checker went straight through at 1.0. New chain fitted, no more skipping.",
                author="gravelgrinder", published="2022-04-03T19:05:00+00:00"),
    ], None),
})
SEED_TEXTS = ("The rule for sister cities should be that your foreign sister city should be as crappy as your city.",
              "Didn’t we used to call them “junkets”?")
# the theme dates comments in local time without an offset (the issue: "2024-02-02T14:40:00")
SEED = {
    "maine-wire.html": ("2024-02-02T14:40:00", "2024-02-02T17:25:00"),
    "maine-wire-bare.html": ("2024-02-02T14:40:00", "2024-02-02T17:25:00"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_engine_gives_the_exact_comment_records(name, extract_record):
    record = extract_record(fixture_bytes(name), URL, fetched_at=FETCHED)
    comments, count = EXPECTED[name]
    assert record["comments"] == comments
    assert record["comment_count"] == count


@pytest.mark.parametrize("name", sorted(SEED))
def test_the_seed_page_gives_its_two_comments_exactly(name, extract_record):
    if not (FIXTURES / name).exists():
        pytest.skip(f"{name} is not in fixtures/ yet")
    record = extract_record(fixture_bytes(name), URL)
    first, second = SEED[name]
    assert record["comments"] == [
        comment("comment-41873", SEED_TEXTS[0], author="Samual K Blojobo", published=first),
        comment("comment-41881", SEED_TEXTS[1], author="ME Infidel", published=second),
    ]
    assert record["comment_count"] == 2


def test_relative_dates_are_unknown_without_a_capture_time(extract_record):
    record = extract_record(fixture_bytes("comments/relative-dates.html"), URL)
    assert [c["published"] for c in record["comments"]] == [None, None]
    assert [c["author"] for c in record["comments"]] == ["bookworm77", "Marta P."]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_comment_material_stays_out_of_the_body(name, extract_record):
    record = extract_record(fixture_bytes(name), URL, fetched_at=FETCHED)
    leaked = [c["text"] for c in record["comments"] if c["text"].split("\n\n")[0] in record["body"]]
    assert leaked == []
    for chrome in ("Leave a Reply", "says:", "Post Comment", "Reply\n", "Show all 12 comments", "Leserstimmen"):
        assert chrome not in record["body"]
    assert record["body"]  # the article itself is still there


def test_the_containers_hold_every_comment_and_nothing_of_the_article():
    root, section = section_of("comments/wordpress-threaded.html")
    assert len(section.containers) == 1
    (container,) = section.containers
    assert "comments-wrapper" in container.get("class")
    text = container.text_content()
    assert all(c.text.split("\n\n")[0] in text for c in section.comments)
    assert "Leave a Reply" in text  # the form goes with the comments
    assert "Casco Bay ferry" not in text


def test_a_comment_form_alone_is_left_out_but_invents_no_comment():
    _, section = section_of("comments/no-comments.html")
    assert section.comments == ()
    assert [c.get("id") for c in section.containers] == ["comments"]
    # the editor's note classed "editor-comment" is the article's, not a comment
    assert not any("Editor's note" in c.text_content() for c in section.containers)


def test_a_page_without_any_comment_markup_has_no_section():
    root = parse_html("<html><body><article><p>Just a story about commentary.</p></article></body></html>").root
    assert find_comments(root, [], None) == find_comments(root, [], FETCHED)
    section = find_comments(root, [], None)
    assert (section.comments, section.count, section.containers) == ((), None, ())


def test_blocks_named_comment_without_author_or_date_are_not_a_discussion():
    page = """<html><body><article><p>Live from the stadium.</p>
      <div class="live-comment"><p>Kick-off in Lorient.</p></div>
      <div class="live-comment"><p>Yellow card for Nardi.</p></div></article></body></html>"""
    section = find_comments(parse_html(page).root, [], None)
    assert section.comments == () and section.containers == ()


def test_a_forum_thread_page_keeps_its_first_post_for_the_body():
    posts = "".join(
        f'<div class="post-comment" id="post-{n}"><span class="author">user{n}</span>'
        f'<span class="date">0{n}.02.2024 10:00</span><div class="comment-text">{text}</div></div>'
        for n, text in enumerate(["How do I reset the router? " * 6, "Hold the button for ten seconds.",
                                  "That worked, thanks."], 1))
    section = find_comments(parse_html(f"<html><body><main><h1>Router reset</h1>{posts}</main></body></html>").root,
                            [], None)
    assert [(c.id, c.author, c.published) for c in section.comments] == [
        ("post-2", "user2", "2024-02-02T10:00:00"), ("post-3", "user3", "2024-02-03T10:00:00")]
    assert [c.get("id") for c in section.containers] == ["post-2", "post-3"]


def test_replies_of_a_comment_without_text_go_to_its_parent():
    page = """<html><body><ol class="comment-list">
      <li class="comment" id="comment-1"><cite class="fn">Ann</cite><div class="comment-content"><p>First.</p></div>
        <ul class="children"><li class="comment" id="comment-2"><cite class="fn">Bo</cite><div class="comment-content"></div>
          <ul class="children"><li class="comment" id="comment-3"><cite class="fn">Cy</cite>
            <div class="comment-content"><p>Third.</p></div></li></ul></li></ul></li></ol></body></html>"""
    section = find_comments(parse_html(page).root, [], None)
    assert [(c.id, c.parent_id, c.author, c.text) for c in section.comments] == [
        ("comment-1", None, "Ann", "First."), ("comment-3", "comment-1", "Cy", "Third.")]


def test_broken_json_ld_comments_are_skipped_not_fatal():
    json_ld = [{"@type": "Article", "commentCount": "x", "comment": [
        "just a string", {"@type": "Comment"}, {"@type": "Comment", "text": 5, "author": 7},
        {"@type": "Comment", "text": "Fine.", "author": [{"name": "Zed"}], "dateCreated": "garbage"}]}]
    section = find_comments(parse_html("<html><body><p>x</p></body></html>").root, json_ld, None)
    assert [(c.id, c.author, c.published, c.text) for c in section.comments] == [("c1", "Zed", None, "Fine.")]
    assert section.count is None


@pytest.mark.parametrize("text, expected", [
    ("February 2, 2024 2:40 PM", "2024-02-02T14:40:00"),
    ("February 2, 2024 at 5:25 pm", "2024-02-02T17:25:00"),
    ("2. Februar 2024 um 14:40", "2024-02-02T14:40:00"),
    ("02.02.2024 14:40", "2024-02-02T14:40:00"),
    ("18. 05. 2014 22:38", "2014-05-18T22:38:00"),
    ("28.09.19 13:39", "2019-09-28T13:39:00"),
    ("2024-02-02T14:40:00-05:00", "2024-02-02T14:40:00-05:00"),
    ("2019-09-27 00:14:04Z", "2019-09-27T00:14:04+00:00"),
    ("le 3 mars 2020 à 14h05", "2020-03-03T14:05:00"),
    ("2 de febrero de 2024 a las 10:15", "2024-02-02T10:15:00"),
    ("12/31/2024", "2024-12-31"),
    ("2 days ago", "2024-05-08T12:00:00+00:00"),
    ("vor 3 Stunden", "2024-05-10T09:00:00+00:00"),
    ("a day ago", "2024-05-09T12:00:00+00:00"),
    ("yesterday at 3:00 pm", "2024-05-09T15:00:00+00:00"),
    ("Reply", None),
    ("13:04", None),  # a clock time alone: the day is unknown
    ("99999999999999999999 days ago", None),
    ("yesterday at 99:99", None),
    ("31.02.2024 10:00", None),
])
def test_comment_dates(text, expected):
    assert DateReader(FETCHED).read(text) == expected


def test_relative_dates_need_the_capture_time():
    assert DateReader(None).read("2 days ago") is None
    assert DateReader(None).read("vor 3 Stunden") is None


@pytest.mark.parametrize("text, expected", [
    ("2 Comments", 2), ("12 Kommentare", 12), ("Kommentare (3)", 3), ("One thought on “Tide tables”", 1),
    ("5 Antworten zu „Rebloggt“", 5), ("No comments yet", 0), ("Leave a Reply", None), ("Comments", None),
    ('<span class="dsq-postid" data-dsqidentifier="25114 https://example.com/?p=25114">2 Comments', 2),
])
def test_declared_counts(text, expected):
    assert declared_count(text) == expected


def test_comments_under_a_plain_title_without_comment_markup():
    page = """<html><body><div id="content"><h1>News</h1><p>Chapter 121 is online now.</p>
      <div class="titlebar">Kommentare</div>
      <div><h3>#1 Kommentar von <img src="de.png"> Naru-chan</h3> 26. März 2004, 16:19 <p>Danke für dieses Kapitel</p>
           <h3>#2 Kommentar von Keitaro</h3> 27. März 2004, 09:05 <p>Super!</p><p>Weiter so.</p></div>
      <div class="noprint"><div class="titlebar">Kommentare schreiben</div><form><textarea></textarea></form></div>
      </div></body></html>"""
    section = find_comments(parse_html(page).root, [], None)
    assert [(c.id, c.author, c.published, c.text) for c in section.comments] == [
        ("c1", "Naru-chan", "2004-03-26T16:19:00", "Danke für dieses Kapitel"),
        ("c2", "Keitaro", "2004-03-27T09:05:00", "Super!\n\nWeiter so.")]
    assert [c.get("class") for c in section.containers] == ["titlebar", None]


def test_an_age_dates_a_comment_even_when_the_capture_time_is_unknown():
    page = """<html><body><div class="thread">
      <div class="Comment" id="t1_a"><a href="/r/x/comments/1/a/">6 years ago</a><p>I do similar things.</p></div>
      <div class="Comment" id="t1_b"><a href="/r/x/comments/1/b/">5 years ago</a><p>Same here.</p></div>
      </div></body></html>"""
    unknown = find_comments(parse_html(page).root, [], None)
    assert [(c.id, c.published, c.text) for c in unknown.comments] == [
        ("t1_a", None, "I do similar things."), ("t1_b", None, "Same here.")]
    known = find_comments(parse_html(page).root, [], FETCHED)
    assert [c.published for c in known.comments] == ["2018-05-10T12:00:00+00:00", "2019-05-10T12:00:00+00:00"]


DRUPAL = """<html><body><article><p>The library opens on Sundays from May.</p></article>
<section class="comments"><h2>Comments</h2>
<article id="comment-17" class="comment js-comment by-anonymous">
  <footer class="comment__meta"><p class="comment__author"><span>Hans Meier</span></p>
    <p class="comment__time">Fr., 15.03.2013 - 10:23</p>
    <p class="comment__permalink"><a href="/comment/17#comment-17">Permalink</a></p></footer>
  <div class="comment__content"><div class="field field--name-comment-body"><p>Das sollte man öfter machen.</p></div>
    <ul class="links inline"><li class="comment-reply"><a href="/comment/reply/node/5/comment/17">Antworten</a></li></ul></div>
</article>
<div class="indented"><article id="comment-18" class="comment js-comment by-node-author">
  <footer class="comment__meta"><p class="comment__author"><span>Redaktion</span></p>
    <p class="comment__time">Fr., 15.03.2013 - 11:00</p></footer>
  <div class="comment__content"><div class="field--name-comment-body"><p>Danke!</p></div></div>
</article></div></section>
<div id="comments-old"><a id="comment-123"></a>
<div class="comment comment-by-anonymous clearfix">
  <div class="submitted"><span>Submitted by <span class="username">Lisa K.</span> on <span>Fri, 03/15/2013 - 10:23</span></span></div>
  <div class="content"><p>Is the library open on Sundays?</p></div></div></div>
<div class="comments-content"><div class="comment font-entrybody" id="c6a00d83451b">
  <div class="comment-content"><p>I remember that winter well.</p></div>
  <p class="comment-footer">Posted by: <a href="http://example.com/">Old Timer</a> | <a href="#c6a00d83451b">March 03, 2010 at 10:00 AM</a></p>
</div></div></body></html>"""


def test_drupal_and_typepad_conventions():
    """Drupal puts replies in a <div class="indented"> after the parent and (in version 7) the id in
    an empty anchor before it; Typepad prints "Posted by: name | date" below the text."""
    section = find_comments(parse_html(DRUPAL).root, [], None)
    assert [(c.id, c.parent_id, c.author, c.published, c.text) for c in section.comments] == [
        ("comment-17", None, "Hans Meier", "2013-03-15T10:23:00", "Das sollte man öfter machen."),
        ("comment-18", "comment-17", "Redaktion", "2013-03-15T11:00:00", "Danke!"),
        ("comment-123", None, "Lisa K.", "2013-03-15T10:23:00", "Is the library open on Sundays?"),
        ("c6a00d83451b", None, "Old Timer", "2010-03-03T10:00:00", "I remember that winter well."),
    ]


def test_slashed_dates_follow_the_page_language():
    assert DateReader(month_first=True).read("03/04/2013 10:00") == "2013-03-04T10:00:00"
    assert DateReader().read("03/04/2013 10:00") == "2013-04-03T10:00:00"
    assert DateReader(month_first=True).read("31/12/2013") == "2013-12-31"  # no 31st month
    assert DateReader(month_first=True).read("03.04.2013") == "2013-04-03"  # dots are day first


def test_an_opinion_piece_classed_for_comment_is_not_a_comment():
    page = """<html><body><main>
      <article class="article article--kommentar category-kommentar">
        <span class="author">Anna Berg</span><time datetime="2024-02-02T10:00:00+01:00">2. Februar 2024</time>
        <p>Ein Kommentar zur Lage der Stadtfinanzen, lang genug, um der Text der Seite zu sein.</p></article>
      <div class="teaser--comment"><span class="author">Bo</span><span class="date">01.02.2024</span><p>Mehr Meinung</p></div>
      <div class="comment comment--reply"><span class="author">Cy</span><span class="date">03.02.2024 08:00</span>
        <p>Gut geschrieben.</p></div></main></body></html>"""
    section = find_comments(parse_html(page).root, [], None)
    assert [(c.author, c.text) for c in section.comments] == [("Cy", "Gut geschrieben.")]
    assert not any("Stadtfinanzen" in c.text_content() for c in section.containers)


def test_a_section_wrapped_around_the_article_leaves_the_article_in_the_body(extract_record):
    # a theme that puts id="comments" on a wrapper around the post and its discussion
    page = """<html><body><div id="comments" class="discussion-enabled">
      <article class="post"><h1>Ferry news</h1><p>The ferry runs again on Sunday, the port said.</p></article>
      <div class="comment" id="comment-1"><span class="comment-author">Ann</span>
        <time datetime="2024-02-02T10:00">Feb 2</time><p>Finally, good news for the island.</p></div>
      <div class="comment" id="comment-2"><span class="comment-author">Bob</span>
        <time datetime="2024-02-02T11:00">Feb 2</time><p>About time they fixed it.</p></div>
      </div></body></html>"""
    section = find_comments(parse_html(page).root, [], None)
    assert [c.author for c in section.comments] == ["Ann", "Bob"]
    assert [c.get("id") for c in section.containers] == ["comment-1", "comment-2"]
    record = extract_record(page.encode(), URL)
    assert record["body"] == "The ferry runs again on Sunday, the port said."
    assert [c["text"] for c in record["comments"]] == ["Finally, good news for the island.", "About time they fixed it."]


@pytest.mark.parametrize("name, words", [
    ("comments/discourse-topic.html", "My two-week-old starter suddenly smells of acetone"),
    ("comments/movabletype-classic.html", "a pair of avocets feeding in the flooded field"),
    ("comments/titled-in-article.html", "nur hinter Creuzburg wird es einmal steil"),
    ("comments/jsonld-unnamed-markup.html", "we used 34 percent less gas"),
    ("comments/blogger-classic.html", "Vier Minuten sprudelnd kochen lassen"),
    ("comments/phpbb-topic.html", "Now it skips whenever I stand on the pedals"),  # the forum's topic post
])
def test_the_article_beside_comments_found_by_shape_stays_in_the_body(name, words, extract_record):
    record = extract_record(fixture_bytes(name), URL, fetched_at=FETCHED)
    assert words in record["body"]
    assert record["comments"] and not any(c["text"][:30] in record["body"] for c in record["comments"])


def test_comments_the_json_ld_states_are_found_in_the_markup_and_left_out():
    _, section = section_of("comments/jsonld-unnamed-markup.html")
    assert [c.get("class") for c in section.containers if c.tag == "div"] == ["talk"]


TEASERS = """<html><body><article><h1>Town news</h1><p>The market moves to the harbour in June, the council said.</p>
  <p>Stalls will open at seven and close at two, as before.</p></article>
  <h2>Comments</h2>
  <ul>
    <li><h3><a href="/2024/05/bridge/">Bridge closed for repairs</a></h3><span class="by">Ann Lee</span>
        <time datetime="2024-05-01">May 1</time><p>The bridge closes for two weeks.</p></li>
    <li><h3><a href="/2024/04/school/">New school opens</a></h3><span class="by">Bo Kim</span>
        <time datetime="2024-04-20">April 20</time><p>Two hundred pupils started on Monday.</p></li>
  </ul></body></html>"""
RECENT = """<html><body><article><h1>Town news</h1><p>The market moves to the harbour in June.</p></article>
  <aside><ul id="recent-comments" class="recentcomments-list">
    <li class="recent-comment"><a href="/u/ann">Ann</a> on <a href="/2024/05/bridge/#c1">Bridge closed for repairs</a>
      <time datetime="2024-05-02">May 2</time></li>
    <li class="recent-comment"><a href="/u/bo">Bo</a> on <a href="/2024/04/school/#c7">New school opens at last</a>
      <time datetime="2024-04-21">April 21</time></li></ul></aside></body></html>"""
BYLINE = """<html><body><main><h1>Harbour news</h1>
  <div class="entry-meta share-comments">By <a rel="author" href="/staff/ann">Ann Lee</a> ·
    <time datetime="2024-05-01T10:00">May 1, 2024</time></div>
  <p>The harbour reopens on Sunday after the storm, the port authority said on Friday morning.</p></main></body></html>"""
REACTIONS = """<html><body><article><h1>Vote passes</h1><p>The council passed the budget by one vote.</p>
  <h2>Reactions to the vote</h2>
  <div class="quote"><b>Mayor</b> <span>03.05.2024</span><p>We kept our promise on the pool.</p></div>
  <div class="quote"><b>Opposition</b> <span>03.05.2024</span><p>The rates rise again.</p></div>
  </article></body></html>"""
TOPIC = """<html><body><div class="thread">
  <div class="post-comment-content"><span class="comment-author">asker</span><span class="comment-time">01.02.2024 09:00</span>
    <div class="text">My router resets itself every night at three, and the log shows no error.
      Has anyone seen this before? The firmware is current.</div></div>
  <div class="comment" id="comment-2"><span class="comment-author">helper</span><span class="comment-time">01.02.2024 10:00</span>
    <div class="comment-text">Check the scheduled reboot setting.</div></div>
  <div class="comment" id="comment-3"><span class="comment-author">asker</span><span class="comment-time">01.02.2024 11:30</span>
    <div class="comment-text">That was it, thanks.</div></div></div></body></html>"""


@pytest.mark.parametrize("page", [TEASERS, RECENT, BYLINE, REACTIONS], ids=["teasers", "recent", "byline", "reactions"])
def test_lists_that_look_like_a_thread_but_are_not_one_give_no_comments(page):
    section = find_comments(parse_html(page).root, [], FETCHED)
    assert section.comments == () and section.containers == ()


def test_a_forum_topic_named_like_a_comment_part_is_not_a_comment():
    section = find_comments(parse_html(TOPIC).root, [], None)
    assert [(c.id, c.author) for c in section.comments] == [("comment-2", "helper"), ("comment-3", "asker")]
    assert not any("router resets" in c.text_content() for c in section.containers)


def timed_comments(page: str) -> float:
    root = parse_html(page).root
    start = time.process_time()
    find_comments(root, [], FETCHED)
    return time.process_time() - start


@pytest.mark.parametrize("unit", [
    # a thread of unnamed comments under a title, each with a reply
    '<li><b>Ann</b> <span>0{d}.02.2024 10:00</span><p>Words of comment {n}.</p>'
    '<ol><li><b>Bo</b> <span>0{d}.02.2024 11:00</span><p>A reply.</p></li></ol></li>',
    # sections named for comments nested in one another, each with a date
    '<div class="comments"><div class="comments"><span>0{d}.02.2024</span><p>Text {n}</p>',
    # titles naming comments, each followed by a dated line
    '<h3>Comments</h3><div><i>Cy</i> <span>0{d}.02.2024</span> words {n}</div>',
    # dated blocks in a comment section, each of its own look
    '<div class="look{n}"><span>0{d}.02.2024</span> words {n}</div>',
    # comments named as such, each of its own look, all but one without author or date
    '<li class="comment c{n}"><p>Undated words {n}.</p></li><li class="comment"><cite>Di</cite>'
    '<span class="date">0{d}.02.2024</span><p>Dated.</p></li>',
])
def test_comment_finding_grows_linearly_with_the_page(unit):
    def page(count: int) -> str:
        items = "".join(unit.format(d=n % 9 + 1, n=n) for n in range(count))
        return f"<html><body><article><p>Story.</p></article><h2>3 Comments</h2><ol>{items}</ol></body></html>"
    timed_comments(page(80))  # the date readers' first call loads their tables
    small, large = timed_comments(page(80)), timed_comments(page(800))
    assert large < 30 * max(small, 0.005)


def test_a_day_and_month_without_the_year_dates_a_comment_but_resolves_to_none():
    page = """<html><body><div class="story"><p>Die Äpfel sind reif, die Wespen auch.</p></div>
      <div class="comments"><div class="commentsHeader">2 Kommentare</div>
      <div class="comment"><div class="commentText">Apfelmus! Mit Zimt?</div>
        <div class="commentDate">Karla - 12. Okt, 18:20</div></div>
      <div class="comment"><div class="commentText">Natürlich mit Zimt.</div>
        <div class="commentDate">gartenfee (Gast) - 12. Okt, 19:02</div></div></div></body></html>"""
    section = find_comments(parse_html(page).root, [], FETCHED)
    assert [(c.author, c.published, c.text) for c in section.comments] == [
        ("Karla", None, "Apfelmus! Mit Zimt?"), ("gartenfee (Gast)", None, "Natürlich mit Zimt.")]
    assert DateReader(FETCHED).shows_date("Oct 12 at 6:20 pm") and not DateReader(FETCHED).shows_date("3 Äpfel, 12:00")


FORUM = """<html><body><h1>Akku hält nur noch einen Tag</h1><ol class="messageList">{posts}</ol></body></html>"""
POST = """<li id="post-{n}" class="message"><div class="messageUserInfo"><h3 class="userText">
  <a href="members/{user}.{n}/" class="username">{user}</a><em class="userTitle">Mitglied</em></h3></div>
  <div class="messageInfo"><article><blockquote class="messageText">{text}</blockquote></article>
  <div class="messageMeta"><a href="#post-{n}" class="datePermalink"><span class="DateTime">12.05.2021</span></a></div></div></li>"""


def test_a_forums_replies_signed_by_profile_links_are_comments_and_its_topic_is_not():
    posts = "".join(POST.format(n=n, user=user, text=text) for n, user, text in [
        (1, "akkuleer", "Mein Handy ist zwei Jahre alt und der Akku hält nur noch einen Tag. Lohnt sich ein Tausch?"),
        (2, "technikfreund", "Ja, ein neuer Akku kostet beim Fachhändler etwa 60 Euro."),
        (3, "akkuleer", "Super, mache ich.")])
    section = find_comments(parse_html(FORUM.format(posts=posts)).root, [], None)
    assert [(c.id, c.author, c.published, c.text) for c in section.comments] == [
        ("post-2", "technikfreund", "2021-05-12", "Ja, ein neuer Akku kostet beim Fachhändler etwa 60 Euro."),
        ("post-3", "akkuleer", "2021-05-12", "Super, mache ich.")]
    assert not any("Lohnt sich ein Tausch" in c.text_content() for c in section.containers)
    # a site's members, linked from a grid with no dates, are no thread
    grid = "".join(f'<div class="member"><a class="username" href="/members/m{n}/">M{n}</a> Team</div>' for n in range(4))
    assert find_comments(parse_html(f"<html><body><p>Our team.</p>{grid}</body></html>").root, [], None).comments == ()



@pytest.mark.parametrize("order", ["header first", "footer after"])
def test_a_header_line_printed_beside_the_comment_gives_its_author_and_date(order):
    pairs = [("Peter", "10:14", "Endlich! Die Umleitung hat mich jeden Tag zwanzig Minuten gekostet."),
             ("Sabine", "11:02", "Schade um die alte Brücke, die hatte Charme.")]
    blocks = "".join(
        f'<div class="kommentar-kopf">Von {name} am 12.03.2015, {time}</div><div class="kommentar">{text}</div>'
        if order == "header first" else
        f'<div class="kommentar">{text}</div><div class="info">{name} - 12.03.2015, {time}</div>'
        for name, time, text in pairs)
    page = f"""<html><body><div class="artikel"><p>Die neue Brücke über die Lahn ist fertig.</p></div>
      <div class="kommentare"><h3>Kommentare</h3>{blocks}</div></body></html>"""
    section = find_comments(parse_html(page).root, [], None)
    assert [(c.author, c.published, c.text) for c in section.comments] == [
        (name, f"2015-03-12T{time}:00", text) for name, time, text in pairs]


def test_an_author_stated_in_the_comments_own_attribute_is_read():
    page = """<html><body><p>Story.</p><div class="comments">
      <div class="comment" data-author="Ines"><time datetime="2024-01-02T10:00">Jan 2</time><p>Good point.</p></div>
      <div class="comment" data-author="Bo"><time datetime="2024-01-02T11:00">Jan 2</time><p>Agreed.</p></div>
      </div></body></html>"""
    section = find_comments(parse_html(page).root, [], None)
    assert [(c.author, c.published, c.text) for c in section.comments] == [
        ("Ines", "2024-01-02T10:00:00", "Good point."), ("Bo", "2024-01-02T11:00:00", "Agreed.")]
