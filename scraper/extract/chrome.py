"""Site chrome: the parts of a page that are not the article, recognised by general rules.

Two kinds of evidence, read from each element's own markup:
1. the markup says so: the tag (<nav>, <footer>, a page-level <header>, <form>), the ARIA role,
   or hiding (hidden, aria-hidden, display:none, "sr-only"); an <aside> counts as a name would
   (below), because some pages put the article's text in one;
2. the class and id words say so, by family: navigation and breadcrumbs, tickers, share bars,
   related/recent/popular posts, sidebars and widgets, author boxes, previous/next links,
   newsletter and subscribe boxes, ads, cookie banners, comments, search overlays, post meta.

Class and id values are split into words ("socialShare-top" -> social, share, top), so "ad"
matches `ad-slot` and `top_ads` but not `header` or `download`. Names that mark the article itself
(`hentry`, `entry-content`, itemprop=articleBody) win over any chrome word beside them. A layout
wrapper may carry a chrome word (`content-with-sidebar`): it is spared when it holds a large share
of the page's text, or of its prose, because no sidebar or share bar does. What the text itself
gives away (link-dense boxes, ad labels) is left to the paragraph walk.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

from .blocks import BLOCK_TAGS, MAX_ANCESTOR_WALK

# Elements that never hold article text. Their content is dropped with them.
INVISIBLE_TAGS = (
    "script", "style", "template", "svg", "math", "iframe", "object", "embed", "canvas",
    "button", "select", "input", "textarea", "option", "label", "dialog", "map", "audio", "video",
    "link", "meta", "head",
)

# A signup box (newsletter, alerts, a download in exchange for an address): an e-mail field with a
# line or two of pitch around it. The field is the evidence every such box carries, whatever its
# class names; it is read before the fields go (`drop_invisible`).
EMAIL_FIELDS = lxml.etree.XPath(
    "descendant::input[translate(@type, 'EMAIL', 'email') = 'email'"
    " or contains(translate(@name, 'EMAIL', 'email'), 'email')]")
MAX_SIGNUP_BOX_TEXT = 400       # the pitch: a heading and a sentence or two ...
MAX_SIGNUP_PAGE_SHARE = 0.2     # ... and a small part of the page: not a short page's whole column
MAX_SIGNUP_FIELDS = 10          # more e-mail fields than any page shows: the rest are not looked at

# Tags that are chrome by definition when they are not the article's own (see `prune_chrome`).
# Forms are search boxes, logins, newsletter and comment forms (a page wrapped whole in a form
# is spared by the wrapper rule of `prune_chrome`).
CHROME_TAGS = {"nav", "footer", "menu", "form"}
ASIDE_TAG = "aside"
# <header> at page level is the masthead; inside an article or <main> it holds the headline, the
# byline and often the standfirst, which is body text.
HEADER_TAG = "header"
ARTICLE_TAGS = ("article", "main")
# A <noscript> with more text than a note and most of the page's is a page it swallowed.
MAX_NOSCRIPT_NOTE = 300
NOSCRIPT_PAGE_SHARE = 0.5

CHROME_ROLES = {
    "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
    "toolbar", "dialog", "alertdialog", "tablist", "note",
}

# Class/id words of chrome, grouped by the family of chrome they name (issue: chrome removal).
CHROME_WORDS = frozenset(
    # navigation, breadcrumbs, pagination, previous/next
    "nav navbar navigation menu menus breadcrumb breadcrumbs crumbs pagination pager paging "
    "prevnext postnav prev next previous "
    # page header and footer
    "masthead footer colophon topbar toolbar "
    # trending and ticker bars
    "trending ticker marquee "
    # share buttons
    "share shares sharing sharebar sharedaddy social socials addtoany a2a shariff sociallinks "
    "follow "
    # related / recent / popular posts
    "related recommended recommendations recommend popular recent mostread latest outbrain "
    "taboola readmore morestories "
    # sidebars and widgets
    "sidebar sidebars widget widgets aside rail "
    # author bio boxes
    "bio authorbox author byline "
    # subscribe and newsletter boxes
    "subscribe subscription newsletter newsletters signup optin mailchimp paywall regwall "
    # ads
    "ad ads adv advert adverts advertisement advertising adsense adsbygoogle adslot dfp gpt "
    "sponsor sponsored promo promotion promoted banner commercial "
    # cookie and consent banners
    "cookie cookies consent gdpr "
    # search overlays, popups
    "search modal popup overlay lightbox "
    # tags, categories, post meta
    "tags tagcloud categories meta postmeta entrymeta dateline timestamp "
    # the same families in the languages of the news we meet
    "brotkrumen ariane migas teilen partage partager compartir autor autoren auteur werbung "
    "anzeige publicite publicidad verwandte aehnliche"
    .lower().split()
)
# Whole class or id names (joined: "site-header" -> "siteheader") of chrome whose words alone
# are too common: an article's own header ("article-header") holds its standfirst.
CHROME_NAMES = frozenset(
    "header siteheader pageheader mainheader globalheader topheader headerwrapper headercontainer "
    "skiplink skiplinks skiptocontent skipnav "
    "aboutauthor abouttheauthor authorbio breakingnews breakingnewsbar".split()
)
# Headings and paragraphs carry ids made from their own text ("what-comes-next"): never by name.
NEVER_NAMED_TAGS = frozenset("h1 h2 h3 h4 h5 h6 p".split())

# Comment lists and forms: chrome whatever their prose (reader comments are prose).
COMMENT_WORDS = frozenset(
    "comment comments commentlist respond reply replies disqus discussion kommentar kommentare "
    "commentaires comentarios".split()
)
COMMENT_PREFIXES = ("comment", "kommentar", "commentaire", "comentario")
# Screen-reader-only and hidden boxes, by their joined class names ("visually-hidden", "sr-only").
HIDDEN_NAMES = frozenset("sronly visuallyhidden screenreadertext screenreaderonly hidden hide".split())
# A box merely named like chrome but holding this share of the page's prose is content.
PROSE_SHARE_SPARED = 0.3
# The text inside links, as plain strings (no string is asked for its parent: cheaper to make).
LINK_TEXTS = lxml.etree.XPath("descendant::a[@href]/descendant::text()", smart_strings=False)

# Joined forms ("relatedposts", "sharebuttons") are caught by these prefixes of a single word.
CHROME_PREFIXES = (
    "related", "share", "sharing", "social", "newsletter", "subscri", "sidebar", "widget",
    "breadcrumb", "comment", "advert", "sponsor", "cookie", "trending", "ticker", "outbrain",
    "taboola", "popular", "recommend", "navbar", "pagination", "footer", "masthead", "disqus",
    "autoren", "brotkrumen",
)

# Class names that mark the article itself (microformats, CMS conventions): never chrome, whatever
# other words the element carries (WordPress adds "tag-<name>" and "category-<name>" to posts).
ARTICLE_NAMES = frozenset(
    "hentry hnews articlebody entrycontent postcontent articlecontent storybody articletext "
    "posttext postbody entrybody storycontent articlebodytext".split()
)

# A block this share of the page's text is a layout wrapper, whatever its name says.
WRAPPER_TEXT_SHARE = 0.4

MODIFIER_WORDS = frozenset("has with no without show hide".split())
CAMEL_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])")
NAME_SEPARATORS = re.compile(r"[^a-zA-Z0-9]+")


def words_of(element: lxml.html.HtmlElement) -> frozenset[str]:
    """The words of an element's class and id, lower-cased: "socialShare-top" -> social, share, top."""
    return words_in(element.get("class") or "") | words_in(element.get("id") or "")


@functools.lru_cache(maxsize=8192)
def words_in(names: str) -> frozenset[str]:
    """The words of one class or id value (cached: pages repeat the same values), without those
    a modifier qualifies: "section--has-ads" is a section that has ads, not an ad."""
    words = []
    modified = False
    for word in NAME_SEPARATORS.split(CAMEL_BOUNDARY.sub(" ", names).lower()):
        if word and not modified:
            words.append(word)
        modified = word in MODIFIER_WORDS
    return frozenset(words)


@functools.lru_cache(maxsize=8192)
def evidence_of_names(names: str) -> str | None:
    """What one class or id value says: "article", "hidden", "comments", "chrome" or nothing.

    Pages repeat the same class values on many elements, so the answer is cached."""
    joined = {name.replace("-", "").replace("_", "") for name in names.lower().split()}
    if joined & ARTICLE_NAMES:
        return "article"
    if joined & HIDDEN_NAMES:
        return "hidden"
    evidence = "chrome" if joined & CHROME_NAMES else None
    for word in words_in(names):
        if word in COMMENT_WORDS:
            return "comments"
        if word in CHROME_WORDS or (len(word) > 6 and word.startswith(CHROME_PREFIXES)):
            evidence = "chrome"
    return evidence


def named_as_article(element: lxml.html.HtmlElement) -> bool:
    """True when a class name or the microdata marks the article body itself."""
    return (element.get("itemprop") == "articleBody"
            or evidence_of_names(element.get("class") or "") == "article"
            or evidence_of_names(element.get("id") or "") == "article")


def chrome_evidence(element: lxml.html.HtmlElement) -> str | None:
    """Why the element is chrome: "markup" (tag, role, hidden), "comments", "name"; None if not."""
    tag = element.tag
    if tag == ASIDE_TAG:
        return "name"  # an aside is a sidebar, unless it holds the article's prose (weighed as a name)
    if tag in CHROME_TAGS:
        return "markup"
    if tag == HEADER_TAG:
        return "markup" if is_page_header(element) else None
    attributes = element.attrib
    if not attributes:  # most elements: nothing more to read
        return None
    role = attributes.get("role")
    if role and role.lower() in CHROME_ROLES:
        return "markup"
    if attributes.get("aria-hidden") == "true" or attributes.get("hidden") is not None:
        return "markup"
    style = attributes.get("style")
    if style and is_hidden_style(style):
        return "markup"
    if tag in NEVER_NAMED_TAGS or attributes.get("itemprop") == "articleBody":
        return None
    said = {evidence_of_names(attributes.get("class") or ""), evidence_of_names(attributes.get("id") or "")}
    if "article" in said:
        return None
    if "hidden" in said:
        return "markup"
    if "comments" in said:
        return "comments"
    return "name" if "chrome" in said else None


def is_hidden_style(style: str) -> bool:
    """An inline style that hides the element (schema.org copies of the article, templates)."""
    style = style.replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def is_page_header(header: lxml.html.HtmlElement) -> bool:
    """A <header> outside any <article> or <main>: the site's masthead."""
    ancestor = header.getparent()
    for _ in range(MAX_ANCESTOR_WALK):
        if ancestor is None:
            return True
        if ancestor.tag in ARTICLE_TAGS:
            return False
        ancestor = ancestor.getparent()
    return True


def is_chrome(element: lxml.html.HtmlElement) -> bool:
    """The element's own markup or name marks it as chrome (whatever text it holds)."""
    return chrome_evidence(element) is not None


def drop_invisible(root: lxml.html.HtmlElement) -> None:
    """Remove the elements that never show article text (scripts, styles, forms' controls, ...).

    <noscript> holds a "please enable JavaScript" note or a lazy image's fallback, except on pages
    where a stray, unclosed one swallowed the whole page: then its content is the page's.
    """
    lxml.etree.strip_elements(root, *INVISIBLE_TAGS, with_tail=False)
    noscripts = list(root.iter("noscript"))
    if not noscripts:
        return
    page_length = text_length(root)
    for noscript in noscripts:
        length = text_length(noscript)
        if length > MAX_NOSCRIPT_NOTE and length > NOSCRIPT_PAGE_SHARE * page_length:
            noscript.drop_tag()
        else:
            drop(noscript)


def email_field_holders(root: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The elements that hold an e-mail field, read before the fields go (`drop_invisible`)."""
    holders = []
    for field in EMAIL_FIELDS(root)[:MAX_SIGNUP_FIELDS]:
        holder = field.getparent()
        while holder is not None and holder.tag in INVISIBLE_TAGS:  # a <label> or <button> goes too
            holder = holder.getparent()
        if holder is not None:
            holders.append(holder)
    return holders


def signup_boxes(holders: list[lxml.html.HtmlElement], page_length: int) -> frozenset:
    """The box around each e-mail field: the largest ancestor with no more text than a signup
    pitch, short of the article's own container or its headline (a short article with a form in
    it stays, and so does the header of one with a "write to the author" form in it)."""
    most = min(MAX_SIGNUP_BOX_TEXT, MAX_SIGNUP_PAGE_SHARE * page_length)
    boxes = set()
    for holder in holders:
        box, ancestor = None, holder
        for _ in range(MAX_ANCESTOR_WALK):
            if (ancestor is None or ancestor.tag in ("body", "html") or ancestor.tag in ARTICLE_TAGS
                    or named_as_article(ancestor) or text_length(ancestor) > most
                    or next(ancestor.iter("h1"), None) is not None):
                break
            box, ancestor = ancestor, ancestor.getparent()
        if box is not None:
            boxes.add(box)
    return frozenset(boxes)


@dataclass(frozen=True)
class Removal:
    """Where a removed element stood, so that it can be put back (`restore`)."""

    element: lxml.html.HtmlElement
    parent: lxml.html.HtmlElement
    index: int
    previous: lxml.html.HtmlElement | None  # the sibling whose tail took the element's tail
    text_before: str | None                 # that tail (or the parent's text) before it did


def drop(element: lxml.html.HtmlElement) -> Removal | None:
    """Remove an element, keeping its tail text (which belongs to the parent). A removed block
    leaves a space: the texts on either side of it were never one word."""
    parent = element.getparent()
    if parent is None:
        return None
    previous = element.getprevious()
    removal = Removal(element, parent, parent.index(element), previous,
                      previous.tail if previous is not None else parent.text)
    tail = element.tail
    if element.tag in BLOCK_TAGS:
        tail = " " + (tail or "")
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)  # lxml keeps the element's own tail on it
    return removal


def restore(removals: list[Removal]) -> None:
    """Put removed elements back where they were, the last removed first."""
    for removal in reversed(removals):
        if removal.previous is not None:
            removal.previous.tail = removal.text_before
        else:
            removal.parent.text = removal.text_before
        removal.parent.insert(removal.index, removal.element)


def drop_excluded(exclude) -> None:
    """Remove the containers another step claimed (the comments), unless one holds the article."""
    for element in exclude:
        if not holds_article(element):
            drop(element)


def prune_chrome(body: lxml.html.HtmlElement, trust_names: bool = True,
                 page_length: int | None = None, signups: frozenset = frozenset()) -> list[Removal]:
    """Remove the chrome elements under `body`; return where they stood (to put them back, and
    for the page signals to look into).

    One walk in document order; a removed element's subtree is not visited. The text length of
    the page is measured once, and that of each chrome candidate once (in C, by text_content).
    Spared: wrappers holding a large share of the page, and boxes merely *named* like chrome that
    hold much of the page's prose (a "banner-placeholder" column with the article in it). Comment
    sections are never spared for their prose: reader comments are prose. With `trust_names`
    off, only the markup's evidence counts (for a page whose class names mislead). `page_length`
    is `body`'s text length, when the caller has measured it already; `signups` the signup boxes
    (`signup_boxes`), chrome by their markup.
    """
    if page_length is None:
        page_length = text_length(body)
    spare_above = page_length * WRAPPER_TEXT_SHARE
    spare_prose_above = prose_length(body, page_length) * PROSE_SHARE_SPARED
    doomed = []
    walker = lxml.etree.iterwalk(body, events=("start",))
    for _, element in walker:
        if element is body or not isinstance(element.tag, str):
            continue
        evidence = "markup" if element in signups else chrome_evidence(element)
        if evidence is None or (evidence == "name" and not trust_names):
            continue
        if evidence == "name" and element.find(".//blockquote") is not None:
            continue  # an embedded post ("social-embed", "article-tweet"): a quotation the article shows
        length = text_length(element)
        if length > spare_above:
            continue
        if evidence == "name" and length > spare_prose_above and prose_length(element, length) > spare_prose_above:
            continue
        doomed.append(element)
        walker.skip_subtree()
    return [removal for removal in map(drop, doomed) if removal is not None]


def holds_article(element: lxml.html.HtmlElement) -> bool:
    """A container that is or holds the page's <main> or the marked article body is no comment
    section, whoever says so: dropping it would lose the article. A comment classed like an
    article body ("comment entry-content") is still a comment."""
    return any(e.tag == "main" or (named_as_article(e) and not named_for_comments(e))
               for e in element.iter() if isinstance(e.tag, str))


def named_for_comments(element: lxml.html.HtmlElement) -> bool:
    return any(word.startswith(COMMENT_PREFIXES) for word in words_of(element))


def prose_length(element: lxml.html.HtmlElement, length: int | None = None) -> int:
    """Visible text outside links (`length`: the element's text length, when known)."""
    if length is None:
        length = text_length(element)
    return length - visible_length("".join(LINK_TEXTS(element)))


def text_length(element: lxml.html.HtmlElement) -> int:
    """Characters of visible text, whitespace left out (indentation inflates wrappers otherwise)."""
    return visible_length(element.text_content())


def visible_length(text: str) -> int:
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t")
