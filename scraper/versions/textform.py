"""The comparison form of a text: what two captures must share for their words to count as the same.

Captures of one article differ in ways no reader would call an edit: curly or straight quotes,
an en dash or a hyphen, a no-break space, a soft hyphen, doubled spaces, line breaks the CMS moved.
Every comparison in this package goes through `comparison_form`, so a whitespace- or
typography-only difference never becomes a change. Case is kept: "fire kills" and "Fire Kills" are
a headline restyled, which an editor did on purpose.
"""
from __future__ import annotations

import re
import unicodedata

# Characters that vary between templates, fonts and CMS versions, folded to one plain spelling.
TYPOGRAPHY = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
    "\u00bb": '"', "\u2039": "'", "\u203a": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-",
    "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "",
}
# str.translate looks every character up in a Python dict: a pattern finds the few that need it.
TYPOGRAPHIC = re.compile("[" + "".join(TYPOGRAPHY) + "]")
WORD = re.compile(r"\w+")


def comparison_form(text: str | None) -> str:
    """The text with typography folded (quotes, dashes, invisible characters, NFKC: ligatures,
    ellipsis, full-width forms) and white space collapsed."""
    if not text:
        return ""
    if not text.isascii():  # ASCII text (most sentences) has nothing to fold
        text = unicodedata.normalize("NFKC", TYPOGRAPHIC.sub(lambda match: TYPOGRAPHY[match.group()], text))
    return " ".join(text.split())


def words(form: str) -> list[str]:
    """The lower-cased words of a comparison form: what similarity is measured on."""
    return WORD.findall(form.lower())
