"""Lines of boilerplate that sit inside the article's container: recognised by their own text.

Markup gave them away to no earlier step, so their words do: a line without a letter ("--"), an
ad label ("Advertisement"), a slideshow or list counter ("Image 3 of 5", "Showing 1-10 of 19"), a
caption or credit ("Abbildung 4: ...", "... (Photo: Getty)", "Vergrößern ..."), a paywall's prompt,
a reading time ("7 min read"), a byline or post note with its date ("By Ann Smith, Feb 16, 2018",
"asked Feb 6, 2014 at 20:37"), a tool's words ("Print", "Bild anzeigen Bild schließen"), a call to
follow the site ("Follow us on Twitter"), the comment form's login note, a "Read also: <link>"
promo; and, by position, the title that opens a comment section ("3 Comments"), the date lines
around the text ("Updated: Feb 17, 2018") and the site's call to subscribe at either end of it;
labels left behind by the chrome they introduced ("Mehr zum Thema", "Kontakt:").
The word lists cover the languages of the news we meet; nothing here names a site.
"""
from __future__ import annotations

import re

from .months import month_number
from .signals import has_paywall_prompt

AD_LABELS = frozenset(
    "advertisement advertisements advert ad anzeige werbung publicité publicidad pubblicità reklama "
    "reklame annonse sponsored gesponsert sponsorisé advertentie реклама".split()
)
MAX_AD_LABEL_WORDS = 2
AD_LABEL_START = re.compile(r"^(\w+)\s*[-–—:|,]")
MAX_LABEL_WORDS = 2
# A slideshow's or a list's counter: "Image 3 of 5", "3 von 17", "Showing 1-10 of 19 results".
GALLERY_COUNTER = re.compile(
    r"^((image|photo|picture|slide|bild|foto|imagen|immagine)\s+\d+\s*(of|von|de|sur|di|/)|\d+\s+(of|von|de|sur|di))"
    r"\s*\d+$",
    re.IGNORECASE,
)
LIST_COUNTER = re.compile(r"(?<!\d)\d+\s*(-|–|to|bis|à|a)\s*\d+\s+(of|von|de|sur|di)\s+(insgesamt\s+)?\d+\b")
MAX_COUNTER_LINE = 80
DIGIT = re.compile(r"\d")
# The blog engine's note under a post: "This entry was posted on ... and filed under ... You can
# follow any responses to this entry through the RSS 2.0 feed ...".
MAX_POST_NOTE_LENGTH = 500
POST_NOTE = re.compile(
    r"^(this entry was posted|this (post|article|entry) was (posted|published|filed)|posted in\b|filed under\b|"
    r"(der|dieser) (beitrag|eintrag|artikel) wurde am|ce (billet|article) a été publié|"
    r"esta entrada (fue|se) publicada)",
    re.IGNORECASE,
)
# A download link's label: "Report 2021 PDF | 38 KB".
FILE_SIZE = re.compile(r"(?<![a-z])(pdf|docx?|xlsx?|pptx?|zip|mp3)\b\W{0,5}\d+([.,]\d+)?\s*(kb|mb|kib|mib)\b")
# The comment form's note to readers who have not logged in.
LOGIN_PROMPT = re.compile(
    r"you must be logged in|you need to be logged in|log in to (comment|reply|post)|"
    r"sie müssen (sich )?(angemeldet|eingeloggt|einloggen|anmelden)|"
    r"du musst (dich )?(angemeldet|eingeloggt|einloggen|anmelden)|vous devez être connecté|"
    r"debes (iniciar sesión|estar registrado)"
)
# A picture's caption or credit that no markup gave away: "Abbildung 4: ...", "... (Foto: Getty)",
# or one that opens with the word of the button that enlarges the picture ("Vergrößern ...").
MAX_CAPTION_LENGTH = 300
ZOOM_START = re.compile(r"^(vergrößern|enlarge|zoom|agrandir|ampliar|ingrandisci)\s", re.IGNORECASE)
CAPTION_START = re.compile(
    r"^(abbildung|abb\.|figure|fig\.|bild|foto|photo|image|grafik|graphic|titelbild|credit|"
    r"photo credit|bildquelle|crédit photo|légende)\s*\d*\s*:",
    re.IGNORECASE,
)
CREDIT_END = re.compile(
    r"\((foto|photo|image|bild|picture|credit|crédit)s?:[^)]*\)\W*$"
    # "Cowboy boots. Foto: Crocs", "Roman Prymula, photo: Government archives", "Fotos: Ann Smith"
    r"|(^|[.,;|–]\s)(fotos?|photos?|bild(er)?|images?|pictures?|fotocredits?|photo credits?|photo source|"
    r"featured image|credits?)\s*:\s*[^.!?:]{1,80}\.?$",
    re.IGNORECASE,
)
MAX_PROMPT_LENGTH = 300         # a paywall's prompt is a line or two, not an article paragraph

COMMENTS_TITLE = re.compile(
    r"^(\d+\s+)?(comments?|kommentare?|kommentar schreiben|kommentare schreiben|commentaires?|"
    r"comentarios?|commenti|reacties|responses|leave a (reply|comment)|write a comment|"
    r"schreibe einen kommentar|laisser un commentaire|deja un comentario)(\s*\(\d+\))?\s*:?$",
    re.IGNORECASE,
)
MAX_TITLE_LENGTH = 40
# The words of a button or a tool link: print, download, permalink, show the picture, rate,
# reply, share, a social network's name ...; a line of them ("Bild anzeigen Bild schließen"), or
# one with the address it links to ("Permalink https://...").
TOOL_WORDS = (
    r"(print|print (this )?(article|page|recipe)|drucken|(artikel|rezept|seite) drucken|imprimer|"
    r"imprimer (cette page|cet article|l'article)|"
    r"imprimir|download|pdf|download pdf|(als )?pdf herunterladen|.{0,30} als pdf herunterladen|"
    r"permalink|permalien|kommentieren|bild anzeigen|bild schließen|show image|view image|close|"
    r"schließen|fermer|cerrar|inhaltsverzeichnis|"
    r"table of contents|quellen (anzeigen|ausblenden)|artikel bewerten|.{0,30}artikel bewerten|"
    r"rate this article|zurück|back|nach oben|back to top|top|kommentieren|antworten|reply|répondre|"
    r"responder|share|teilen|partager|compartir|tweet|pin it|e-?mail|whatsapp|facebook|twitter|"
    r"linkedin|instagram|pinterest|reddit|telegram|xing|(bei|auf) pinterest (speichern|merken)|"
    r"save to pinterest)"
)
UI_ACTION = re.compile(rf"^{TOOL_WORDS}(\W+{TOOL_WORDS})*(\s+https?://\S+)?\W*$", re.IGNORECASE)
# "Follow us on Twitter", "Folgen Sie uns auf Facebook": the site's call to its social accounts.
SOCIAL_PROMPT = re.compile(
    r"(follow (us|[\w@.]+( [\w@.]+)?) on (twitter|facebook|instagram|linkedin|x)|"
    r"folgen sie uns auf|folge uns auf|suivez-nous sur|síguenos en|seguici su)\b"
)
# Words that every social or login prompt above holds: one search of them spares the two
# prompts' searches on most lines.
PROMPT_CUE = re.compile(
    r"follow |folg|suivez-nous|síguenos|seguici|logged in|log in to|sie müssen|du musst|vous devez|debes")
# "Read also", "Mehr zum Thema", ...: the words that introduce links to other stories.
RELATED_WORDS = (
    r"(related( (posts|articles|stories|news|content))?|more (stories|news|articles)|read (also|more)|"
    r"see also|you (may|might) (also )?like|next (article|story|post)|previous (article|story|post)|"
    r"(vorschau auf den )?nächsten artikel|nächster artikel|article suivant|"
    r"recommended( for you)?|most (read|popular)|"
    r"most (commented|discussed)|meistdiskutierte? artikel|meistkommentierte? artikel|"
    r"mehr zum thema|lesen sie auch|auch interessant|schon gelesen|zum weiterlesen|weiterlesen|"
    r"das könnte (sie|dich) auch interessieren|weitere (artikel|beiträge)|ähnliche (artikel|beiträge)|"
    r"verwandte (artikel|beiträge)|meistgelesene artikel|meistgelesen|lust auf mehr|"
    r"à lire aussi|lire aussi|sur le même sujet|notas relacionadas|te puede interesar|lee también|"
    r"leia também|leggi anche|czytaj też|czytaj także|zobacz też|zobacz także)"
)
# The site's call to subscribe to it or to write to it, which closes many articles.
SUBSCRIBE_PROMPT = re.compile(
    r"newsletter|subscribe to (our|the)|sign up (here|now|for)|letter to the editor|abonnieren sie|"
    r"jetzt abonnieren|abonnez-vous|suscríbete|suscribirse|iscriviti",
    re.IGNORECASE,
)
# Their label alone (the links went as link text), or a promo: the label, then a link.
RELATED_LABEL = re.compile(rf"^{RELATED_WORDS}\W*$", re.IGNORECASE)
PROMO_START = re.compile(rf"^{RELATED_WORDS}\s*[:»›\-–]", re.IGNORECASE)
PROMO_LINK_SHARE = 0.4
# "7 min read", "3 Mins Read", "3 Min. Lesezeit", "Lesezeit: 4 Minuten", "5 min de lecture"
READING_TIME = re.compile(
    r"\b\d+\s*(min|mins|minutes?|minuten|minutos|minuti)\.?\s*(read|lesezeit|de lecture|de lectura|"
    r"di lettura)\b|\b(lesezeit|reading time|temps de lecture|tiempo de lectura)\b",
    re.IGNORECASE,
)
# A line that opens like a byline or a publication note; with a date in it, it is one.
BYLINE_START = re.compile(
    r"^(by|von|par|por|di|posted|published|updated|last updated|modified|last modified|edited|asked|"
    r"answered|created|veröffentlicht|aktualisiert|geändert|erstellt|"
    r"stand|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato)\b",
    re.IGNORECASE,
)
MAX_DATE_LINE_LENGTH = 100
SENTENCE_ENDS = tuple('.!?:"”“»«)')
DATE_IN_LINE = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b"
    r"|\b\d+\s+(minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b"
    r"|\bvor\s+\d+\s+(minuten|stunden|tagen|wochen|monaten|jahren)\b|\bil y a\s+\d+\s+\w+|\bhace\s+\d+\s+\w+",
    re.IGNORECASE,
)
# "March 5", "5. März": a day of the month beside a word the month table knows (`months`).
NAMED_DAYS = (re.compile(r"\b(?P<month>[^\W\d_]+)\.?\s+(?P<day>\d{1,2})\b"),
              re.compile(r"\b(?P<day>\d{1,2})\.?\s+(?P<month>[^\W\d_]+)\b"))


# The longest line any rule of `is_boilerplate_line` looks at.
MAX_SHORT_LINE = max(MAX_CAPTION_LENGTH, MAX_PROMPT_LENGTH, MAX_POST_NOTE_LENGTH)


def is_boilerplate_line(text: str, page_url: str | None) -> bool:
    """A paragraph that is never article text, wherever it stands."""
    if len(text) > MAX_SHORT_LINE:  # every rule but the first two is about a short line
        return not any(character.isalnum() for character in text) or text == page_url
    return (not any(character.isalnum() for character in text)  # "--", "·", "|"
            or is_ad_label(text) or GALLERY_COUNTER.match(text) is not None or text == page_url
            or (len(text) <= MAX_CAPTION_LENGTH and (CAPTION_START.match(text) or ZOOM_START.match(text)
                                                 or (":" in text and CREDIT_END.search(text))))
            or (len(text) <= MAX_PROMPT_LENGTH and has_paywall_prompt(text))
            or (len(text) <= MAX_TITLE_LENGTH and READING_TIME.search(text) is not None)
            or (BYLINE_START.match(text) is not None and is_date_line(text))
            or (len(text) <= MAX_TITLE_LENGTH and RELATED_LABEL.match(text) is not None)
            or is_bare_label(text)
            or (len(text) <= MAX_TITLE_LENGTH and UI_ACTION.match(text) is not None)
            or (len(text) <= MAX_POST_NOTE_LENGTH and POST_NOTE.match(text) is not None)
            or is_prompt_or_counter(text.lower()))


def is_prompt_or_counter(lowered: str) -> bool:
    """A call to follow the site, a login note, a download's size, a list's counter. The line is
    lower-cased for these searches: a case-blind search of a line is several times slower."""
    length = len(lowered)
    if length <= MAX_PROMPT_LENGTH and PROMPT_CUE.search(lowered) is not None and (
            SOCIAL_PROMPT.search(lowered) is not None or LOGIN_PROMPT.search(lowered) is not None):
        return True
    if DIGIT.search(lowered) is None:  # a size and a counter have numbers; most prose lines none
        return False
    return ((length <= MAX_CAPTION_LENGTH and FILE_SIZE.search(lowered) is not None)
            or (length <= MAX_COUNTER_LINE and LIST_COUNTER.search(lowered) is not None))


def is_link_promo(text: str, link_share: float) -> bool:
    """ "Read also: <a link to another story>"."""
    return link_share >= PROMO_LINK_SHARE and PROMO_START.match(text) is not None


def is_subscribe_prompt(text: str) -> bool:
    """A short call to subscribe: "Sign up for our newsletter", "Submit a letter to the editor"."""
    return len(text) <= MAX_PROMPT_LENGTH and SUBSCRIBE_PROMPT.search(text) is not None


def is_bare_label(text: str) -> bool:
    """One or two words and a colon ("Kontakt:", "Further information:"): the label of a box whose
    content went as chrome (contacts, sources, links), not a sentence."""
    return text.endswith(":") and len(text.split()) <= MAX_LABEL_WORDS


def is_ad_label(text: str) -> bool:
    """ "Advertisement" alone, or opening a short line ("Anzeige - ...", "Sponsored: ...")."""
    if len(text) <= MAX_TITLE_LENGTH and len(text.split()) <= MAX_AD_LABEL_WORDS:
        return text.strip(" -–—:|").lower() in AD_LABELS
    label = AD_LABEL_START.match(text)
    return label is not None and label.group(1).lower() in AD_LABELS and len(text) <= MAX_PROMPT_LENGTH


def is_comments_title(text: str) -> bool:
    """The title of a comment section no markup gave away: "Comments", "3 Kommentare", ..."""
    return len(text) <= MAX_TITLE_LENGTH and COMMENTS_TITLE.match(text) is not None


def is_date_line(text: str) -> bool:
    """A short line that carries a date and is no sentence: "Posted: ...", "Updated: ..."."""
    return (len(text) <= MAX_DATE_LINE_LENGTH and not text.rstrip().endswith(SENTENCE_ENDS)
            and (DATE_IN_LINE.search(text) is not None or names_a_day(text)))


def names_a_day(text: str) -> bool:
    return any(1 <= int(match["day"]) <= 31 and month_number(match["month"])
               for pattern in NAMED_DAYS for match in pattern.finditer(text))
