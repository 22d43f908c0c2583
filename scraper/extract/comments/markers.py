"""The first pass over the page: every element whose class, id or itemtype mentions comments,
every element that may title a section (a heading, a class naming a title), and every element
classed as a user's name (a forum's posts are signed so).

Selecting attribute nodes, not elements, keeps libxml2 from building a string per element: on a
news page this query costs about half a millisecond, which is what a page without comments pays.
One substring test per attribute in XPath ("ment", "itle", "sername"), finer ones in Python on
the few it selects: "omment" (comment, Kommentar, commentaire, commento) or "oment" (comentario,
komentarz).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

MARKED_ATTRIBUTES = lxml.etree.XPath(
    "//@class[contains(., 'ment') or contains(., 'itle') or contains(., 'sername')]"
    " | //@id[contains(., 'ment') or . = 'respond' or . = 'disqus_thread'] | //@itemtype[contains(., 'Comment')]"
    " | //h2 | //h3 | //h4 | //h5")
MARK = re.compile("omment|oment|respond|disqus_thread|Comment")
TITLE_MARK = re.compile("title|heading")
USER_MARK = "sername"


@dataclass(frozen=True)
class Marks:
    named: list[lxml.html.HtmlElement]  # named for comments
    titles: list[lxml.html.HtmlElement]  # headings and elements named for a title: where a section's title may be
    users: list[lxml.html.HtmlElement]  # elements classed as a user's name ("username")


def marked_elements(root: lxml.html.HtmlElement) -> Marks:
    """The elements named for comments, those that may title a section and those classed as a
    user's name, in document order, each once."""
    named: list[lxml.html.HtmlElement] = []
    titles: list[lxml.html.HtmlElement] = []
    users: list[lxml.html.HtmlElement] = []
    for found in MARKED_ATTRIBUTES(root):
        if isinstance(found, lxml.html.HtmlElement):
            titles.append(found)
            continue
        element = found.getparent()
        if MARK.search(found) and (not named or named[-1] is not element):
            named.append(element)
        if found.attrname == "class":
            if TITLE_MARK.search(found) and (not titles or titles[-1] is not element):
                titles.append(element)
            if USER_MARK in found:
                users.append(element)
    return Marks(named, titles, users)
