"""Read one comment's author, date, text and likes from its markup.

Each field is looked for in order of trust: microdata (itemprop) first, then the names engines
give the part ("fn", "comment-author", "comment-date", "comment-content"), then what the part
looks like (a profile link for the author, a short date line). The text is the comment's own
words: the parts that are not text (author, date, avatar, reply link, vote widget, "says:") and the
replies nested in the comment are left out, and paragraphs are joined by a blank line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

import lxml.html

from .dates import DateReader
from .section import declared_count, is_ancestor
from .vocabulary import NOISE_TAGS, REPLY_WORDS, SAYS, has_role

BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr",
    "section", "article", "header", "footer", "dd", "dt", "dl", "figure", "figcaption", "hr", "aside", "main",
})
INLINE_TAGS = frozenset({"a", "b", "strong", "em", "i", "small", "span", "time", "abbr", "br"})
DATE_LINE_TAGS = INLINE_TAGS | {"p", "div"}
MAX_DATE_LINE = 60
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# A name longer than this is a sentence that happens to sit in an author slot.
MAX_AUTHOR_CHARS = 80
MAX_AUTHOR_WORDS = 6
# Inline elements that may hold a commenter's name beside the date, and what may stand between
# the two ("|", "on", "am").
NAME_TAGS = frozenset({"b", "strong", "cite", "span", "a", "em", "i", "font"})
MAX_NAME_GAP = 3
# Attributes in which engines state a comment's author on its element.
AUTHOR_ATTRIBUTES = ("data-author", "data-author-name", "data-username", "data-user-name")
# A line naming the author as "Betina sagt:" is no longer than this.
MAX_SAID_LINE = 100
# A header line (author and date) holds at most this much besides the date.
HEADER_SLACK = 60
MAX_HEADER_DEPTH = 6
# Blocks that hold a comment's words, never its header line.
TEXT_BLOCK_TAGS = frozenset({"p", "blockquote"})
# "2 Comments" as a line of its own is the section's heading, not something a reader wrote.
MAX_COUNT_LINE = 40
# A likes widget is a number with a word or two around it.
MAX_LIKES_TEXT = 24
PROFILE_LINK = re.compile(r"/(?:user|users|profil|profile|member|members|author|autor|benutzer|u)/", re.I)
DATE_ITEMPROPS = ("dateCreated", "datePublished", "commentTime", "uploadDate")
# A reply's subject as forum engines write it: "Re:", "AW:" (German), "SV:" (Nordic), "Odp:" (Polish).
REPLY_SUBJECT = re.compile(r"\s*(?:re|aw|antw|sv|odp|rif)\s*(?:\[\d+\])?\s*:", re.I)
# RDFa properties that date a comment, by their local name: Drupal's property="dc:date dc:created".
DATE_PROPERTIES = frozenset({"date", "created", "dateCreated", "datePublished", "issued"})
TEXT_ITEMPROPS = ("text", "commentText", "reviewBody", "description", "articleBody")
BY_PREFIX = re.compile(r"^(?:(?:comment|kommentar|posted|written|geschrieben|antwort|reply)\s+)?(?:by|von|from):?\s+",
                       re.I)
# Where a name in an author line ends: a separator, "on 3 May", or a date ("Rolf 29.07.2020 // 12:56").
NAME_AFTER = re.compile(r"\s+(?:[—–|@/]|-\s)\s*|\s+(?:on|am|at|um|le|el)\s+(?=\d|[^\W\d]+\.?\s+\d)"
                        r"|\s+\d{1,4}[./-]\d{1,2}[./-]")
INTEGER = re.compile(r"[+-]?\d+")
# A line that is a number alone is a vote count left by a widget without a name.
VOTE_LINE = re.compile(r"[+-]?\d{1,5}")


@dataclass(frozen=True)
class CommentFields:
    author: str | None
    published: str | None
    text: str
    likes: int | None
    dated: bool  # the comment shows a date, even one that cannot be resolved ("2 days ago")


def read_fields(region: list[lxml.html.HtmlElement], own: set, other_items: set, dates: DateReader) -> CommentFields:
    """The fields of the comment whose material is `region` (`own`: all the elements that are this
    comment); `other_items` are the elements of the other comments (replies), not its material."""
    elements = list(walk(region, other_items))
    author_element = find_author(elements, region)
    date_element, published = find_date(elements, region, dates)
    likes_element, likes = find_likes(elements)
    author = name_of(author_element, other_items) if author_element is not None else None

    excluded = set(other_items)
    excluded.update(e for e in (author_element, date_element, likes_element) if e is not None)
    excluded.update(e for e in elements if e not in region and is_not_text(e))
    # a forum's reply subject ("Re: the topic's title") is the engine's, not the reader's words
    excluded.update(e for e in elements if e.tag in HEADINGS and REPLY_SUBJECT.match(e.text_content()))
    header = header_of(date_element, own)
    if header is not None:
        if author is None:
            author = clean_name(" ".join(paragraphs([header], excluded | {date_element})))
        excluded.add(header)
    elif author is None and date_element is not None:  # "Posted by: Ann at May 3, 2005 07:12 AM"
        author = name_in_date_line(date_element, dates)
    if author is None and date_element is not None:  # "<b>Ulrike</b> <span>14.08.2016, 19:20</span>"
        beside = name_beside(date_element, own)
        if beside is not None:
            author = clean_name(beside.text_content())
            excluded.add(beside)
    if author is None:  # <li class="message" data-author="Name">
        author = next((clean_name(value) for value in map(region[0].get, AUTHOR_ATTRIBUTES) if value), None)
    if author is None and region[0].tag == "dt":  # a <dt> heading: "Anonym hat gesagt…"
        author = clean_name(" ".join(paragraphs([region[0]], excluded)))
        excluded.add(region[0])

    text_root = find_text_root(elements, region, excluded, author_element)
    roots = [text_root] if text_root is not None else region
    lines = paragraphs(titles_before(text_root, elements, excluded, author_element) + roots, excluded)
    if author is None and lines and len(lines[0]) <= MAX_SAID_LINE and SAYS.search(lines[0]):
        author = clean_name(lines[0])  # a first line "Betina sagt:"
    lines = [line for line in lines if not is_chrome_line(line, author, dates)]
    return CommentFields(author, published, "\n\n".join(lines), likes, date_element is not None)


def walk(roots: list[lxml.html.HtmlElement], skip: set) -> Iterator[lxml.html.HtmlElement]:
    """The elements under `roots` in document order, without the subtrees of `skip`."""
    for root in roots:
        stack = [root]
        while stack:
            node = stack.pop()
            if node in skip or not isinstance(node.tag, str):
                continue
            yield node
            stack.extend(reversed(node))


def find_author(elements, region) -> lxml.html.HtmlElement | None:
    for element in elements:
        if element.get("itemprop") in ("author", "creator"):
            names = element.xpath(".//*[@itemprop='name']")
            return names[0] if names else element
    for element in elements:  # an author block holding only the avatar is not the name
        if element not in region and has_role(element, "author") and element.text_content().strip():
            return narrowest_name(element)
    for element in elements:
        if element.tag == "cite" or element.tag == "a" and is_profile_link(element):
            return element
    return None


def is_profile_link(link) -> bool:
    """A link to the commenter's profile or site: WordPress marks it rel="external" class="url"."""
    if not 0 < len(link.text_content().split()) <= MAX_AUTHOR_WORDS:
        return False
    if PROFILE_LINK.search(link.get("href") or ""):
        return True
    rel = set((link.get("rel") or "").split())
    return "url" in (link.get("class") or "").split() and bool({"external", "ugc"} & rel)


def narrowest_name(element) -> lxml.html.HtmlElement:
    """Inside an author block (avatar, name, "says:"), the element holding just the name."""
    while True:
        inner = next((inner for inner in element.iterdescendants()
                      if isinstance(inner.tag, str) and (inner.tag == "cite" or has_role(inner, "author"))), None)
        if inner is None:
            return element
        element = inner


def name_of(element, skip) -> str | None:
    return clean_name(" ".join(paragraphs([element], skip)))


def clean_name(text: str) -> str | None:
    """The name in an author slot: without "says:", a "Comment by" before it or a date after it."""
    name = SAYS.sub("", " ".join(text.split()))
    name = NAME_AFTER.split(BY_PREFIX.sub("", name), 1)[0].strip(" :-–—|,·•")
    if not any(c.isalpha() for c in name) or len(name) > MAX_AUTHOR_CHARS or len(name.split()) > MAX_AUTHOR_WORDS:
        return None
    if name.lower() in REPLY_WORDS or name.endswith("*"):  # "Name *": a form's label
        return None
    return name


def find_date(elements, region, dates: DateReader) -> tuple[lxml.html.HtmlElement | None, str | None]:
    """The element that dates the comment, and the date it gives: None for an age ("2 days ago")
    when the capture time is unknown, though the element still dates the comment."""
    for element in elements:
        if element.tag == "time" or element.get("itemprop") in DATE_ITEMPROPS or is_rdfa_date(element):
            found = date_in(element, dates)
            if found or dates.shows_date(spaced_text(element)):
                return element, found
    for element in elements:
        if element not in region and has_role(element, "date"):
            found = date_in(element, dates)
            if found or dates.shows_date(spaced_text(element)):
                return element, found
    for element in elements:  # an unnamed date line: "February 2, 2024 at 2:40 pm" in a permalink
        if element.tag in DATE_LINE_TAGS and all(child.tag in INLINE_TAGS for child in element):
            text = spaced_text(element)
            if len(text) <= MAX_DATE_LINE:
                found = dates.read(text)
                if found or dates.shows_date(text):  # an age shown, the exact time in a title
                    return innermost_date(element, found, dates), attribute_date(element, dates) or found
    return None, None


def is_rdfa_date(element) -> bool:
    prop = element.get("property")
    return bool(prop) and any(token.rpartition(":")[2] in DATE_PROPERTIES for token in prop.split())


def innermost_date(element, found: str | None, dates: DateReader) -> lxml.html.HtmlElement:
    """In a line like "Posted by: X | <a>March 3, 2010</a>", the link that is the date alone, so
    that the rest of the line can still name the author."""
    for inner in element.iterdescendants():
        if isinstance(inner.tag, str) and dates.read(spaced_text(inner)) == found:
            return inner
    return element


def name_beside(date_element, own) -> lxml.html.HtmlElement | None:
    """The inline element just before the date (or the link or wrapper holding it alone) that
    holds a name and nothing else."""
    anchor = date_element
    while anchor.getprevious() is None:
        parent = anchor.getparent()
        if parent is None or parent in own or (parent.text or "").strip():
            return None
        anchor = parent
    previous = anchor.getprevious()
    if previous.tag not in NAME_TAGS or len((previous.tail or "").strip()) > MAX_NAME_GAP:
        return None
    text = " ".join(previous.text_content().split())
    if not text or any(c.isdigit() for c in text) or clean_name(text) is None:
        return None
    return previous


def name_in_date_line(date_element, dates: DateReader) -> str | None:
    """The name a short date line gives besides its date: "Posted by: Ann at May 3, 2005",
    "Karla - 12. Okt, 18:20"."""
    text = spaced_text(date_element)
    if len(text) > MAX_DATE_LINE + HEADER_SLACK:
        return None
    if BY_PREFIX.match(text):
        return clean_name(text)
    name, *rest = NAME_AFTER.split(text, 1)
    if not rest or any(c.isdigit() for c in name) or not dates.shows_date(rest[-1]):
        return None
    return clean_name(name)


def attribute_date(element, dates: DateReader) -> str | None:
    """The date an element states in its attributes, read by the fast patterns only (a title
    attribute is often prose: "304 posts, member for 4300 days")."""
    for attribute in ("datetime", "content", "title"):
        found = dates.read(element.get(attribute), fallback=False)
        if found:
            return found
    return None


def date_in(element, dates: DateReader) -> str | None:
    """The date an element gives: in its attributes, its text, or the attributes inside it (a
    relative or partial date shown, the exact one in a title); the slow fallback reader last."""
    for attribute in ("datetime", "content", "title"):
        found = dates.read(element.get(attribute))
        if found:
            return found
    text = spaced_text(element)
    found = dates.read(text, fallback=False)
    if found:
        return found
    for inner in element.iterdescendants():
        if isinstance(inner.tag, str) and (inner.get("datetime") or inner.get("title")):
            found = dates.read(inner.get("datetime") or inner.get("title"), fallback=False)
            if found:
                return found
    return dates.read(text)


def spaced_text(element) -> str:
    """The text with its pieces kept apart: <span>28.09.19</span><span>13:39</span> is two words."""
    return " ".join(piece.strip() for piece in element.itertext() if piece.strip())


def find_likes(elements) -> tuple[lxml.html.HtmlElement | None, int | None]:
    for element in elements:
        if element.get("itemprop") == "upvoteCount" or has_role(element, "likes"):
            text = " ".join(element.text_content().split())
            match = INTEGER.search(text)
            if match and len(text) <= MAX_LIKES_TEXT:
                return element, int(match.group())
    return None, None


def is_not_text(element) -> bool:
    """A part of a comment that is never its text: avatar, reply link, widget, author or date."""
    if element.tag in NOISE_TAGS:
        return True
    if element.get("itemprop") in TEXT_ITEMPROPS:
        return False
    return has_role(element, "noise") or has_role(element, "author") or has_role(element, "date")


def header_of(date_element, own) -> lxml.html.HtmlElement | None:
    """The line that holds the date (and usually the author), when it holds little else."""
    if date_element is None:
        return None
    date_length = len(date_element.text_content().strip())
    header = None
    for depth, ancestor in enumerate(date_element.iterancestors()):
        if depth == MAX_HEADER_DEPTH or ancestor in own:
            break
        if len(ancestor.text_content().strip()) - date_length > HEADER_SLACK:
            break
        if any(not is_ancestor(block, date_element) for block in ancestor.iter(*TEXT_BLOCK_TAGS)
               if block is not ancestor) \
                or any(has_role(child, "text") and not is_ancestor(child, date_element) for child in ancestor):
            break  # a short comment's text sits beside the date line: not a header
        header = ancestor
    return header


def find_text_root(elements, region, excluded, author_element=None) -> lxml.html.HtmlElement | None:
    """The element holding the comment's words: by microdata, else by its name; not the block
    that holds the author's name (a user's card named "userText")."""
    for element in elements:
        if element.get("itemprop") in TEXT_ITEMPROPS:
            return element
    candidates = [element for element in elements if element not in region and element not in excluded
                  and has_role(element, "text")
                  and not any(ancestor in excluded for ancestor in element.iterancestors())
                  and (author_element is None or not is_ancestor(element, author_element))]
    # "comment-content" names the text surely; a bare "text" or "content" may name anything
    named = [element for element in candidates if has_role(element, "comment-text")]
    return (named or candidates or [None])[0]


def titles_before(text_root, elements, excluded, author_element=None) -> list[lxml.html.HtmlElement]:
    """A comment's own title (a heading above its text), which belongs with the text; not the
    heading that names the author."""
    if text_root is None:
        return []
    titles = []
    for element in elements:
        if element is text_root:
            break
        if element.tag in HEADINGS and element not in excluded \
                and not any(ancestor in excluded for ancestor in element.iterancestors()) \
                and (author_element is None or not is_ancestor(element, author_element)):
            titles.append(element)
    return titles


def paragraphs(roots, skip) -> list[str]:
    """The text under `roots` as paragraphs, leaving out the subtrees in `skip`; a <br> is a line break."""
    out: list[str] = []
    current: list[str] = []

    def flush() -> None:
        lines = (" ".join(line.split()) for line in "".join(current).split("\n"))
        text = "\n".join(line for line in lines if line)
        if text:
            out.append(text)
        current.clear()

    for root in roots:
        stack: list[tuple[lxml.html.HtmlElement, bool]] = [(root, False)]
        while stack:
            node, closing = stack.pop()
            if closing:
                if node.tag in BLOCK_TAGS:
                    flush()
                if node is not root and node.tail:
                    current.append(node.tail)
                continue
            if node in skip or not isinstance(node.tag, str):
                if node is not root and node.tail:
                    current.append(node.tail)
                continue
            if node.tag in BLOCK_TAGS:
                flush()
            elif node.tag == "br":
                current.append("\n")
            if node.text:
                current.append(node.text)
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node))
        flush()
    return out


def is_chrome_line(line: str, author: str | None, dates: DateReader) -> bool:
    """A leftover line of the comment's frame: a reply link, "says:", the author or the date again."""
    bare = line.strip(" :.|·-–—»›").lower()
    if not bare or bare in REPLY_WORDS or SAYS.fullmatch(line) or VOTE_LINE.fullmatch(bare):
        return True
    if author and (bare == author.lower()
                   or len(line) <= MAX_SAID_LINE and SAYS.sub("", line).strip(" :").lower() == author.lower()):
        return True
    if len(line) <= MAX_COUNT_LINE and declared_count(line) is not None:
        return True  # "1 Meinungen:", the section's heading inside the first comment's markup
    return len(line) <= 40 and sum(c.isalpha() for c in line) < 12 and dates.read(line) is not None
