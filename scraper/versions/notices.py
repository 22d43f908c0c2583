"""Correction and update notices: the sentences with which an editor says the article was changed.

A notice opens a sentence (most often its own paragraph, at the top or the foot of the body) with a
label and a colon or dash ("Correction:", "UPDATE (3 p.m.):", "Editor's note —"), or says in so many
words that an earlier version was wrong or that the article was updated ("An earlier version of this
article misstated ...", "This story has been updated ..."), in the languages the extractor reads.
The notice's text runs from that sentence to the end of its paragraph. Each pattern is anchored at
the start of a sentence and sees at most NOTICE_HEAD_CHARS characters of it, so finding the notices
of a body is linear in its length.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .sentences import Sentence

NOTICE_HEAD_CHARS = 160
MAX_NOTICE_CHARS = 2000
# Punctuation a template may put before the label: "* Correction:", "[Update]", "(Editor's note: ...)".
LEAD = r"[\s*\[(_\-–—•]{0,4}"
# After a label: maybe a qualifier in brackets ("(Feb. 2, 3 p.m.)"), after a comma (", 3 p.m.") or
# a number ("2"), then a colon, a dash or a closing bracket. A label word running on into a sentence
# ("Updates to the law: ...") is no notice.
LABEL_END = r"(?:\s?\([^)\n]{0,40}\)|,[^:\n]{0,40}?|\s\d[^:\n]{0,30}?)?\s?(?::|[-–—]\s|\])"

LABELS = {
    "correction": r"corrections?|correcci[oó]n|corre(?:cç|ç)[aã]o|correzione|korrektur|korrigendum|"
                  r"correctie|rectificatif|rectification|erratum|fe de errores|errata corrige|"
                  r"rettifica|berichtigung|rättelse|rettelse",
    "clarification": r"clarifications?|klarstellung|pr[eé]cision|aclaraci[oó]n|precisazione|"
                     r"esclarecimento|verduidelijking",
    "update": r"update[sd]?|updating|aktualisierung|aktualisiert|mise à jour|mis à jour|actualizaci[oó]n|"
              r"actualizado|aggiornamento|aggiornato|atualiza[cç][aã]o|atualizado|bijgewerkt|"
              r"uppdatering|uppdaterad|opdatering|opdateret",
    "editors_note": r"editor'?s'? note|note from the editors?|note to readers|anmerkung der redaktion|"
                    r"hinweis der redaktion|in eigener sache|note de la r[eé]daction|nota del editor|"
                    r"nota de la redacci[oó]n|nota della redazione|nota do editor|nota da reda[cç][aã]o|"
                    r"noot van de redactie|redaktionell anmärkning|redaktionens bemærkning",
}
# Sentences that say the article changed, without a label.
STATED = {
    "correction": (
        r"(?:an?|the) (?:earlier|previous|prior|original) version of this (?:article|story|report|post|"
        r"piece|headline|column|item)|"
        r"(?:this|the) (?:article|story|report|post|piece|headline|column) "
        r"(?:has been|was|had been|is being) (?:corrected|amended)|"
        r"in einer (?:früheren|vorherigen|älteren) (?:version|fassung) dies(?:es|er) (?:artikels|textes|meldung)|"
        r"dies(?:er|e) (?:artikel|text|meldung) wurde (?:korrigiert|berichtigt)|"
        r"une (?:précédente|première|ancienne) version de cet (?:article|texte)|"
        r"cet article a été (?:corrigé|rectifié)|"
        r"una versi[oó]n (?:anterior|previa) de (?:este|esta) (?:art[ií]culo|nota|informaci[oó]n)|"
        r"este art[ií]culo (?:ha sido|fue) corregido|"
        r"una (?:precedente|prima) versione di questo articolo|questo articolo è stato corretto|"
        r"uma vers[aã]o anterior deste (?:artigo|texto)|este artigo foi corrigido|"
        r"in een eerdere versie van dit (?:artikel|bericht|stuk)|dit artikel is gecorrigeerd"),
    "update": (
        r"(?:this|the) (?:article|story|report|post|piece|headline|column) "
        r"(?:has been|was|had been|is being|will be) (?:updated|revised|edited|changed)|"
        r"dies(?:er|e) (?:artikel|text|meldung) wurde (?:aktualisiert|überarbeitet|ergänzt)|"
        r"cet article a été (?:mis à jour|actualisé|modifié)|"
        r"este art[ií]culo (?:ha sido|fue) (?:actualizado|modificado)|"
        r"questo articolo è stato (?:aggiornato|modificato)|este artigo foi (?:atualizado|modificado)|"
        r"dit artikel is (?:bijgewerkt|aangepast)"),
}
# One pattern for all: a single match per sentence; the group that matched names the kind.
NOTICE = re.compile("|".join(
    [f"(?P<{kind}__label>{LEAD}(?:{words}){LABEL_END})" for kind, words in LABELS.items()]
    + [f"(?P<{kind}__stated>{LEAD}(?:{words}))" for kind, words in STATED.items()]), re.IGNORECASE)


@dataclass(frozen=True)
class Notice:
    kind: str  # "correction", "clarification", "update" or "editors_note"
    text: str  # the sentence that opens it, to the end of its paragraph


def notice_kind(form: str) -> str | None:
    """The kind of notice a sentence (in comparison form: curly apostrophes folded) opens, if any."""
    match = NOTICE.match(form, 0, NOTICE_HEAD_CHARS)
    return match.lastgroup.partition("__")[0] if match and match.lastgroup else None


def notices(sentences: Sequence[Sentence]) -> Iterator[Notice]:
    """The notices of a body, in order: each runs from its first sentence to the end of the paragraph."""
    number = 0
    while number < len(sentences):
        kind = notice_kind(sentences[number].form)
        if kind is None:
            number += 1
            continue
        end = number + 1
        while end < len(sentences) and sentences[end].paragraph == sentences[number].paragraph:
            end += 1
        text = " ".join(sentence.text for sentence in sentences[number:end])
        yield Notice(kind=kind, text=text[:MAX_NOTICE_CHARS])
        number = end
