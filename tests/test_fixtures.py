"""One fixture per family of page, each with the record it must give: where the title, authors and
dates come from differs in each (JSON-LD only, Ghost's meta tags, microdata only, German and French
bylines in words, nothing but the URL), and every one carries chrome that must stay out of the body."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest

from conftest import fixture_bytes


@dataclass(frozen=True)
class Expected:
    file: str
    url: str
    title: str
    authors: tuple[str, ...]
    published: str  # a day alone must match exactly; a time must be the same instant and offset
    updated: str | None
    paragraphs: tuple[str, ...]  # whole paragraphs of the body, in this order
    chrome: tuple[str, ...]  # must appear nowhere in the title or body
    language: str | None = None


PAGES = {
    "jsonld-news": Expected(
        file="jsonld-news.html",
        url="https://www.pacificledger.com/business/2023/11/14/port-authority-terminal-expansion",
        title="Port Authority Approves $2.1 Billion Terminal Expansion",
        authors=("Alice Walker", "Ben Ortiz"),
        published="2023-11-14T06:45:00-08:00",
        updated="2023-11-15T09:10:00-08:00",
        paragraphs=(
            "The Port Authority's board of commissioners on Monday approved a $2.1 billion plan to rebuild "
            "the aging container terminal on the south harbor, the largest public works project in the "
            "region in two decades.",
            "The 5-2 vote followed four hours of public comment, much of it from dockworkers who said the "
            "expansion would secure jobs for a generation.",
            "“This is the decision that decides whether we are still a working port in 2050,” said "
            "commissioner Ruth Alvarez, who voted in favor.",
            "Opposition over costs",
            "The plan calls for three phases of construction:",
            "replacing the six oldest cranes with electric models;",
            "We cannot compete with the ports to the north if our ships wait three days for a berth.",
            "Construction is expected to begin next spring, pending a federal environmental review.",
        ),
        chrome=("We use cookies", "Subscribe for $1", "Storm warning issued", "Share on Facebook",
                "Email this story", "Cranes at the container terminal", "Photo: Dana Reyes", "Advertisement",
                "Get the Morning Ledger", "delivered to your inbox", "Read more:", "Shipping rates fall",
                "Topics:", "covers transportation and infrastructure", "More from Business",
                "Airport parking rates", "Most Read", "Ferry fares jump", "All rights reserved",
                "Privacy Policy", "Nov. 14, 2023"),
        language="en",
    ),
    "ghost-blog": Expected(
        file="ghost-blog.html",
        url="https://blog.tinkerworks.dev/build-cache-object-storage/",
        title="Why We Moved Our Build Cache to Object Storage",
        authors=("Priya Natarajan",),
        published="2023-09-12T14:03:27+00:00",
        updated="2023-09-13T08:20:11+00:00",
        paragraphs=(
            "For most of last year, our continuous integration builds spent about a third of their time "
            "doing nothing useful: they were restoring caches from the previous run.",
            "What we tried first",
            "Our first idea was to pin jobs to runners. It helped the hit rate, but it turned every runner "
            "into a special snowflake that we were afraid to replace.",
            "The second idea was a shared network volume. It worked until two hundred jobs tried to read "
            "from it at the same moment.",
            "Object storage",
            "Restores now take eleven seconds on average, and a new runner is as fast as an old one.",
            "The best cache is the one nobody has to think about.",
            "We have published the scripts we use to prune old entries, so you can try the same setup on "
            "your own runners.",
        ),
        chrome=("Sign in", "Subscribe", "Archive", "6 min read", "Sep 12, 2023",
                "The old cache lived on each runner's disk", "Cache hit rate by week",
                "How We Hunted Down Our Flakiest Tests", "A month of retries", "Sign up for more like this.",
                "Enter your email", "Upgrading Postgres Without Downtime", "Powered by Ghost", "Priya Natarajan"),
        language="en",
    ),
    "medium-post": Expected(
        file="medium-post.html",
        url="https://medium.com/@dosei/testing-rust-services-against-a-real-database-5c2d9e8f7a61",
        title="Testing Rust Services Against a Real Database",
        authors=("Daniel Osei",),
        published="2024-01-09T16:21:04+00:00",
        updated="2024-01-10T02:11:55+00:00",
        paragraphs=(
            "For two years our Rust services were tested against mocks of the database layer, and for two "
            "years the tests were green while production occasionally fell over.",
            "The mocks knew what our queries were supposed to return. They did not know about unique "
            "constraints, lock timeouts, or the way Postgres rounds timestamps.",
            "A database per test",
            "We now start one Postgres container per test binary and give every test its own database, "
            "cloned from a template that already has the schema.",
            "CREATE DATABASE test_4821 TEMPLATE app_template;",
            "Cloning a template takes about forty milliseconds, which is cheaper than running the migrations "
            "and far cheaper than debugging a production incident.",
            "If a test cannot fail for the reasons production fails, it is not testing production.",
            "The suite got slower by eight seconds and caught three real bugs in its first week.",
        ),
        chrome=("Write", "Sign up", "Sign in", "Daniel Osei", "Follow", "7 min read", "Jan 9, 2024", "Listen",
                "Share", "Every test run gets its own database", "Postgresql", "1.2K Followers",
                "Backend engineer.", "Responses (3)", "What are your thoughts?", "Great write-up",
                "See all responses", "More from", "Why Our Rust Builds Got Slow", "Recommended from Medium",
                "Error Handling in Rust", "Text to speech", "Careers", "window.__"),
        language="en",
    ),
    "microdata-article": Expected(
        file="microdata-article.html",
        url="https://www.lisboncourier.pt/city/tram-28-night-service",
        title="Tram Line 28 to Run Through the Night This Summer",
        authors=("Carla Mendes",),
        published="2022-03-08T07:30:00+00:00",
        updated="2022-03-09T11:05:00+00:00",
        paragraphs=(
            "From June to September, the city's most famous tram line will run every twenty minutes through "
            "the night, the transport company Carris announced on Tuesday.",
            "The yellow trams of line 28 currently stop shortly before midnight, leaving residents of the "
            "hilltop neighbourhoods of Graça and Alfama to walk home or wait for infrequent night buses.",
            "The pilot will cost the city about 1.4 million euros, most of it for drivers' overtime, "
            "according to figures presented to the municipal assembly.",
            "Residents' associations welcomed the decision but asked for quieter wheels, saying the trams "
            "already wake them at six in the morning.",
            "If the summer trial is a success, the company says, night service could be extended to lines "
            "12 and 15 next year.",
        ),
        chrome=("Saturday, 12 March 2022", "Log in", "Food & Drink", "Words by", "8 March 2022",
                "4 comments", "Tram 28 climbs towards Graça after dark", "Share this:", "WhatsApp",
                "Tags:", "About Carla Mendes", "Carla writes about transport", "Finally! I have waited",
                "tourist pass", "Popular this week", "pastéis de nata", "Lisbon in your inbox",
                "Rua da Prata", "Advertise with us", "Copyright"),
        language="en",
    ),
    "de-zeitung": Expected(
        file="de-zeitung.html",
        url="https://www.musterstaedter-zeitung.de/lokales/stadtrat-beschliesst-neue-buslinie-12345.html",
        title="Stadtrat beschließt neue Buslinie zum Klinikum",
        authors=("Max Mustermann",),
        published="2024-02-01",
        updated="2024-02-02",
        paragraphs=(
            "Der Stadtrat hat am Donnerstagabend mit großer Mehrheit eine neue Buslinie zwischen dem "
            "Hauptbahnhof und dem Klinikum beschlossen.",
            "Die Linie 14 soll ab dem 1. Juli werktags im Zehn-Minuten-Takt fahren, am Wochenende alle "
            "zwanzig Minuten.",
            "„Für viele Patientinnen und Patienten und für die Beschäftigten des Klinikums ist das eine "
            "große Erleichterung“, sagte Oberbürgermeisterin Anna Schmidt.",
            "Kosten von 1,2 Millionen Euro im Jahr",
            "Die Stadtwerke rechnen mit Betriebskosten von rund 1,2 Millionen Euro pro Jahr. Ein Teil davon "
            "soll über Fördermittel des Landes gedeckt werden.",
            "Kritik kam von der Opposition: Die Fraktion der Freien Wähler forderte, zuerst die bestehenden "
            "Linien in den Stadtteilen zu verbessern.",
            "Die Haltestellen entlang der neuen Strecke sollen bis Ende Juni barrierefrei ausgebaut werden.",
        ),
        chrome=("Wir verwenden Cookies", "Alle akzeptieren", "Montag, 5. Februar 2024", "Startseite",
                "Von Max Mustermann", "1. Februar 2024", "Aktualisiert am", "3 Min. Lesezeit", "Teilen",
                "WhatsApp", "Anzeige", "Mehr zum Thema", "Parkhaus am Klinikum", "Newsletter abonnieren",
                "Das könnte Sie auch interessieren", "Hallenbad öffnet", "Impressum", "Datenschutz"),
        language="de",
    ),
    "fr-journal": Expected(
        file="fr-journal.html",
        url="https://www.lepetitrhodanien.fr/lyon/renovation-berges-du-rhone-retard",
        title="À Lyon, la rénovation des berges du Rhône prend du retard",
        authors=("Marie Dupont",),
        published="2024-02-01",
        updated="2024-02-03",
        paragraphs=(
            "Le chantier de rénovation des berges du Rhône, lancé il y a dix-huit mois, accuse un retard "
            "important, a reconnu mardi la métropole de Lyon.",
            "Selon l’adjoint chargé de l’urbanisme, la découverte de réseaux anciens non répertoriés a "
            "obligé les entreprises à revoir le calendrier des travaux.",
            "« Nous préférons prendre quelques mois de plus plutôt que de bâcler un aménagement qui doit "
            "durer cinquante ans », a-t-il déclaré lors du conseil.",
            "Les commerçants s’inquiètent",
            "Les commerçants du quai, eux, redoutent une nouvelle saison estivale amputée. Plusieurs "
            "terrasses restent fermées tant que les barrières sont en place.",
            "La métropole promet une réouverture partielle de la promenade dès le mois de juin, entre le "
            "pont Wilson et le pont de la Guillotière.",
        ),
        chrome=("S'abonner", "En direct", "Trafic perturbé", "Par Marie Dupont", "Publié le",
                "Mis à jour le", "Partager", "Copier le lien", "Publicité", "Lire aussi",
                "Les quais de Saône bientôt piétons", "Les plus lus", "Métro E", "Recevez notre newsletter",
                "Mentions légales", "Tous droits réservés"),
        language="fr",
    ),
    "no-metadata-blog": Expected(
        file="no-metadata-blog.html",
        url="https://canalnotes.example.com/2023/05/17/a-walk-along-the-old-canal/",
        title="A Walk Along the Old Canal",
        authors=("Sam Keller",),
        published="2023-05-17",  # from the URL alone: not the comments' days, not the copyright years
        updated=None,
        paragraphs=(
            "The old canal leaves the river just below the weir, and for the first mile it is hard to "
            "believe it was ever meant for boats.",
            "Willows lean over the water from both banks, and in places the towpath has become a narrow "
            "strip of grass between nettles and reeds.",
            "At the third lock the gates are long gone, but the stone chamber is still there, its walls "
            "marked by a century of rope grooves.",
            "I met a man fishing from the lock wall who told me his grandfather had worked the barges until "
            "the last cargo passed in 1952.",
            "Beyond the aqueduct the canal is dry, and the path follows its bed through a cutting full of "
            "ferns, cool even on a warm afternoon.",
            "Next time I will start from the other end, at the basin, and walk back towards the river with "
            "the light behind me.",
        ),
        chrome=("Canal Notes", "Walking the waterways", "Posted by", "3 Comments", "3 Responses",
                "Lovely write-up", "safe to cross with a dog", "there is a railing", "May 18, 2023",
                "Leave a Reply", "Name (required)", "Archives", "June 2023", "Recent Posts",
                "The Lock Keeper’s Cottage", "Blogroll", "Towpath Diaries", "Copyright", "Powered by WordPress"),
    ),
}


@pytest.fixture(params=sorted(PAGES))
def page(request, extract_record):
    expected = PAGES[request.param]
    return expected, extract_record(fixture_bytes(expected.file), expected.url)


def assert_same_date(found: str | None, expected: str | None) -> None:
    """A day must be given as that day; a time as the same instant (to the second) with the page's
    own offset."""
    if expected is None or len(expected) == 10:
        assert found == expected
        return
    assert found is not None and len(found) > 10, found
    found_time = datetime.fromisoformat(found).replace(microsecond=0)
    expected_time = datetime.fromisoformat(expected)
    assert (found_time, found_time.utcoffset()) == (expected_time, expected_time.utcoffset())


def test_title_and_authors(page):
    expected, record = page
    assert record["title"] == expected.title
    assert record["authors"] == list(expected.authors)


def test_published_and_updated(page):
    expected, record = page
    assert_same_date(record["published"], expected.published)
    assert_same_date(record["updated"], expected.updated)


def test_the_body_holds_the_article_paragraphs_in_order(page):
    expected, record = page
    paragraphs = record["body"].split("\n\n")
    missing = [text for text in expected.paragraphs if text not in paragraphs]
    assert missing == []
    positions = [paragraphs.index(text) for text in expected.paragraphs]
    assert positions == sorted(positions)


def test_no_chrome_reaches_the_title_or_body(page):
    expected, record = page
    leaked = [text for text in expected.chrome if text in record["body"] or text in (record["title"] or "")]
    assert leaked == []


def test_language_and_domain(page):
    expected, record = page
    if expected.language:
        assert record["language"] == expected.language
    assert record["domain"] == expected.url.split("/")[2].removeprefix("www.")


def test_a_page_with_no_metadata_has_exactly_its_paragraphs(extract_record):
    expected = PAGES["no-metadata-blog"]
    record = extract_record(fixture_bytes(expected.file), expected.url)
    assert record["body"] == "\n\n".join(expected.paragraphs)
    assert record["canonical_url"] is None and record["site_name"] is None


def test_ghost_head_fields(extract_record):
    expected = PAGES["ghost-blog"]
    record = extract_record(fixture_bytes(expected.file), expected.url)
    assert record["site_name"] == "Tinkerworks Engineering"
    assert record["canonical_url"] == expected.url
    assert record["description"] == ("Our CI builds spent a third of their time restoring caches. Here is "
                                      "how a move to object storage cut that to seconds.")
    assert record["tags"] == ["Infrastructure", "CI"]


def test_json_ld_fields(extract_record):
    expected = PAGES["jsonld-news"]
    record = extract_record(fixture_bytes(expected.file), expected.url)
    assert record["site_name"] == "Pacific Ledger"
    assert record["section"] == "Business"
    assert record["description"] == ("Commissioners voted 5-2 to rebuild the container terminal, betting "
                                      "on a rebound in trans-Pacific trade.")


def test_the_blog_comments_are_found_and_kept_apart(extract_record):
    expected = PAGES["no-metadata-blog"]
    record = extract_record(fixture_bytes(expected.file), expected.url)
    assert [comment["author"] for comment in record["comments"]] == ["Margaret", "Owen", "Sam Keller"]
    assert [comment["published"] for comment in record["comments"]] == [
        "2023-05-18T09:14:00", "2023-05-19T18:02:00", "2023-05-19T20:45:00"]
    assert record["comments"][1]["text"] == "Do you know if the aqueduct is safe to cross with a dog?"
    assert record["comment_count"] == 3
