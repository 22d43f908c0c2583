"""Month names in the languages the date readers know, and the month each one names.

One table serves every reader of written dates: the article's dates (`dates`), the comments'
(`comments.dates`) and the date lines the body leaves out (`boilerplate`). Names are stored
folded (lower case, no accents), so "Février", "février" and "fevrier" are one entry.
"""
from __future__ import annotations

import unicodedata

# Languages whose month names (full, genitive and abbreviated) the table holds.
TABLE_LANGUAGES = {"en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "pl", "cs", "sk", "ru", "uk", "tr",
                   "fi", "hu", "ro", "ca", "id", "hr", "bs", "el"}
MONTH_NAMES = (
    "january jan januar janvier enero ene gennaio gen janeiro januari januar stycznia styczen ledna leden января январь ocak ocak tammikuuta január jänner ianuarie ienuarie gener januára januar siječnja січня ιανουαριου",
    "february feb februar fevrier fev febrero febbraio fevereiro februari lutego luty unora unor февраля февраль subat helmikuuta február febr februarie febrer februára veljače лютого φεβρουαριου",
    "march mar marz maerz mars marzo marco maart maaliskuuta marca marzec brezna brezen марта март mart március márc martie març marca maret ožujka березня μαρτιου",
    "april apr avril avr abril abr aprile aprili kwietnia kwiecien dubna duben апреля апрель nisan huhtikuuta április ápr aprilie abril apríla travnja квітня απριλιου",
    "may mai mayo maggio mag maio mei maj maja kvetna kveten мая май mayis toukokuuta május máj maig mája svibnja травня μαιου",
    "june jun juni juin junio giugno giu junho czerwca czerwiec cervna cerven июня июнь haziran kesakuuta június jún iunie juny júna lipnja червня ιουνιου",
    "july jul juli juillet juil julio luglio lug julho lipca lipiec cervence cervenec июля июль temmuz heinakuuta július júl iulie juliol júla srpnja липня ιουλιου",
    "august aug august aout agosto ago augustus augusti sierpnia sierpien srpna srpen августа август agustos elokuuta augusztus aug agost augusta agustus kolovoza серпня αυγουστου",
    "september sep sept septembre septiembre setiembre settembre set setembro september wrzesnia wrzesien zari сентября сентябрь eylul syyskuuta szeptember szept septembrie setembre septembra rujna вересня σεπτεμβριου",
    "october oct okt oktober octobre octubre ottobre ott outubro out oktober pazdziernika pazdziernik rijna rijen октября октябрь ekim lokakuuta október octombrie octubre októbra жовтня οκτωβριου",
    "november nov novembre noviembre novembro listopada listopad listopadu ноября ноябрь kasim marraskuuta november noiembrie novembra studenoga листопада νοεμβριου",
    "december dec dez dezember decembre dic diciembre dicembre dezembro december grudnia grudzien prosince prosinec декабря декабрь aralik joulukuuta december decembrie desembre decembra desember prosinca грудня δεκεμβριου",
)
# The one clash in the table: "listopad(a)" is November in Polish and Czech, October in Croatian
# and Bosnian.
MONTH_OVERRIDES = {language: {"listopad": 10, "listopada": 10} for language in ("hr", "bs")}


def fold(word: str) -> str:
    """Lower case without accents: "Février" -> "fevrier", "März" -> "marz", "мая" stays."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


MONTHS: dict[str, int] = {fold(name): number
                          for number, names in enumerate(MONTH_NAMES, start=1) for name in names.split()}


def month_number(word: str, language: str | None = None) -> int | None:
    """The month (1-12) a word names in any table language ("Feb.", "März", "stycznia"), or None;
    `language` settles the one name two languages read differently."""
    folded = fold(word).rstrip(".")
    return MONTH_OVERRIDES.get(language or "", {}).get(folded) or MONTHS.get(folded)
