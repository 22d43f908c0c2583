"""Which of the page's JSON-LD objects describes its article.

A page's JSON-LD holds the article beside the site (WebSite, Organization), the page (WebPage),
breadcrumbs and people; the article is what titles, authors and dates are read from.
"""
from __future__ import annotations

from typing import Any

from .jsonld import types_of

ARTICLE_TYPES = {
    "Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "OpinionNewsArticle",
    "AnalysisNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "TechArticle", "ScholarlyArticle",
    "LiveBlogPosting", "Report", "SocialMediaPosting", "DiscussionForumPosting", "Blog", "Review", "Recipe",
    "VideoObject", "Posting", "SatiricalArticle", "AdvertiserContentArticle",
}
# Used when no article object exists; their "author" is the account that edited the page.
PAGE_TYPES = {"WebPage", "ItemPage", "AboutPage", "ProfilePage", "CollectionPage", "MediaObject"}


def main_article(json_ld: list[dict[str, Any]]) -> dict[str, Any]:
    """The first object of an article type, else a web page object with a headline, a date or an
    author; {} when there is none."""
    for obj in json_ld:
        if types_of(obj) & ARTICLE_TYPES:
            return obj
    for obj in json_ld:
        if types_of(obj) & PAGE_TYPES and (obj.get("headline") or obj.get("datePublished") or obj.get("author")):
            return obj
    return {}


def is_article(obj: dict[str, Any]) -> bool:
    return bool(types_of(obj) & ARTICLE_TYPES)
