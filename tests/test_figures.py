"""Pictures in the record: the lead image and the article's figures, with their alt text and captions."""
from __future__ import annotations

import scraper

PAGE = b"""<html><head><title>Lighthouse Restored</title>
<meta property="og:image" content="https://news.example.org/media/lighthouse.jpg">
</head><body><article><h1>Lighthouse Restored</h1>
<figure><img src="/media/lighthouse.jpg" alt="The white lighthouse on the cliff at dawn">
<figcaption>The lighthouse after its restoration. Photo: Ann Berg</figcaption></figure>
<p>The old lighthouse on the north cliff shines again after a two-year restoration by volunteers.</p>
<figure><img src="/media/lamp.jpg" alt="The lamp room"><figcaption>The new lamp.</figcaption></figure>
<p>Its lamp, now an LED array, can be seen from thirty kilometres out at sea, the trust said.</p>
</article></body></html>"""


def test_a_lead_image_that_is_the_article_figure_keeps_its_alt_text_and_caption():
    record = scraper.extract(PAGE, "https://news.example.org/2025/lighthouse")
    lead, *others = record.images
    assert lead.url == "https://news.example.org/media/lighthouse.jpg"
    assert lead.alt == "The white lighthouse on the cliff at dawn"
    assert lead.caption == "The lighthouse after its restoration. Photo: Ann Berg"
    assert [image.url for image in others] == ["https://news.example.org/media/lamp.jpg"]
    assert others[0].caption == "The new lamp."


def test_a_lead_image_the_article_does_not_show_keeps_the_metadata():
    page = PAGE.replace(b'src="/media/lighthouse.jpg"', b'src="/media/cliff.jpg"')
    record = scraper.extract(page, "https://news.example.org/2025/lighthouse")
    assert record.images[0].url == "https://news.example.org/media/lighthouse.jpg"
    assert record.images[0].alt is None and record.images[0].caption is None
    assert len(record.images) == 3
