"""Parsing and JSON-LD reading: what the later steps are handed."""
from __future__ import annotations

import lxml.html

from scraper.encoding import decode_page
from scraper.extract.document import parse_html
from scraper.extract.jsonld import read_json_ld


def test_the_text_decides_the_characters_not_a_declaration_inside_it():
    page = ("<?xml version='1.0' encoding='iso-8859-1'?><html><head><meta charset='windows-1251'>"
            "</head><body><p>Café “crème” 😀 naïve</p></body></html>")
    root = parse_html(page).root
    assert root.find("body").text_content() == "Café “crème” 😀 naïve"


def test_a_nul_character_does_not_end_the_page():
    root = parse_html("<html><body><p>before\x00 after</p><p>the rest</p></body></html>").root
    assert [p.text for p in root.iter("p")] == ["before after", "the rest"]


def test_a_page_of_nul_characters_and_spaces_is_empty():
    parsed = parse_html("\x00 \x00\n")
    assert parsed.root is None and parsed.warnings == ("empty page",)


def test_every_element_is_an_html_element_with_its_helpers():
    root = parse_html("<html><body><form><input name='q'><label>Find</label></form><p class='a b'>x</p></body></html>").root
    assert all(isinstance(element, lxml.html.HtmlElement) for element in root.iter())
    assert root.find(".//form").text_content() == "Find"
    assert set(root.find(".//p").classes) == {"a", "b"}


def json_ld_of(*blocks: str) -> list[dict]:
    scripts = "".join(f'<script type="application/ld+json">{block}</script>' for block in blocks)
    return read_json_ld(parse_html(f"<html><head>{scripts}</head><body><p>x</p></body></html>").root)


def test_json_ld_with_raw_line_breaks_in_its_strings_is_read():
    objects = json_ld_of('{"@type": "NewsArticle", "description": "Line one\nline two\tend"}')
    assert objects == [{"@type": "NewsArticle", "description": "Line one\nline two\tend"}]


def test_html_escaped_json_ld_strings_are_unescaped():
    objects = json_ld_of('{"@type": "NewsArticle", "articleSection": "Food &amp; Drink", '
                         '"keywords": ["Q&amp;A", 3], "author": {"@type": "Person", "name": "H&#233;ctor J. Cruz"}}')
    assert objects[0]["articleSection"] == "Food & Drink"
    assert objects[0]["keywords"] == ["Q&A", 3]
    assert objects[0]["author"]["name"] == "Héctor J. Cruz"


def test_a_json_ld_url_keeps_its_query_whatever_its_parameter_names():
    objects = json_ld_of('{"@type": "ImageObject", "url": "https://example.com/i.jpg?w=1&copy=2&amp;reg=3"}')
    assert objects[0]["url"] == "https://example.com/i.jpg?w=1&copy=2&reg=3"


def test_json_ld_objects_come_in_page_order_from_graphs_and_lists():
    objects = json_ld_of(
        '{"@graph": [{"@type": "WebSite"}, {"@type": "WebPage", "@graph": [{"@type": "Person"}]}]}',
        '[{"@type": "NewsArticle"}, [{"@type": "ImageObject"}]]',
        '{"broken": ',
        '{"@type": "Organization"};',
    )
    assert [obj.get("@type") for obj in objects] == [
        None, "WebSite", "WebPage", "Person", "NewsArticle", "ImageObject", "Organization"]


def test_a_valid_utf8_page_is_decoded_once_whatever_it_declares():
    page = "<html><head><meta charset='iso-8859-1'></head><body><p>Grüße</p></body></html>".encode()
    decoded = decode_page(page)
    assert (decoded.text, decoded.encoding, decoded.source, decoded.had_errors) == (page.decode(), "utf-8", "detected", False)
    assert decoded.warnings == ("declared charset cp1252 does not fit the bytes; decoded as utf-8",)
    assert decode_page(page, "utf-8").source == "http" and not decode_page(page, "utf-8").warnings
    assert decode_page(b"<p>plain</p>").source == "detected"
