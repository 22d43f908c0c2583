"""Who a speaker mention refers to, using only the names the document itself introduces.

A report names a person in full once ("Evan Medeiros, head of Asia studies") and then by
surname or title and surname ("Medeiros", "Ms Clinton"), or by pronoun ("he"). The steps:
1. index the full names of the text (runs of capitalized words) by their last word;
2. read a mention: strip titles and descriptions, keep the name it holds;
3. a surname alone resolves to the full name introduced earlier; "who" to the name before it;
4. a pronoun resolves to the name that is the subject of its sentence, or of the one before,
   when their genders agree; else to the most recent speaker of a compatible gender (kept by
   gender, so that a long text costs no more than its length); a pronoun that can mean one
   speaker only shows that speaker's gender.
Titles and roles are read in English, German, French, Spanish, Italian, Portuguese and Dutch.
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from functools import cached_property

from .orthography import CAPITAL, TITLE_ABBREVIATION

# A word of a name, and what joins two ("Ludwig van Beethoven").
NAME_WORD = rf"(?:{TITLE_ABBREVIATION}|{CAPITAL}[\w’'-]*)"
NAME_JOIN = r"[ \t]+(?:(?:de|del|da|di|van|von|der|bin|al|la|le|ibn)[ \t]+)*"
# Two or more capitalized words in a row ("Evan Medeiros", "Ms Clinton"); the capital is checked
# first, so that the abbreviations are tried only where a name may start.
FULL_NAME = re.compile(rf"\b(?={CAPITAL}){NAME_WORD}(?:{NAME_JOIN}{NAME_WORD})+")
# One capitalized word or more: the names inside a mention.
NAME_RUN = re.compile(rf"(?<![\w’'])(?={CAPITAL}){NAME_WORD}(?:{NAME_JOIN}{NAME_WORD})*")
CAPITALIZED_WORD = re.compile(rf"\b{CAPITAL}[\w’'-]*")
MAX_NAME_WORDS = 4
MALE, FEMALE = "m", "f"
# Titles, honorifics and descriptions that precede a name but are not part of it.
TITLES = frozenset("""
mr mrs ms miss mx dr prof professor sen senator rep representative gov governor pres president
vice secretary sec gen general col lt capt captain sgt adm admiral judge justice mayor
chancellor minister premier pope rev reverend father sir dame lord lady king queen prince
princess sheikh speaker chairman chairwoman chair ceo former candidate ambassador attorney
commissioner councilman councilwoman congressman congresswoman assemblyman assemblywoman
director chief deputy spokesman spokeswoman spokesperson leader leaders democratic republican
gop democrat u.s. us dem sens reps govs st st. saint
""".split())
# The same in other languages, as they stand capitalized before a name ("Frau", "Mme", "Sra.",
# "Burgemeester" opening a sentence). Lower-case roles ("la maire Claire Fontaine", "il sindaco
# Marco Bianchi") need no list: the run of capitalized words starts at the name.
TITLES |= frozenset("""
herr frau m mme mlle madame monsieur maître docteur sr sra srta señor señora sig signor
signora dott dhr mevr mevrouw meneer ministre maire préfet préfète député députée sénateur
sénatrice présidente directrice directeur porte-parole conseiller conseillère presidenta
ministro ministra alcalde alcaldesa portavoz diputado diputada senador senadora concejal
concejala gobernador gobernadora secretaria sindaco sindaca senatore senatrice deputato deputata
portavoce assessore governatore prefeito prefeita vereador vereadora deputado deputada
porta-voz governador governadora burgemeester wethouder woordvoerder woordvoerster voorzitter
kamerlid staatssecretaris landrat landrätin stadtrat stadträtin gemeinderat gemeinderätin
kanzler kanzlerin minister ministerin präsident präsidentin sprecher sprecherin direktor
direktorin bürgermeister bürgermeisterin
""".split())
MALE_TITLES = frozenset("""
mr sir lord king prince father congressman councilman assemblyman chairman spokesman herr m
monsieur señor sr signor sig dhr meneer préfet député sénateur conseiller directeur alcalde
diputado senador concejal gobernador sindaco senatore deputato prefeito vereador deputado
governador woordvoerder landrat stadtrat gemeinderat
""".split())
FEMALE_TITLES = frozenset("""
mrs ms miss dame lady queen princess congresswoman councilwoman assemblywoman chairwoman
spokeswoman frau mme mlle madame señora sra srta signora mevr mevrouw préfète députée sénatrice
conseillère directrice presidenta ministra alcaldesa diputada senadora concejala gobernadora
secretaria sindaca senatrice deputata prefeita vereadora deputada governadora woordvoerster
landrätin stadträtin gemeinderätin
""".split())
# German roles are compound nouns ending in a role, "-in" for a woman ("Oberbürgermeisterin",
# "Bundesinnenminister", "Regierungssprecherin"): such a word before a name is a title.
MIN_ROLE_LETTERS = 10  # three letters and the shortest role, "kanzler"
GERMAN_ROLE = re.compile(
    r"[^\W\d_]{3,}(?:minister|meister|kanzler|präsident|sprecher|direktor|sekretär|kommissar|"
    r"vorsitzende|beauftragte|abgeordnete)(in|r)?")
# The nouns that end the names of organisations, whose first words are not titles.
ORGANISATION_HEADS = frozenset("""
party committee convention campaign caucus administration department ministry senate house
congress council commission agency office court union association foundation institute
university college school center centre league coalition group board bureau service network
times post journal news press tribune herald
""".split())
# Capitalized words that begin sentences or name times and places more often than people.
NOT_NAMES = frozenset("""
the a an i it he she they we you this that these those there here his her their its our my your
when while after before but and or if as at in on for from with by to of so then yet also
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december according asked said says selon
según laut secondo segundo volgens meanwhile however still today yesterday tonight der die das
den dem des ein eine einer another one each both some many most several all none either neither
few others other
""".split())
# Subject pronouns, also of other languages: "sagte er", "a-t-elle ajouté", "zei hij".
# Every word that may be stripped from the start of a name, but German roles.
LEADING_WORDS = TITLES | MALE_TITLES | FEMALE_TITLES | NOT_NAMES
PRONOUN_GENDER = {"he": MALE, "she": FEMALE, "il": MALE, "elle": FEMALE, "er": MALE,
                  "sie": FEMALE, "hij": MALE, "zij": FEMALE, "ze": FEMALE, "él": MALE,
                  "ella": FEMALE, "lui": MALE, "lei": FEMALE, "ele": MALE, "ela": FEMALE}
OBJECT_GENDER = {"he": MALE, "his": MALE, "him": MALE, "she": FEMALE, "her": FEMALE}
GENDERED_PRONOUN = re.compile(r"\b(?:[Hh]e|[Hh]is|him|[Ss]he|[Hh]er)\b")
PRONOUN_REACH_CHARS = 300
# How many earlier speakers of unknown gender a pronoun may pass over (those a pronoun has
# since shown to be of the other gender).
MAX_PRONOUN_LOOKBACK = 8
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "ils", "elles", "on"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "you"})
# Common English first names whose gender is clear, for pronoun agreement only.
MALE_NAMES = frozenset("""
adam alan albert alexander andrew anthony arthur benjamin bill bob brian bruce carl charles
chris christopher craig dan daniel david dennis donald douglas edward eric evan frank fred
gary george gregory harry henry jack jacob james jason jeff jeffrey jeremy jerry jim joe john
jonathan joseph josh justin keith kenneth kevin larry lawrence louis mark martin matt matthew
michael mike nicholas patrick paul peter philip ralph raymond richard rick robert roger ron
ronald russell ryan samuel scott sean stephen steve steven ted thomas tim timothy tom tony
walter wayne william
""".split())
FEMALE_NAMES = frozenset("""
alice amanda amy angela ann anna anne ashley barbara betty carol catherine christine deborah
diane donna dorothy elaine elizabeth ellen emily emma grace heather helen jane janet jennifer
jessica joan judith julia julie karen katherine kathleen laura lauren linda lisa lucy margaret
maria martha mary melissa michelle nancy nicole olivia pamela patricia rachel rebecca rose ruth
sandra sarah sharon sophie stephanie susan teresa victoria wendy
""".split())


@dataclass
class NameIndex:
    """The full names of one document by surname, and their gender where the text shows it."""

    text: str
    by_surname: dict[str, str] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> NameIndex:
        index = cls(text)
        introduced: dict[str, int] = {}  # where each full name is first met
        for match in FULL_NAME.finditer(text):
            words, title_gender = untitled(match.group().split())
            if not words:
                continue
            surname = without_possessive(words[-1].rstrip("."))
            if title_gender and surname not in index.gender:
                index.gender[surname] = title_gender
            if len(words) < 2 or len(words) > MAX_NAME_WORDS or surname in index.by_surname:
                continue
            index.by_surname[surname] = " ".join(words[:-1] + [surname])
            introduced[surname] = match.end()
            first = words[0].lower()
            if surname not in index.gender and first in MALE_NAMES:
                index.gender[surname] = MALE
            elif surname not in index.gender and first in FEMALE_NAMES:
                index.gender[surname] = FEMALE
        index.infer_genders(introduced)
        return index

    def infer_genders(self, introduced: dict[str, int]) -> None:
        """A person introduced in full is usually referred to next by a pronoun: "he" or "his"
        before any other name is met gives the gender the honorifics and first names did not."""
        for surname, end in introduced.items():
            if surname in self.gender:
                continue
            window = self.text[end:end + PRONOUN_REACH_CHARS]
            other = FULL_NAME.search(window)
            pronoun = GENDERED_PRONOUN.search(window, 0, other.start() if other else len(window))
            if pronoun:
                self.gender[surname] = OBJECT_GENDER[pronoun.group().lower()]

    @cached_property
    def people(self) -> dict[str, list[tuple[int, str]]]:
        """Where the text names people whose gender it shows (not places or outlets), in order,
        by gender; found only when a pronoun needs them."""
        found: dict[str, list[tuple[int, str]]] = {MALE: [], FEMALE: []}
        for match in CAPITALIZED_WORD.finditer(self.text):
            surname = without_possessive(match.group())
            if surname in self.gender and surname in self.by_surname:
                found[self.gender[surname]].append((match.start(), self.by_surname[surname]))
        return found

    def resolve_name(self, mention: str) -> str | None:
        """The full name a mention refers to ("Ms Clinton" -> "Hillary Clinton"), or None."""
        name = name_in(mention)
        if name is None:
            return None
        words = name.split()
        full = self.by_surname.get(words[-1])
        if full and (len(words) == 1 or full.endswith(name) or full.split()[0] == words[0]):
            return full
        return name

    def gender_of(self, name: str) -> str | None:
        return self.gender.get(name.split()[-1])


def is_pronoun(mention: str) -> bool:
    return mention.lower() in PRONOUN_GENDER


def name_in(mention: str) -> str | None:
    """The person or organisation a mention names: the capitalized words that end its head.

    "Chinese Foreign Ministry spokeswoman Hua Chunying" -> "Hua Chunying"; "Joel Pollak of
    Breitbart" -> "Joel Pollak"; "the senator", "the influential US daily" and "Sanders's
    campaign manager" -> None (a name that only describes the head noun is not the speaker).
    """
    head = re.split(r",|\s(?:of|at|for|from|with|in|who|on)\s", mention, maxsplit=1)[0].rstrip()
    runs = list(NAME_RUN.finditer(head))
    if not runs or runs[-1].end() != len(head):
        return None
    words, _ = untitled(runs[-1].group().split())
    return without_possessive(" ".join(words)) if words else None


def untitled(words: list[str]) -> tuple[list[str], str | None]:
    """The words of a name less the titles and sentence words before it ("Ms", "Senator",
    "The"), with the gender a title shows ("Mrs" -> female), if any. An organisation keeps
    its words ("the Republican National Committee", "the Democratic Party")."""
    first = words[0].lower().rstrip(".") if words else ""
    if first not in LEADING_WORDS and len(first) < MIN_ROLE_LETTERS:
        return words, None  # most names: nothing to strip
    start, gender = 0, None
    organisation = without_possessive(words[-1]).lower() in ORGANISATION_HEADS
    while start < len(words) - organisation:
        lowered = words[start].lower().rstrip(".")
        if lowered in MALE_TITLES:
            gender = MALE
        elif lowered in FEMALE_TITLES:
            gender = FEMALE
        elif lowered in NOT_NAMES or not organisation and lowered in TITLES:
            pass
        elif organisation or len(lowered) < MIN_ROLE_LETTERS or not (
                role := GERMAN_ROLE.fullmatch(lowered)):
            break
        else:  # "-in" a woman; "-r" or a bare role a man; "Vorsitzende", "Abgeordnete" either
            gender = FEMALE if role.group(1) == "in" else None if lowered.endswith("e") else MALE
        start += 1
    return words[start:], gender


def without_possessive(name: str) -> str:
    return name.removesuffix("’s").removesuffix("'s")


@dataclass
class SpeakerHistory:
    """The people met so far in reading order, for pronoun resolution: named speakers, and
    names of known gender in the text ("Anne-Marie Brady is a professor ... She said").

    Speakers are kept by gender (None when the text does not show it), each list in text
    order, so that a pronoun finds its speaker by bisection: a text that alternates many
    names and pronouns costs no more than it is long.
    """

    text: str
    recent: dict[str | None, list[tuple[int, str]]] = field(
        default_factory=lambda: {MALE: [], FEMALE: [], None: []})

    @cached_property
    def names(self) -> NameIndex:
        """Built on the first mention to resolve: most texts quote no one."""
        return NameIndex.of(self.text)

    def resolve(self, mention: str | None, position: int, nearby: str | None = None) -> str | None:
        """The name a mention refers to. A pronoun takes `nearby`, the name that is the subject
        of its sentence or the one before, when its gender agrees; else the latest speaker."""
        if not mention:
            return None
        lower = mention.lower()
        if lower in PRONOUN_GENDER:
            gender = PRONOUN_GENDER[lower]
            named = self.names.resolve_name(nearby) if nearby else None
            if named and self.names.gender_of(named) == gender:
                insort(self.recent[gender], (position, named))
                return named
            return self.latest(gender, position)
        if lower in PLURAL_PRONOUNS or lower in FIRST_PERSON:
            return None
        speaker = self.names.resolve_name(mention)
        if speaker:
            insort(self.recent[self.names.gender_of(speaker)], (position, speaker))
        return speaker

    def latest(self, gender: str, position: int) -> str | None:
        """The most recent speaker of a compatible gender; failing one, the most recent person
        of that gender the text names ("Anne-Marie Brady is a professor ... She said").

        When the pronoun can mean only one speaker, whose gender the text had not shown, it
        shows it for the pronouns after it ("« … », a-t-il ajouté": a man).
        """
        known = before(self.recent[gender], position)
        unknown = self.unknown_before(gender, position)
        candidates = [found for found in (known, unknown[0] if unknown else None) if found]
        if not candidates:
            named = before(self.names.people[gender], position)
            return named[1] if named else None
        spoken = max(candidates)
        if known is None and len({name for _, name in unknown}) == 1:
            self.names.gender[spoken[1].split()[-1]] = gender
        return spoken[1]

    def unknown_before(self, gender: str, position: int) -> list[tuple[int, str]]:
        """The last speakers met before `position` whose gender the text did not show when they
        spoke, latest first, less those a pronoun has shown since to be of the other gender; a
        few steps back at most, so that a pronoun costs the same however many came before."""
        found = self.recent[None]
        index = bisect_left(found, (position, ""))
        return [found[at] for at in range(index - 1, max(index - MAX_PRONOUN_LOOKBACK, 0) - 1, -1)
                if self.names.gender_of(found[at][1]) in (gender, None)]


def before(found: list[tuple[int, str]], position: int) -> tuple[int, str] | None:
    """The last of `found` (in text order) that comes before `position`."""
    index = bisect_left(found, (position, ""))
    return found[index - 1] if index else None
