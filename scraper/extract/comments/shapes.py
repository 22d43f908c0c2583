"""Comments found by the shape of their thread, where no element is named for one comment.

Many engines name the comment section but not each comment (<ol class="commentlist"><li>), name
each comment in words of their own (Livefyre's "fyre-comment-article", Joomla's
"comment-item-12", Commento's "commento-card"), put the thread in a <dl> (Blogger's classic <dt>
author, <dd> text, <dd> date) or name nothing at all below a "3 Responses" title. All of them
print a thread the same way: sibling elements of one shape, each holding a date and the
reader's words, the replies nested in the same shape.

The steps, within a region that holds comments (`regions`):
1. mark the elements holding a date: a <time>, a datetime or date property, a date-named
   element, a short line that reads as a date or an age;
2. from the region down, follow the one child holding dates: where two or more children of one
   shape hold dates, those children are the comments; otherwise the section holds one comment,
   the deepest element reached whose dated child (its header) has the comment's words beside it,
   not merely the section's chrome (its title, count, form), or where dated children differ in
   shape (the comment and its replies);
3. the replies are the dated elements of the comments' shape inside them; in a <dl>, the
   comments are its <dt> headings (each with the <dd>s after it, `threads`);
4. a run of teasers (a title linking elsewhere, or mostly link text) is a list of posts, not a
   discussion: no comments.
"""
from __future__ import annotations

import re

import lxml.etree
import lxml.html

from .dates import DateReader
from .fields import DATE_ITEMPROPS, INLINE_TAGS, MAX_DATE_LINE, is_rdfa_date, spaced_text
from .section import HEADING_TAGS, declared_count, link_text_length
from .threads import is_microdata_comment
from .vocabulary import has_role, is_section_title

# Dates marked in one region: the first page of any thread.
MAX_SIGNALS = 400
# Shapes compared among a node's dated children.
MAX_SHAPES = 20
# Levels followed down from a region.
MAX_DEPTH = 40
# Never searched for dates: code, forms and graphics.
SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "form", "textarea", "select", "svg"})
# A section's own chrome beside its comments: headings, forms, and short lines of links.
CHROME_TAGS = frozenset({"script", "style", "noscript", "template", "form", "input", "button", "textarea", "select",
                         "label", "link", "meta", "hr", "br", "img", "svg", "iframe", "picture"})
MAX_CHROME_TEXT = 60
# Of a teaser's text, at least this share is link text.
TEASER_LINK_SHARE = 0.6
# Classes a list gives every other entry, or its first and last: not a shape of their own.
ALTERNATING = frozenset({"alt", "even", "odd", "first", "last", "alternate"})
# An element id is compared without its number: "comment-item-412" and "comment-item-415" match.
MAX_ID = 100
TRAILING_NUMBER = re.compile(r"[0-9a-f]+$")
DEFINITION_TAGS = ("dt", "dd")
POST_METADATA = lxml.etree.XPath(
    ".//a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')]"
    " | .//*[@itemprop='datePublished' or @itemprop='dateModified' or @itemprop='author']")


def comment_items(roots: list[lxml.html.HtmlElement], dates: DateReader) -> list[lxml.html.HtmlElement]:
    """The comments (and their replies, after each) under `roots`, in page order; none when the
    region shows no thread."""
    holding, signals = dated_elements(roots, dates)
    if not holding:
        return []
    single = None  # the deepest element reached whose dated child has the comment's text beside it
    node = None
    children = roots
    for _ in range(MAX_DEPTH):
        kids = [kid for kid in children if isinstance(kid.tag, str)]
        dated = [kid for kid in kids if kid in holding]
        run = longest_run(dated)
        if run:
            items = run_items(run, kids)
            return [] if is_list_of_teasers(items) else with_replies(items, holding)
        if len(dated) != 1:
            single = node if dated else single  # dated parts of different shapes: the comment and its replies
            break
        if node is not None and has_text_beside(dated[0], kids):
            single = node
        node = dated[0]
        children = list(node)
    if single is None or is_teaser(single) or own_dates(single, signals) != 1:
        return []
    return with_replies([single], holding)


def dated_elements(roots: list[lxml.html.HtmlElement],
                   dates: DateReader) -> tuple[set[lxml.html.HtmlElement], list[lxml.html.HtmlElement]]:
    """The elements under `roots` holding a date (each date and its ancestors up to the roots),
    and the dates."""
    holding: set[lxml.html.HtmlElement] = set()
    signals: list[lxml.html.HtmlElement] = []
    for root in roots:
        stack = [root]
        while stack and len(signals) < MAX_SIGNALS:
            node = stack.pop()
            if not isinstance(node.tag, str) or node.tag in SKIPPED_TAGS:
                continue
            if not is_date(node, dates):
                stack.extend(reversed(node))
                continue
            signals.append(node)
            for element in (node, *node.iterancestors()):
                if element in holding:
                    break
                holding.add(element)
                if element is root:
                    break
    return holding, signals


def own_dates(item: lxml.html.HtmlElement, signals: list[lxml.html.HtmlElement]) -> int:
    """How many dates `item` shows outside its replies (the elements of its shape inside it): a
    comment shows one, a list of posts or a page section many."""
    count = 0
    for signal in signals:
        for ancestor in signal.iterancestors():
            if ancestor is item:
                count += 1
                break
            if same_shape(ancestor, item):
                break
    return count


def is_date(element: lxml.html.HtmlElement, dates: DateReader) -> bool:
    """Whether the element is a date: machine-readable, named for one, or a short line reading as one."""
    if element.tag == "time" or element.get("datetime") or element.get("itemprop") in DATE_ITEMPROPS \
            or is_rdfa_date(element):
        return True
    named = has_role(element, "date")
    if not named and not all(child.tag in INLINE_TAGS for child in element):
        return False
    text = spaced_text(element)
    if not text or len(text) > MAX_DATE_LINE or not (named or any(c.isdigit() for c in text)):
        return False
    return dates.shows_date(text)


def longest_run(dated: list[lxml.html.HtmlElement]) -> list[lxml.html.HtmlElement] | None:
    """The most siblings of one shape among the `dated` ones, if two or more (of the first few
    shapes met: a thread repeats one or two)."""
    groups: list[list[lxml.html.HtmlElement]] = []
    for element in dated:
        group = next((group for group in groups if same_shape(group[0], element)), None)
        if group is not None:
            group.append(element)
        elif len(groups) < MAX_SHAPES:
            groups.append([element])
    best = max(groups, key=len, default=[])
    return best if len(best) >= 2 else None


def same_shape(first: lxml.html.HtmlElement, second: lxml.html.HtmlElement) -> bool:
    """Same tag, and a class in common (or no class at all, but for the classes that alternate
    down a list: "alt", "even", "odd"), or the same id but for its number."""
    if first.tag != second.tag:
        return False
    classes = set((first.get("class") or "").split()) - ALTERNATING
    other_classes = set((second.get("class") or "").split()) - ALTERNATING
    if classes & other_classes or not classes and not other_classes:
        return True
    stem = id_stem(first)
    return stem is not None and stem == id_stem(second)


def id_stem(element: lxml.html.HtmlElement) -> str | None:
    """The id without its trailing number (decimal or hex): "comment-item-", "commento-card-"."""
    value = (element.get("id") or "")[:MAX_ID].lower()
    match = TRAILING_NUMBER.search(value)
    if match is None or not any(c.isdigit() for c in match.group()):
        return None
    return value[:match.start()]


def run_items(run: list[lxml.html.HtmlElement], kids: list[lxml.html.HtmlElement]) -> list[lxml.html.HtmlElement]:
    """The comments of a run: every sibling of its shape (dated or not); in a <dl>, the <dt>
    headings, each opening one comment."""
    if run[0].tag in DEFINITION_TAGS:
        headings = [kid for kid in kids if kid.tag == "dt"]
        if headings:
            return headings
    return [kid for kid in kids if same_shape(kid, run[0])]


def with_replies(items: list[lxml.html.HtmlElement], holding: set) -> list[lxml.html.HtmlElement]:
    """The items, each followed by the dated elements of its shape nested in it (its replies)."""
    out: list[lxml.html.HtmlElement] = []
    for item in items:
        out.append(item)
        out += [inner for inner in item.iterdescendants(item.tag) if inner in holding and same_shape(inner, item)]
    return out


def has_text_beside(dated: lxml.html.HtmlElement, kids: list[lxml.html.HtmlElement]) -> bool:
    """Whether a sibling of the dated part holds more text than it, or paragraphs: the comment's
    words beside its header, not an avatar or a name beside a date."""
    dated_length = len(dated.text_content().strip())
    return any(kid is not dated and not is_section_chrome(kid)
               and (kid.tag == "p" or kid.find(".//p") is not None or len(kid.text_content().strip()) > dated_length)
               for kid in kids)


def is_section_chrome(element: lxml.html.HtmlElement) -> bool:
    """A part of the section that is no comment: a heading, a form, a count, a line of links."""
    if element.tag in CHROME_TAGS or element.tag in HEADING_TAGS:
        return True
    if next(element.iter("form", "textarea"), None) is not None:
        return True
    text = " ".join(element.text_content().split())
    if not text:
        return True
    if len(text) > MAX_CHROME_TEXT:
        return False
    if declared_count(text) is not None or is_section_title(text):
        return True
    return 2 * link_text_length(element) >= len(text)


def is_list_of_teasers(items: list[lxml.html.HtmlElement]) -> bool:
    """Whether most items are teasers (decided as soon as the count settles it)."""
    teasers = others = 0
    for item in items:
        if is_teaser(item):
            teasers += 1
        else:
            others += 1
        if 2 * teasers > len(items) or 2 * others >= len(items):
            break
    return 2 * teasers > len(items)


def is_teaser(item: lxml.html.HtmlElement) -> bool:
    """A post's teaser or byline, not a comment: a title linking to another page (not a name
    linking to its profile), mostly link text, or the post's own author and date
    (`is_post_metadata`)."""
    for heading in item.iter(*HEADING_TAGS):
        if any(not (link.get("href") or "#").startswith("#") and not has_role(link, "author")
               for link in heading.iter("a")):
            return True
    text = len(" ".join(item.text_content().split()))
    if text == 0 or link_text_length(item) >= TEASER_LINK_SHARE * text:
        return True
    return any(map(is_post_metadata, POST_METADATA(item)))


def is_post_metadata(element: lxml.html.HtmlElement) -> bool:
    """An author or date of a post rather than of a comment: a rel="author" link (HTML's "the
    author of the article"), or a microdata author or date outside any Comment item."""
    if element.tag == "a":
        return True
    scope = next((ancestor for ancestor in element.iterancestors() if ancestor.get("itemscope") is not None), None)
    return scope is None or not is_microdata_comment(scope)
