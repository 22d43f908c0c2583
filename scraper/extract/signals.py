"""Page signals that say the body is missing for a reason: a paywall, or an app shell.

They are read before the body step removes scripts and chrome (a paywall box is chrome, and the
shell's evidence is its scripts), and weighed after it, against how much body text was found.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

# An app shell: the element a script framework mounts into, left empty in the HTML.
APP_ROOT_IDS = frozenset("root app __next __nuxt ___gatsby main-app app-root application".split())
APP_ROOT_ATTRIBUTES = ("data-reactroot", "ng-app", "ng-version", "data-server-rendered", "data-v-app")
# Less visible text than this on the whole page, with scripts, means the script renders the page.
APP_SHELL_MAX_TEXT = 200

# Paywall evidence: schema.org's flag, class/id words, and the prompt's own words.
NOT_FREE = re.compile(r'"isAccessibleForFree"\s*:\s*"?(false|False|FALSE)')
# Selecting the attribute nodes, not the elements, spares libxml2 a string per element.
PAYWALL_NAMES = lxml.etree.XPath(
    "descendant-or-self::*/@class[contains(., 'paywall') or contains(., 'regwall')"
    " or contains(., 'subscriber-only') or contains(., 'premium-content') or contains(., 'piano-')]"
    " | descendant-or-self::*/@id[contains(., 'paywall') or contains(., 'piano')]"
)
PAYWALL_PHRASES = (
    "subscribe to continue", "subscribe to read", "to continue reading", "subscribers only",
    "to view the full story", "please subscribe",
    "for subscribers", "already a subscriber", "log in to continue", "sign in to continue",
    "nur für abonnenten", "abonnieren sie", "weiterlesen mit", "réservé aux abonnés",
    "abonnez-vous", "solo para suscriptores", "riservato agli abbonati",
)
# A body shorter than this, with paywall evidence, is the teaser before the wall.
PAYWALL_MAX_BODY_TEXT = 1500


@dataclass(frozen=True)
class ScriptSignals:
    scripts: int = 0         # how many <script> elements the page has
    not_free: bool = False   # its JSON-LD says isAccessibleForFree: false


def read_script_signals(root: lxml.html.HtmlElement) -> ScriptSignals:
    """What the scripts say, read before they are removed."""
    scripts = root.xpath("//script")
    not_free = any(NOT_FREE.search(s.text or "") for s in scripts
                   if (s.get("type") or "").lower() == "application/ld+json")
    return ScriptSignals(len(scripts), not_free)


def page_warnings(body_text_length: int, page_text: str, scripts: ScriptSignals, trees) -> tuple[str, ...]:
    """Warnings for an empty or suspiciously short body.

    `page_text` is the page's visible text; `trees` are the page and the chrome removed from it,
    searched for an app root and paywall boxes only when the body is short (it rarely is).
    """
    warnings = []
    page_text_length = len(page_text.strip())
    if not body_text_length:
        if scripts.scripts and page_text_length < APP_SHELL_MAX_TEXT and (
                not page_text_length or has_empty_app_root(trees[0])):
            warnings.append("rendered by script")
        else:
            warnings.append("no article body found")
    if body_text_length < PAYWALL_MAX_BODY_TEXT and (
            scripts.not_free or has_paywall_prompt(page_text) or any(has_paywall_box(t) for t in trees)):
        warnings.append("paywalled")
    return tuple(warnings)


def has_empty_app_root(root: lxml.html.HtmlElement) -> bool:
    return any(is_app_root(element) and not element.text_content().strip()
               for element in root.iter("div", "main", "app-root"))


def is_app_root(element: lxml.html.HtmlElement) -> bool:
    return element.get("id") in APP_ROOT_IDS or any(element.get(a) is not None for a in APP_ROOT_ATTRIBUTES)


def has_paywall_box(tree: lxml.html.HtmlElement) -> bool:
    return bool(PAYWALL_NAMES(tree))


def has_paywall_prompt(text: str) -> bool:
    """The text holds the words of a paywall's prompt ("Subscribe to continue reading")."""
    text = " ".join(text.lower().split())
    return any(phrase in text for phrase in PAYWALL_PHRASES)
