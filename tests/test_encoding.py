"""Pages in legacy charsets come out as readable text, whichever way their charset is known: from
the HTTP response, from a <meta> tag, from a byte-order mark, or by detection."""
from __future__ import annotations

import pytest

from scraper.encoding import decode_page

# One short article per language, and the charset such pages were (and are) commonly written in.
ARTICLES = {
    "cs": ("windows-1250", "Vláda schválila rozpočet",
           "Vláda České republiky dnes schválila návrh zákona o státním rozpočtu. Ministr financí "
           "řekl, že schodek bude nižší, než se očekávalo, a že příští rok přinese úspory.",
           ("schválila", "rozpočtu", "řekl", "příští", "úspory")),
    "zh": ("gbk", "北京市政府发布新的交通规划",
           "据新华社报道，北京市政府今天发布了新的城市交通发展规划，计划在未来五年内新建多条地铁线路，"
           "以缓解日益严重的交通拥堵问题。",
           ("新华社", "北京市政府", "地铁线路", "交通拥堵")),
    "ru": ("windows-1251", "Правительство утвердило новый бюджет",
           "Правительство России в среду утвердило проект федерального бюджета на следующий год. "
           "По словам министра финансов, дефицит бюджета окажется ниже, чем ожидалось ранее.",
           ("Правительство", "утвердило", "федерального", "министра", "ожидалось")),
    "ar": ("windows-1256", "الحكومة تعلن عن خطة جديدة للنقل",
           "أعلنت الحكومة اليوم عن خطة جديدة لتطوير شبكة النقل العام في العاصمة، تشمل إنشاء خطوط "
           "جديدة للحافلات والقطارات خلال السنوات الخمس المقبلة.",
           ("أعلنت", "الحكومة", "العاصمة", "للحافلات", "المقبلة")),
    "de": ("windows-1252", "Bürgermeister kündigt Maßnahmen an",
           "Der Bürgermeister sagte am Dienstag: „Wir müssen jetzt handeln.“ Die Straßenbahn soll "
           "künftig öfter fahren – auch am Wochenende. Über die Kosten wurde noch nicht entschieden.",
           ("Bürgermeister", "„Wir müssen jetzt handeln.“", "Straßenbahn", "fahren – auch", "Über")),
}
# Real pages carry kilobytes of ASCII markup before any text: detection must see past it.
STYLES = "".join(".c%d{margin:0 auto;padding:%dpx;color:#333}\n" % (i, i % 9) for i in range(1500))


def page(language: str, head: str = "", *, padded: bool = False) -> str:
    _, title, text, _ = ARTICLES[language]
    style = f"<style>{STYLES}</style>" if padded else ""
    return (f"<!DOCTYPE html><html><head>{head}<title>{title}</title>{style}</head><body><article>"
            f"<h1>{title}</h1><p>{text}</p></article></body></html>")


def assert_readable(record: dict, language: str) -> None:
    words = ARTICLES[language][3]
    assert all(word in record["body"] for word in words), record["body"][:200]
    assert "\ufffd" not in record["body"]
    assert not record["warnings"]


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_charset_from_the_http_response(extract_record, language):
    charset = ARTICLES[language][0]
    data = page(language).encode(charset)
    assert decode_page(data, charset).source == "http"
    assert_readable(extract_record(data, "https://example.org/a", encoding=charset), language)


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_charset_from_meta_charset(extract_record, language):
    charset = ARTICLES[language][0]
    data = page(language, f'<meta charset="{charset}">').encode(charset)
    assert decode_page(data).source == "meta"
    assert_readable(extract_record(data, "https://example.org/a"), language)


@pytest.mark.parametrize("language, label", [("zh", "gb2312"), ("ru", "cp1251"), ("cs", "x-cp1250")])
def test_charset_from_http_equiv_with_a_browser_alias(extract_record, language, label):
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'
    data = page(language, head).encode(ARTICLES[language][0])
    assert decode_page(data).source == "meta"
    assert_readable(extract_record(data, "https://example.org/a"), language)


@pytest.mark.parametrize("language", sorted(ARTICLES))
@pytest.mark.parametrize("bom, codec", [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_a_byte_order_mark_wins_over_every_label(extract_record, language, bom, codec):
    # the labels lie: a BOM is the one thing browsers trust over the HTTP header
    data = bom + page(language, '<meta charset="iso-8859-1">').encode(codec)
    decoded = decode_page(data, "windows-1251")
    assert (decoded.source, decoded.encoding) == ("bom", codec)
    assert_readable(extract_record(data, "https://example.org/a", encoding="windows-1251"), language)


@pytest.mark.parametrize("language", sorted(ARTICLES))
@pytest.mark.parametrize("padded", [False, True], ids=["bare", "behind-64kb-of-markup"])
def test_an_undeclared_charset_is_detected(extract_record, language, padded):
    data = page(language, padded=padded).encode(ARTICLES[language][0])
    assert decode_page(data).source == "detected"
    assert_readable(extract_record(data, "https://example.org/a"), language)


@pytest.mark.parametrize("label", ["latin1", "ISO-8859-1", "iso_8859-1", "us-ascii"])
def test_latin1_labels_decode_as_windows_1252_like_browsers(extract_record, label):
    # „ “ – are bytes 0x84 0x93 0x96: C1 controls in ISO-8859-1, quotes and a dash in windows-1252
    data = page("de", f'<meta charset="{label}">').encode("windows-1252")
    assert b"\x84" in data and b"\x93" in data and b"\x96" in data
    assert decode_page(data).encoding == "cp1252"
    assert_readable(extract_record(data, "https://example.de/a"), "de")
    assert_readable(extract_record(page("de").encode("windows-1252"), "https://example.de/a", encoding=label), "de")


def test_the_http_charset_wins_over_the_meta_tag(extract_record):
    data = page("ru", '<meta charset="koi8-r">').encode("windows-1251")
    assert decode_page(data, "windows-1251").encoding == "cp1251"
    assert_readable(extract_record(data, "https://example.ru/a", encoding="windows-1251"), "ru")


def test_an_unknown_label_falls_back_to_the_next_source(extract_record):
    data = page("cs", '<meta charset="windows-1250">').encode("windows-1250")
    assert decode_page(data, "x-no-such-charset").source == "meta"
    assert_readable(extract_record(data, "https://example.cz/a", encoding="x-no-such-charset"), "cs")


def test_utf8_bytes_under_a_legacy_label_are_read_as_utf8(extract_record):
    # an old template's meta tag outlives the site's move to UTF-8
    data = page("de", '<meta charset="iso-8859-1">').encode("utf-8")
    decoded = decode_page(data)
    assert decoded.encoding == "utf-8"
    assert decoded.warnings == ("declared charset cp1252 does not fit the bytes; decoded as utf-8",)
    record = extract_record(data, "https://example.de/a")
    assert "Bürgermeister" in record["body"] and "Ã" not in record["body"]
    assert record["warnings"] == ["declared charset cp1252 does not fit the bytes; decoded as utf-8"]


def test_legacy_bytes_under_a_utf8_label_are_detected(extract_record):
    data = page("de", '<meta charset="utf-8">').encode("windows-1252")
    decoded = decode_page(data)
    assert decoded.encoding == "cp1252"
    record = extract_record(data, "https://example.de/a")
    assert "Bürgermeister" in record["body"] and "\ufffd" not in record["body"]
    assert record["warnings"] == ["declared charset utf-8 does not fit the bytes; decoded as cp1252"]


def test_ascii_under_any_label_decodes_without_a_warning():
    data = b"<html><head><meta charset='windows-1251'></head><body><p>Plain words.</p></body></html>"
    decoded = decode_page(data)
    assert (decoded.encoding, decoded.warnings) == ("cp1251", ())
