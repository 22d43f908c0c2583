"""Mentions: the noun phrases that name a speaker, read from the words around a cue.

"Doe", "Jane Doe", "the influential US daily", "he", and past what stands between a subject
and its verb: helpers ("has also said"), a time ("on Friday"), an appositive or a relative
clause between commas ("Doe, a professor at X, said").
"""
from __future__ import annotations

import re

from .cues import CUE_WORDS, IRREGULAR_PAST
from .orthography import ABBREVIATION

# Words that end a speaker mention when read away from the cue: the mention is a noun
# phrase, and these start a clause, a prepositional phrase or a time expression instead.
CLAUSE_BREAKS = frozenset("""
that which who whom whose when while where because although though if as and but or nor so
than then after before since until during in on at to for from with by into about over under
through without against between among upon amid via per is are was were be been being has
have had do does did will would can could should may might must not also just only even
still yet already again later earlier recently previously once repeatedly reportedly quickly
today yesterday tonight monday tuesday wednesday thursday friday saturday sunday last this
next week month year morning afternoon evening night here there it its
""".split())
# The same in other languages (German, French, Spanish, Italian, Portuguese, Dutch): "sagte
# Anna Schmidt nach der Abstimmung", "ha detto il sindaco Marco Bianchi dopo la seduta".
# Articles are not among them ("sagte die Ministerin", "disse o prefeito").
CLAUSE_BREAKS |= frozenset("""
nach im am auf bei mit vor während seit gegenüber und oder aber dass als wie zum zur vom beim
à au aux dans lors après avant pendant devant chez pour sur avec sans et ou mais qui que dont où
tras en con para por durante ante y pero quien donde nel nella dopo ma che
depois após em com nos nas mas na tijdens op bij maar
""".split())
# Particles inside names ("Pieter de Vries", "Ahmed al Ashry") that are prepositions when a
# lower-case word follows ("Marco Bianchi al termine della seduta").
NAME_PARTICLES = frozenset("al del della de du des da di van von der la le".split())
# Helpers that stand between a subject and its verb: "Trump has also said", "he later told".
VERB_HELPERS = frozenset("""
has have had also later then would will once repeatedly reportedly previously recently further
again even simply just did does do publicly privately frequently often quickly flatly bluntly
famously
""".split())
AUXILIARIES = frozenset("is was are were has had will would can could may might must".split())

TIME_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning
afternoon evening night week month year weekend january february march april may june july
august september october november december
""".split())
TIME_PREFIXES = frozenset({"on", "last", "this", "next", "late", "early", "earlier", "in", "that",
                           "during", "a", "the"})
# Subject pronouns, with those of other languages that follow an inverted cue ("sagte er",
# "zei hij"); not the Italian article "il", which the French pronoun would shadow.
PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "er", "sie", "elle", "hij",
                      "zij", "ze", "él", "ella", "lui", "lei", "ele", "ela"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they"})
# Capitalized words that open a sentence without naming anyone.
NOT_SUBJECTS = frozenset("""
the a an however therefore meanwhile still yet instead indeed moreover thus also but and so
this that these those there here it its i we you why what how who where which do does did
don’t don't didn’t didn't doesn’t doesn't can’t can't won’t won't isn’t isn't wasn’t wasn't
is was are were
""".split())
# Sentence adverbs and prepositions that open a phrase before the subject ("Specifically,",
# "Like Corker, Menendez ...", "Early in his campaign, Trump ...").
OPENING_WORDS = frozenset("""
of like unlike despite following across around beyond besides toward towards throughout within
near behind along alongside except given early late first second third finally
initially ultimately eventually meantime instead now soon yes well indeed specifically
separately similarly likewise additionally overall together notably nevertheless nonetheless
otherwise moreover however thus hence therefore tomorrow afterward afterwards often sometimes
usually always never occasionally frequently rarely perhaps maybe certainly clearly obviously
apparently
""".split())
CONJUNCTIONS = frozenset({"and", "but", "or", "nor", "yet"})
# What sets a clause between a subject and its verb: "Doe, a professor, said", "Doe — a
# teacher from Mount Pleasant — says".
CLAUSE_DELIMITERS = frozenset({",", "—", "–"})
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
DETERMINERS = DEMONSTRATIVES | {"the", "a", "an"}
PARENTHESIS_WORDS = 3  # "(R-OH)" after a name in a clause of its own
MIN_ADVERB_LETTERS = 4  # "publicly", "sharply": not "fly", "July"
# Nouns that end like adverbs: "the influential US daily wrote".
LY_NOUNS = frozenset("""
daily weekly monthly yearly quarterly family ally rally assembly supply reply anomaly monopoly
""".split())
MIN_PARTICIPLE_LETTERS = 4  # "Asked by", "Preceded at": not "Ted", "Fred"
MAX_DATELINE_WORDS = 8
DATELINE_DASHES = frozenset({"—", "–", "-"})
MAX_MENTION_WORDS = 12
MAX_NAME_WORDS = 5
MAX_APPOSITIVE_WORDS = 40  # "“…,” Trump, the front-runner who ..., said": a long description
NOUN_PHRASE_JOINS = frozenset({"of", "the", "at", "for"})

# Words, with the period of a title or an initial kept ("Sen.", "J."), and punctuation marks.
# Words are read whole (possessive: a word holds no period, so no shorter reading could be
# followed by one), and an abbreviation is tried only where a period follows the word.
WORD_CHARS = r"[\w’'@#&-]"
WORD = re.compile(
    rf"{WORD_CHARS}++(?:\.{WORD_CHARS}++)+\.?"  # U.S., D.C.
    rf"|\b(?=\w+\.){ABBREVIATION}"  # Sen., J.
    rf"|{WORD_CHARS}++\.(?=,)"  # "McConnell, R-Ky., said": a period before a comma ends no sentence
    rf"|{WORD_CHARS}++|[^\w\s]")

Words = list[tuple[str, int]]  # words with their offsets in the paragraph
Mention = tuple[str, int]  # the words of a mention and where it starts


def words_with_offsets(text: str, base: int = 0) -> Words:
    return [(m.group(), base + m.start()) for m in WORD.finditer(text)]


def is_capitalized(word: str) -> bool:
    return word[:1].isupper() or (word[:1] == "@" and len(word) > 1)


def is_break(word: str) -> bool:
    """A word that starts a new clause or phrase; capitalized, it may be a name ("Will", "From")."""
    return word[:1].islower() and word in CLAUSE_BREAKS


def is_mark(word: str) -> bool:
    return not word[0].isalnum() and word[0] not in "@#"


def mention_after(words: Words) -> Mention | None:
    """The noun phrase that starts a stretch of words ("Jane Doe, a professor" -> "Jane Doe")."""
    taken: Words = []
    words = words[:MAX_MENTION_WORDS]
    for index, (word, at) in enumerate(words):
        if is_mark(word):
            break
        if is_break(word) and word not in NOUN_PHRASE_JOINS and not (
                not taken and is_determiner(words, index)):
            if taken:
                break
            return None
        if not taken and word in NOUN_PHRASE_JOINS and word != "the":
            return None  # "said of the encounter": no mention starts with a preposition
        if taken and word in NAME_PARTICLES and index + 1 < len(words) and (
                words[index + 1][0][:1].islower()):
            break
        if taken and (word in CUE_WORDS or (is_capitalized(taken[-1][0]) and is_verb_like(word))):
            break  # "John Smith attacked the plan": the subject ends at its verb
        taken.append((word, at))
        if word.lower() in PRONOUNS:
            break
    return _phrase(taken)


def is_determiner(words: Words, index: int) -> bool:
    """"this source told the Post", "that official said": a demonstrative before a noun opens
    a noun phrase, not a clause."""
    following = words[index + 1][0] if index + 1 < len(words) else ""
    return words[index][0].lower() in DEMONSTRATIVES and following.isalpha() and (
        following.islower() and following not in CLAUSE_BREAKS and not is_verb_like(following)
        and following not in CUE_WORDS)


def is_adverb(word: str) -> bool:
    """"Clinton has increasingly decried": a lower-case "-ly" word between subject and verb."""
    return (word.islower() and word.endswith("ly") and len(word) > MIN_ADVERB_LETTERS
            and word not in LY_NOUNS)


def is_verb_like(word: str) -> bool:
    """A lowercase word that reads as a verb after a name: a past form ("attacked", "went")
    or an auxiliary."""
    return word.islower() and (word.endswith("ed") or word in VERB_HELPERS or word in AUXILIARIES
                               or word in IRREGULAR_PAST)


def mention_before(words: Words) -> Mention | None:
    """The noun phrase that ends a stretch of words: the subject right before a verb."""
    if words and words[-1][0] == ")":  # "Rep. Elijah Cummings (D-Md.)"
        opening = next((i for i in range(len(words) - 1, -1, -1) if words[i][0] == "("), 0)
        words = words[:opening]
    taken: Words = []
    for word, at in reversed(words[-MAX_MENTION_WORDS:]):
        if taken and word.lower() in DEMONSTRATIVES and taken[-1][0].islower():
            taken.append((word, at))  # "this official"
            break
        if is_mark(word) or (is_break(word) and word not in NOUN_PHRASE_JOINS):
            break
        taken.append((word, at))
        if word.lower() in PRONOUNS:
            break
    taken.reverse()
    while taken and (taken[0][0] in NOUN_PHRASE_JOINS and taken[0][0] != "the" or len(taken) > 1
                     and taken[0][0].lower() in CLAUSE_BREAKS - DEMONSTRATIVES):
        taken.pop(0)  # "of", and "But" opening a sentence: "But Sen. Richard Durbin said"
    return _phrase(taken)


def _phrase(taken: Words) -> Mention | None:
    while taken and taken[-1][0].lower() in NOUN_PHRASE_JOINS | {"a", "an"}:
        taken.pop()
    if not taken:
        return None
    return " ".join(word for word, _ in taken), taken[0][1]


def subject_before(words: Words, index: int) -> Mention | None:
    """The subject of the verb at words[index], looking past helpers ("has also said") and an
    appositive or relative clause between commas ("Doe, a professor at X, said")."""
    while index:
        word = words[index - 1][0]
        if word in VERB_HELPERS or word in AUXILIARIES or is_adverb(word):
            index -= 1
        elif word.lower() in TIME_WORDS:  # "Obama on Friday declared"
            index -= 1
            while index and words[index - 1][0] in TIME_PREFIXES:
                index -= 1
        else:
            break
    if index and words[index - 1][0] in CLAUSE_DELIMITERS:
        return appositive_head(words, index - 1)
    if index and words[index - 1][0] == ")":
        while index and words[index - 1][0] != "(":
            index -= 1
        index = max(index - 1, 0)
    return mention_before(words[:index])


def appositive_head(words: Words, comma: int) -> Mention | None:
    """The subject of a verb that a clause between commas separates from it (words[comma] is
    the comma before the verb):
    - the clause itself when it is a name after a description ("The mayor, Jane Doe, wrote",
      "after winning the primary, Gov. John Kasich (R-OH), said");
    - else the name before the clauses, the first of them ("Doe, a professor at X, said",
      "Clinton, during a town hall in Columbus, Ohio, said"), back to a conjunction ("...,
      and Sanders, who has none, said");
    - failing a name, the noun phrase before the clause ("The mayor, a Democrat, said")."""
    lowest = max(comma - MAX_APPOSITIVE_WORDS, 0)
    commas = [i for i in range(comma - 1, lowest - 1, -1) if words[i][0] in CLAUSE_DELIMITERS]
    if commas:
        clause = words[commas[0] + 1:comma]
        inside = mention_after(clause)
        if inside and is_capitalized(clause[0][0]) and names_someone(inside[0]) and not (
                is_capitalized(words[commas[0] - 1][0])) and (
                len(inside[0].split()) >= len(clause) - PARENTHESIS_WORDS):
            return inside
    first = named = None
    leftmost = comma
    for index in range(comma - 1, lowest - 1, -1):
        if words[index][0] not in CLAUSE_DELIMITERS and words[index][0] != "(":
            continue
        if words[index + 1][0] in CONJUNCTIONS:
            break
        leftmost = index
        head = mention_before(words[max(index - MAX_MENTION_WORDS * 2, 0):index])
        first = first or head or ("", -1)
        if head and (names_someone(head[0]) or head[0].lower() in PRONOUNS) and not (
                opens_clause(words, head_start(words, index, head)) or head[0].lower() in TIME_WORDS
                or any(is_verb_like(word) for word in head[0].split())):
            named = head
    if named:
        return named
    if first and first[0] and (is_capitalized(first[0])
                               or first[0].split()[0].lower() in DETERMINERS):
        return first
    return described_subject(words[:leftmost])  # "The influential delegate and activist, who ..."


def described_subject(words: Words) -> Mention | None:
    """The subject of a clause when a determiner opens it ("The president noted ..."): a
    description of the speaker, with no name."""
    found = clause_subject(words)
    return found if found and found[0].split()[0].lower() in DETERMINERS else None


def head_start(words: Words, end: int, head: Mention) -> int:
    """The index of the first word of `head`, which ends right before words[end]."""
    return max(end - len(head[0].split()), 0)


def names_someone(mention: str) -> bool:
    """Whether a mention holds a capitalized word other than an opening article."""
    words = mention.split()
    return any(is_capitalized(word) for word in words[1:]) or (
        is_capitalized(words[0]) and words[0].lower() not in ("the", "a", "an"))


def clause_subject(words: Words) -> Mention | None:
    """The subject of a whole clause: its first noun phrase, after a dateline ("Washington
    (AFP) —") and opening phrases that a comma closes ("On Sunday, Sanders issued a statement,
    saying ...", "Speaking in Salem, New Hampshire, Trump went after Bush")."""
    start = after_dateline(words)  # words are skipped by index, not sliced: one pass
    while start < len(words) and opens_clause(words, start):
        if words[start][0].lower() in CONJUNCTIONS:
            start += 1  # "but John Smith rejected it": the conjunction alone
            continue
        comma = next((i for i in range(start, len(words)) if words[i][0] == ","), None)
        if comma is None:
            return None
        start = comma + 1
        place = start
        while place < len(words) and is_capitalized(words[place][0]):
            place += 1  # "in Salem, New Hampshire, Trump": the rest of a place, then the subject
        if start and is_capitalized(words[start - 2][0]) and place > start and place + 1 < len(
                words) and words[place][0] == "," and is_capitalized(words[place + 1][0]):
            start = place + 1
    return mention_after(words[start:start + MAX_MENTION_WORDS])


def opens_clause(words: Words, index: int) -> bool:
    """Whether words[index] opens a phrase before the subject: a preposition or conjunction, a
    sentence adverb ("Specifically,", "Early in his campaign,"), or a participle ("Speaking at",
    "Asked by Thrush", "Based on")."""
    word = words[index][0]
    lower = word.lower()
    if lower in CLAUSE_BREAKS or lower in OPENING_WORDS or word.endswith("ing"):
        return True
    following = words[index + 1][0] if index + 1 < len(words) else ""
    return (lower.endswith("ed") and len(lower) > MIN_PARTICIPLE_LETTERS and following.islower()
            and following not in CUE_WORDS)


def after_dateline(words: Words) -> int:
    """Where a report starts after its dateline: "Washington (AFP) – Democrat Hillary Clinton
    has ...", "TALLAHASSEE, Fla. — Gov. Rick Scott said"."""
    for index, (word, _) in enumerate(words[:MAX_DATELINE_WORDS]):
        if word in DATELINE_DASHES and index and (
                words[index - 1][0] == ")" or words[0][0].isupper() and len(words[0][0]) > 1):
            return index + 1
        if not (is_capitalized(word) or is_mark(word)):
            return 0
    return 0


