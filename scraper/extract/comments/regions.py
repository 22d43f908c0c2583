"""Where a page keeps comments that no element names one by one (`shapes` reads them there).

Two kinds of region:
- an element named for the comment section ("comments", "comment-list", "reacties",
  "livefyre-comments", "commento"), outside the comments found by name and not holding them;
  or a run of siblings named for a part of a comment (Movable Type's "comments-body" blocks,
  each a whole comment), never one such element alone (a forum's topic post is "comment-content");
- the elements after a title naming the section ("3 Responses", "Kommentare (2)", "Comentarios",
  "2 thoughts on “Title”"), up to the comment form or the next title: found by its title alone,
  weaker evidence, so its comments must name their authors (the caller checks).
Neither ever holds the page's article, and a widget of recent or popular comments is no region.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

from .section import NEVER_CONTAINERS, holds_article
from .threads import is_comment_item
from .shapes import same_shape
from .vocabulary import COMMENT_WORD, NOT_ITEM_TOKEN, SECTION_NAME, SECTION_TOKEN, is_section_title, normalised

# Elements that can hold a comment section.
REGION_TAGS = frozenset({"div", "section", "ol", "ul", "dl", "aside", "article", "footer", "table", "tbody", "dd"})
# Names of things about comments that are not the section: widgets of recent comments, counts,
# links, switches ("comments-open" on a post), and those no comment has either (`NOT_ITEM_TOKEN`).
NOT_REGION = re.compile(
    r"^(?:recent|latest|last|new|top|popular|most|related|count|no|has|open|closed|enable|disable|show|with|num)"
    + COMMENT_WORD + r"|widget|sidebar|aktuell|neueste|letzte|beliebt|meistkommentiert|derniers|recientes|ultimi|populair"
    r"|(?:count|link|button|btn|icon|open|closed|enabled|disabled|form)$")
GENERATED_SUFFIX = re.compile(r"-[0-9a-z]{5,8}-\d+$", re.I)
# Named regions looked into on one page (a page names a handful).
MAX_REGIONS = 12
TITLE_CANDIDATES = lxml.etree.XPath(
    "//h2 | //h3 | //h4 | //h5 | //@class[contains(., 'title') or contains(., 'heading')]")
MAX_TITLE_ELEMENTS = 12
# What ends a titled section: the comment form.
FORM_PARTS = ("form", "textarea")
# Levels climbed from a title wrapped alone in its own element (<header><h2>Comments</h2></header>).
MAX_TITLE_WRAPPERS = 2


@dataclass(frozen=True)
class Region:
    roots: tuple[lxml.html.HtmlElement, ...]
    title: lxml.html.HtmlElement | None = None  # the title it was found by, if found by its title alone


def named_regions(marked: list[lxml.html.HtmlElement], claimed: list[lxml.html.HtmlElement]) -> list[Region]:
    """The outermost elements named for the comment section that hold none of the `claimed`
    comment elements and lie in none, in page order. Nothing inside a widget of recent comments
    is a region either."""
    inside_claimed = set(claimed)
    around_claimed: set[lxml.html.HtmlElement] = set()
    for element in claimed:
        for ancestor in element.iterancestors():
            if ancestor in around_claimed:
                break
            around_claimed.add(ancestor)

    def is_claimed(element: lxml.html.HtmlElement) -> bool:
        return element in around_claimed or element in inside_claimed

    regions: list[Region] = []
    closed: set[lxml.html.HtmlElement] = set()  # regions, widgets and claimed comments: not looked into
    closed.update(inside_claimed)
    marked_set = set(marked)
    for element in marked:
        if len(regions) == MAX_REGIONS:
            break
        if element in closed or any(ancestor in closed for ancestor in element.iterancestors()):
            continue
        names = [name for name in section_names_of(element) if SECTION_TOKEN.search(name)]
        if any(NOT_REGION.search(name) for name in names):
            closed.add(element)
            continue
        names = [name for name in names if not NOT_ITEM_TOKEN.search(name)]
        if not names or element.tag not in REGION_TAGS or is_claimed(element) or is_comment_item(element):
            continue
        if any(SECTION_NAME.search(name) for name in names):
            roots: tuple[lxml.html.HtmlElement, ...] = (element,)
        else:
            roots = tuple(sibling for sibling in element.getparent()
                          if sibling in marked_set and same_shape(sibling, element) and not is_claimed(sibling))
            if len(roots) < 2:
                continue
        if not any(holds_article(root) for root in roots):
            regions.append(Region(roots))
            closed.update(roots)
    return regions


def section_names_of(element: lxml.html.HtmlElement) -> list[str]:
    """The element's names (`names_of`), without the suffix a CSS-in-JS tool generates
    ("Comments__CommentList-ghoeop-2" is "commentscommentlist")."""
    values = (element.get("class") or "").split() + [element.get("id") or ""]
    return [normalised(GENERATED_SUFFIX.sub("", value)) for value in values if value]


def titled_regions(root: lxml.html.HtmlElement) -> list[Region]:
    """The sections after each title that names comments."""
    regions = []
    for title in section_titles(root):
        section = section_after(title)
        if section and not any(holds_article(element) for element in section):
            regions.append(Region(tuple(section), title))
    return regions


def section_titles(root: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The short elements whose whole text names a comment section, in page order."""
    titles: list[lxml.html.HtmlElement] = []
    for found in TITLE_CANDIDATES(root):
        element = found if isinstance(found, lxml.html.HtmlElement) else found.getparent()
        if titles and titles[-1] is element:
            continue
        # a title is a few elements at most: a wrapper named "title" around a page is none
        if next(itertools.islice(element.iter(), MAX_TITLE_ELEMENTS, None), None) is None \
                and is_section_title(element.text_content()):
            titles.append(element)
            if len(titles) == MAX_REGIONS:
                break
    return titles


def section_after(title: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The elements after `title` up to the comment form or the next title; from the wrapper of a
    title that stands alone in it."""
    anchor = title
    for _ in range(MAX_TITLE_WRAPPERS):
        if next_element(anchor) is not None:
            break
        parent = anchor.getparent()
        if parent is None or parent.tag in NEVER_CONTAINERS \
                or " ".join(parent.text_content().split()) != " ".join(anchor.text_content().split()):
            break
        anchor = parent
    section = []
    for sibling in anchor.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if next(sibling.iter(*FORM_PARTS), None) is not None or is_section_title(sibling.text_content()):
            break
        section.append(sibling)
    return section


def next_element(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    return next((sibling for sibling in element.itersiblings() if isinstance(sibling.tag, str)), None)
