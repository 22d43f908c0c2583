"""Where a page keeps comments that no element names one by one (`shapes` reads them there).

Three kinds of region:
- an element named for the comment section ("comments", "comment-list", "reacties",
  "livefyre-comments", "commento"), outside the comments found by name and not holding them;
  or a run of siblings named for a part of a comment (Movable Type's "comments-body" blocks,
  each a whole comment), never one such element alone (a forum's topic post is "comment-content");
- the elements after a title naming the section ("3 Responses", "Kommentare (2)", "Comentarios",
  "2 thoughts on “Title”"), up to the comment form or the next title: found by its title alone,
  weaker evidence, so its comments must name their authors (the caller checks);
- on a forum's page, the posts: sibling elements of one shape, each signed by a user's name
  (classed "username") that links to the writer's member profile; the first post is the topic,
  the page's article, not a comment; the others must name their authors too.
None ever holds the page's article, and a widget of recent or popular comments is no region.
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
MAX_TITLE_ELEMENTS = 12
# What ends a titled section: the comment form.
FORM_PARTS = ("form", "textarea")
# Levels climbed from a title wrapped alone in its own element (<header><h2>Comments</h2></header>).
MAX_TITLE_WRAPPERS = 2


# Links to a member's profile on a forum; not the links to log in or register, which every page
# with accounts has.
PROFILE_LINK = re.compile(
    r"(?:^|/)(?:members?|users?|u|profile|profil|benutzer|mitglied(?:er)?)/[^/?#]"
    r"|member(?:list)?\.php\?|[?&](?:showuser|u|userid|user|uid)=\d", re.I)
ACCOUNT_LINK = re.compile(r"log-?in|log-?out|sign-?(?:in|up|out)|regist|password|passwort|account|settings", re.I)
# Signatures followed up to the posts they sign: the first posts of a thread suffice.
MAX_SIGNATURES = 12


@dataclass(frozen=True)
class Region:
    roots: tuple[lxml.html.HtmlElement, ...]
    title: lxml.html.HtmlElement | None = None  # the title it was found by, if found by its title alone
    posts: bool = False  # a forum's posts after its topic

    @property
    def needs_authors(self) -> bool:
        """Found by a title or the shape of posts alone: weak evidence, unless its comments name
        their authors."""
        return self.title is not None or self.posts


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


def titled_regions(candidates: list[lxml.html.HtmlElement]) -> list[Region]:
    """The sections after each title that names comments, among the `candidates` (`markers`:
    headings and elements named for a title)."""
    regions = []
    for title in section_titles(candidates):
        section = section_after(title)
        if section and not any(holds_article(element) for element in section):
            regions.append(Region(tuple(section), title))
    return regions


def section_titles(candidates: list[lxml.html.HtmlElement]) -> list[lxml.html.HtmlElement]:
    """The short elements whose whole text names a comment section, in page order."""
    titles: list[lxml.html.HtmlElement] = []
    for element in candidates:
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


def posted_regions(users: list[lxml.html.HtmlElement]) -> list[Region]:
    """The replies of each run of posts: sibling elements of one shape, two or more, each signed
    by a user's name (`markers`) linking to a member's profile; the first post of a run is the topic."""
    links = list(itertools.islice((user for user in users if is_signature(user)), MAX_SIGNATURES))
    signed: set[lxml.html.HtmlElement] = set()  # the elements holding a signature
    for link in links:
        for element in (link, *link.iterancestors()):
            if element in signed:
                break
            signed.add(element)
    regions: list[Region] = []
    parents: set[lxml.html.HtmlElement] = set()
    for link in links:
        for element in link.iterancestors():
            parent = element.getparent()
            if parent is None or parent in parents or parent.tag == "html":
                break
            run = [sibling for sibling in parent if sibling in signed and same_shape(sibling, element)]
            if len(run) >= 2 and shared_classes(run):
                parents.add(parent)
                if not any(holds_article(post) for post in run[1:]):
                    regions.append(Region(tuple(run[1:]), posts=True))
                break
    return regions


def shared_classes(elements: list[lxml.html.HtmlElement]) -> set[str]:
    """The classes every one of `elements` has: a forum's posts share one ("post"), the blocks of
    a page's columns that happen to hold profile links rarely do."""
    shared = set((elements[0].get("class") or "").split())
    for element in elements[1:]:
        shared &= set((element.get("class") or "").split())
    return shared


def is_signature(user: lxml.html.HtmlElement) -> bool:
    """A user's name that is, or holds, a link to the member's profile."""
    link = user if user.tag == "a" else user.find(".//a")
    href = link.get("href") or "" if link is not None else ""
    return bool(PROFILE_LINK.search(href)) and not ACCOUNT_LINK.search(href)
