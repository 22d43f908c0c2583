"""The seed page (a WordPress news theme with every piece of chrome) gives exactly the expected record.

Two variants of the same page: `maine-wire.html` carries the head metadata WordPress and Yoast write
(og:*, article:published_time, JSON-LD @graph, canonical) and `<time datetime>` attributes;
`maine-wire-bare.html` has none of them, so the visible text alone ("By Justin DelMonico",
"February 1, 2024", "Updated:February 1, 2024") must give the same title, author, days and body.
"""
from __future__ import annotations

import pytest

from conftest import fixture_bytes

URL = ("https://www.themainewire.com/2024/02/chinese-cities-host-american-mayors-on-visits-as-"
       "relationship-between-beijing-and-washington-continues-to-sour/")
TITLE = ("Chinese Cities Host American Mayors On Visits As Relationship Between Beijing and Washington "
         "Continues to Sour")

# The article text as the page shows it: curly quotes kept, and the two non-breaking spaces the
# post has before a link ("The\u00a0organizer", "In a\u00a0post") are characters, not whitespace runs.
PARAGRAPHS = (
    'A report by The Washington Post details how China is happy to host American mayors despite the continued decline in American-Chinese relations.',
    'As relations between Beijing and Washington have become increasingly tense, China is looking to secure support amongst local politicians in America.',
    'The article highlighted a visit to China by mayors from six American cities last November.',
    'Visiting mayors in the bipartisan delegation were from cities such as Oxford, Mississippi, and Carmel, Indiana.',
    'The\u00a0organizer of the visit, the U.S. Heartland China Association, focuses on “building bridges and promoting opportunities between the peoples of the Heartland Region (20 states located between the Great Lakes to the Gulf) and the People’s Republic of China.”',
    'According to Min Fan, executive director of the U.S. Heartland China Association, their Chinese hosts were “overjoyed” that the American mayors made the trip across the Pacific.',
    'Local officials lead the Chinese efforts to increase economic partnership between the two countries in China.',
    'In a\u00a0post on their website, the U.S Heartland China Association said the recent visit by American mayors was part of a program called the “Yangtze-Mississippi Municipality Energy Transition Exchange Project.”',
    'This program seeks “to promote city-to-city best practice sharing between the communities along these two major rivers around energy transition, climate mitigation, and green economy.”',
    'The mayors toured cities such as Hong Kong and Wuhan and met with Chinese mayors and businessmen.',
    'Despite the seemingly benevolent nature of the visit, some pundits find the exchanges sneakily damaging to America in the long term.',
    'Anne-Marie Brady is a professor at the University of Canterbury in New Zealand, who focuses on “Chinese influence operations” in her research. According to Brady, China is trying to get in the good graces of many local officials in America, as some are guaranteed to rise to higher offices later.',
    'Brady is not the only academic who believes this. Evan Medeiros, head of Asia studies at Georgetown University, agrees.',
    'Medeiros claimed the Chinese are “trying to find supporters and advocates for the U.S.-China relationship and operationalize them.”',
    'Chinese officials have pushed back on these claims, characterizing the relationships between them and their American counterparts as mutually beneficial.',
    'Zhou Zheng, head of subnational affairs at the Chinese Embassy in Washington, claims that the mayoral exchanges are done to create subnational cooperation between the two countries.',
    'Despite poor relations at the national level, he believes that some American politicians and businesses are open to cooperation with their Chinese counterparts.',
    'Due to incidents like the Chinese spy balloon collecting intelligence across America last February and increasing tensions surrounding Taiwan, U.S.-China relations at the national level continue to worsen.',
    'It remains to be seen whether increasing subnational relations with China is a trick to weaken America from within or something beneficial to both countries.',
)

# Every piece of chrome the seed page shows; none of it may reach the title, authors or body.
CHROME = (
    # header, menus, ticker, header date, breadcrumbs
    "Trending News", "Donate", "Investigations", "Tuesday, June 24", "Home »", "» News",
    "China Tries Getting Rich", "Rockland Police Search", "Residential and Condo Associations",
    "Angus King Co-Sponsors", "Here Are the Tax and Fee Increases", "Maine Wildlife Chief",
    "“Environmental” Group Trashing", "ICE Agents Face",
    # byline and share bar
    "Justin DelMonico", "February 1, 2024", "Updated:", "2 Comments", "3 Mins Read",
    "Facebook", "Twitter", "LinkedIn", "Reddit", "Instagram", "Share",
    # previous / next, author box, promos, related posts
    "Previous Article", "Next Article", "Two Democrat Representatives Opposed",
    "Local Residents Frustrated", "is a reporter for the Maine Wire",
    "grew up in eastern Massachusetts", "Subscribe to Substack", "Related Posts", "June 24, 2025",
    # comments and the reply form
    "dsq-postid", "Samual K Blojobo", "ME Infidel", "sister cities should be as crappy",
    "“junkets”", "Leave A Reply", "Cancel Reply", "Post Comment",
    # sidebar, footer, search overlay
    "Recent News", "Newsletter", "Campaigns & Elections", "Opinion & Commentary", "Media Watch",
    "About the Maine Wire", "Submit Commentary", "Maine Policy Institute", "Legislation Finder",
    "Get the Newsletter", "Maine Wire TV", "Steam", "RSS", "Post Office Box 7829",
    "Portland, Maine 04112", "Type above and press", "Press Esc to cancel",
)

# variant -> (file, expected published, expected updated, comment times)
VARIANTS = {
    "full": ("maine-wire.html", "2024-02-01T10:30:00-05:00", "2024-02-01T16:12:45-05:00",
             ("2024-02-02T14:40:00", "2024-02-02T17:25:00")),
    # the visible text gives the days only, and comment times without an offset
    "bare": ("maine-wire-bare.html", "2024-02-01", "2024-02-01",
             ("2024-02-02T14:40:00", "2024-02-02T17:25:00")),
}


@pytest.fixture(params=sorted(VARIANTS))
def variant(request, extract_record):
    name = request.param
    file, published, updated, comment_times = VARIANTS[name]
    return name, extract_record(fixture_bytes(file), URL), published, updated, comment_times


def test_the_article_fields_are_exactly_right(variant):
    _, record, published, updated, _ = variant
    assert record["title"] == TITLE
    assert record["authors"] == ["Justin DelMonico"]
    assert record["published"] == published
    assert record["updated"] == updated
    assert record["body"] == "\n\n".join(PARAGRAPHS)
    assert record["word_count"] == sum(len(p.split()) for p in PARAGRAPHS)


def test_no_chrome_reaches_the_record(variant):
    _, record, *_ = variant
    leaked = [chrome for chrome in CHROME if chrome in (record["title"] or "") or chrome in record["body"]]
    assert leaked == []


def test_the_page_fields_come_from_the_url_and_head(variant):
    name, record, *_ = variant
    assert record["url"] == URL
    assert record["domain"] == "themainewire.com"
    if name == "full":
        assert record["site_name"] == "The Maine Wire"
        assert record["canonical_url"] == URL
        assert record["language"] == "en"
        assert record["section"] == "News"
        assert record["description"] == PARAGRAPHS[0]
    else:  # nothing in the bare page declares them
        assert record["canonical_url"] is None


def test_a_clean_page_raises_no_warning_and_keeps_its_id(variant, extract_record):
    name, record, *_ = variant
    assert record["warnings"] == []
    assert record["extractor"]["name"] == "scraper"
    assert record["fetched_at"] is None and record["archive"] is None
    again = extract_record(fixture_bytes(VARIANTS[name][0]), URL)
    assert again["id"] == record["id"]


def test_the_two_reader_comments(variant):
    _, record, _, _, comment_times = variant
    comments = record["comments"]
    assert [c["author"] for c in comments] == ["Samual K Blojobo", "ME Infidel"]
    assert [c["published"] for c in comments] == list(comment_times)
    assert [c["text"] for c in comments] == [
        "The rule for sister cities should be that your foreign sister city should be as crappy as your city.",
        "Didn’t we used to call them “junkets”?",
    ]
    assert [c["parent_id"] for c in comments] == [None, None]
    assert len({c["id"] for c in comments}) == 2
    assert record["comment_count"] == 2
