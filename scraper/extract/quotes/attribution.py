"""Attribution: who a quotation is given to, read in its own sentence outside the marks.

- after the quotation:  “…,” said Jane Doe  /  “…,” Doe, a professor at X, told Reuters;
                        „…“, sagte Anna Schmidt  /  « … », a-t-il dit  /  «…», ha detto X;
- before it:            Jane Doe said “…”  /  Medeiros claimed the Chinese are “…”;
                        Beck, who described Trump as “…” (the mention "who", refers to Beck);
- "according to":       According to Min Fan, their hosts were “overjoyed”  /  selon, laut;
- closing the sentence: “…” and against the Brady law, Clinton said.
- no verb of saying:    the sentence's subject when it names someone ("Cruz coached Trump to “…”"),
                        of its last clause ("…, while Huckabee proposed we “…”").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import (CUE_WORDS, GENERIC_VERB, INVERTED_ONLY_CUES, IRREGULAR_PAST, PARTICIPLE_CUES,
                   PAST_AUXILIARIES, PRESENT_TENSE_CUES, SOURCE_AFTER_PHRASES, cue_at)
from .mentions import (MAX_APPOSITIVE_WORDS, MAX_NAME_WORDS, NOT_SUBJECTS, NOUN_PHRASE_JOINS,
                       PRONOUNS, SUBJECT_PRONOUNS, VERB_HELPERS, Mention, Words, clause_subject,
                       described_subject, is_adverb, is_break, is_capitalized, is_determiner,
                       is_mark, mention_after, mention_before, names_someone, subject_before,
                       words_with_offsets)
from .sentences import sentence_start

MAX_SUBJECT_GAP_WORDS = 14  # "“…,” Doe, a professor at X, told Reuters": the words before the cue
SENTENCE_MARKS = frozenset({".", "!", "?", ";"})
DASHES = frozenset({"—", "–", "-"})
MAX_ACRONYM_LETTERS = 5  # "NBC", "AFP" may speak; "TALLAHASSEE" opening a report is a dateline
MAX_ANTECEDENT_CHARS = 400  # how far back a pronoun's antecedent is looked for
# "who" relates a person; "that" and "which" more often a thing whose words the sentence's
# subject reports ("Penwell said the world lost a voice that said “…”").
MIN_VERB_LETTERS = 3  # "says", "claims": not "is", "was", "has"
CLAUSE_DASHES = frozenset({"—", "–", "-"})  # a lone "-" is a dash: hyphens join words
CLAUSE_CONJUNCTIONS = frozenset({"while", "whereas", "and", "but"})
RELATIVE_PRONOUNS = frozenset({"who"})
MAX_RELATIVE_GAP_WORDS = 5  # "who has in the past described": helpers and adverbs before the cue
# A French verb and its subject pronoun, joined: "a-t-il", "dit-elle", "poursuivent-ils".
INVERTED_PRONOUN = re.compile(r"([^\W\d_]+?)(?:-t)?-(il|elle|ils|elles|on)", re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    """Who a quotation is attributed to, as written: the mention, its place, and the cue."""

    mention: str | None
    cue: str | None
    mention_start: int = -1  # offset of the mention in the paragraph; -1 when there is none
    antecedent: str | None = None  # what a relative pronoun mention refers to ("Beck, who")
    weak: bool = False  # the cue is no verb of saying ("Roffman, who estimates that ...")


def is_generic_cue(words: Words, index: int) -> bool:
    """A verb of any kind right next to a quotation's attribution ("“…,” Trump answered",
    "“…,” remembered Roy Verley"): there the verb can only be the act of saying."""
    word = words[index][0]
    if not word.islower() or not (GENERIC_VERB.fullmatch(word) or word in IRREGULAR_PAST
                                  or word in PRESENT_TENSE_CUES):
        return False
    if index == 0:
        return index + 1 < len(words) and is_capitalized(words[1][0])
    before = [w for w, _ in words[:index]]
    if len(before) > MAX_NAME_WORDS:
        return False
    if before[0].lower() in ("the", "a", "an") and len(before) <= 3:
        return True
    return all(is_capitalized(w) or w.lower() in PRONOUNS or w in NOUN_PHRASE_JOINS for w in before)


def listed_cue_follows(words: Words, index: int) -> bool:
    """"“…,” the bespectacled, 71-year-old diplomat said": a verb of saying a few words on
    is the cue, rather than the past form before it."""
    for word, _ in words[index + 1:index + 1 + MAX_NAME_WORDS]:
        if word in SENTENCE_MARKS:
            return False
        if word in CUE_WORDS:
            return True
    return False


def attribution_after(words: Words, closes_speech: bool,
                      short_clause: bool = False) -> Attribution | None:
    """Attribution in `words`, the rest of the sentence after a closing mark.

    `closes_speech`: the quotation ended as speech does before its attribution ("…,” / "…?”"),
    which lets any verb right after it serve as the cue. `short_clause`: the quotation ended
    its sentence, so only a short clause of a name and a verb attributes it ("“…” Doe said.").
    """
    dash = bool(words) and words[0][0] in DASHES
    first = next((i for i, (word, _) in enumerate(words) if not is_mark(word)), len(words))
    words = words[first:]
    if not words:
        return None
    inverted = inverted_pronoun(words) or inverted_only(words)
    if inverted:
        return inverted
    if is_break(words[0][0]) and cue_at(words, 0) is None and not is_determiner(words, 0):
        return None  # “…,” but he said: another clause, another statement
    if dash and len(words) <= MAX_NAME_WORDS and is_capitalized(words[0][0]):
        found = mention_after(words)  # “…” — Jane Doe
        if found:
            return Attribution(found[0], "—", found[1])
    limit = MAX_NAME_WORDS + 1 if short_clause else MAX_APPOSITIVE_WORDS
    for index, (word, _) in enumerate(words[:limit]):
        if word in SENTENCE_MARKS:
            return None
        cue = cue_at(words, index)
        if cue is None and closes_speech and is_generic_cue(words, index) and not (
                listed_cue_follows(words, index)):
            cue = (word, 1)
        if cue is None:
            continue
        described = is_capitalized(words[0][0]) and "," in (w for w, _ in words[:index])
        if index > MAX_SUBJECT_GAP_WORDS and not described:
            return None  # too far for "“…,” Doe said", and no "Doe, a long description, said"
        phrase, length = cue
        if short_clause and (phrase in PARTICIPLE_CUES or "," in (w for w, _ in words[:index])):
            return None  # "Doe said.", not "Rubio hit back, saying"
        if index and is_break(words[index - 1][0]) and words[index - 1][0] not in VERB_HELPERS:
            return None  # “…,” ... and said: another statement of the sentence's subject
        rest = words[index + length:]
        if index == 0 and phrase in PARTICIPLE_CUES:
            return None  # “…,” telling reporters: the subject is the sentence's, before it
        if index == 0 or phrase.lower() in SOURCE_AFTER_PHRASES:
            found = named_after(rest)  # “…,” said Jane Doe / according to Doe
            if found:
                return Attribution(found[0], phrase, found[1])
            if index == 0:
                continue
        # “…,” Harry Bond, 30, of Raleigh, N.C., who was polled, said: the name that opens it.
        subject = (mention_after(words[:index]) if is_capitalized(words[0][0]) else None) or (
            subject_before(words, index) or mention_after(words[:index]))
        return Attribution(subject[0] if subject else None, phrase, subject[1] if subject else -1)
    return None


def attribution_ending_sentence(words: Words) -> Attribution | None:
    """Attribution in the last clause of `words`, the rest of a sentence that goes on past a
    quotation: "“…” and against the Brady law, Clinton said.", "It wants to stop policies
    that have a “disparate impact” on minorities, the lawsuit says."."""
    first = max(len(words) - MAX_APPOSITIVE_WORDS - 1, 0)  # the clause is near the end
    for index in range(len(words) - 2, first - 1, -1):  # the last clause that attributes
        if words[index][0] != ",":
            continue
        found = attribution_after(words[index + 1:], False)
        if found and found.mention:
            return found
    return None


def inverted_pronoun(words: Words) -> Attribution | None:
    """French puts the pronoun after the verb, joined to it: "« … », a-t-il dit", "ajoute-t-elle",
    "poursuit-il". Right after a quotation any such verb reports it; the mention is the pronoun."""
    found = INVERTED_PRONOUN.fullmatch(words[0][0])
    if found is None:
        return None
    verb = found.group(1)
    if verb.lower() in PAST_AUXILIARIES and len(words) > 1 and words[1][0].isalpha():
        verb = words[1][0]  # "a-t-elle ajouté": the participle reports
    return Attribution(found.group(2), verb, words[0][1] + found.start(2))


def inverted_only(words: Words) -> Attribution | None:
    """"„…“, so Stadtrat Klaus Weber", "“…”, aldus wethouder Sanne Bakker": a cue that reports
    only here, right after the quotation and before a name."""
    if words[0][0] not in INVERTED_ONLY_CUES:
        return None
    found = named_after(words[1:])
    if found and names_someone(found[0]):
        return Attribution(found[0], words[0][0], found[1])
    return None


def named_after(words: Words) -> Mention | None:
    """The mention after a cue; for a role with the name set beside it ("said the mayor, Jane
    Doe", "a déclaré la maire, Claire Fontaine"), the name."""
    found = mention_after(words)
    if found is None or names_someone(found[0]):
        return found
    following = len(found[0].split())
    if following + 1 < len(words) and words[following][0] == ",":
        name = mention_after(words[following + 1:following + 1 + MAX_NAME_WORDS])
        if name and all(is_capitalized(word) for word in name[0].split()):
            return name
    return found


def attribution_before(text: str, start: int, end: int,
                       at_sentence_start: bool = True) -> Attribution | None:
    """Attribution in text[start:end], the part of the sentence before an opening mark.

    `at_sentence_start`: text[start] starts the sentence, so that with no cue its subject may
    be read; a window that starts after an earlier quotation of the sentence has no subject.
    """
    words = words_with_offsets(text[start:end], start)
    found = None
    for index in range(len(words)):
        cue = cue_at(words, index)
        if cue is not None:
            found = (index, cue)
    if found is None:
        return introducing_name(words) or relative_clause(words) or (
            sentence_subject(words) if at_sentence_start else None) or introducing_subject(words)
    index, (phrase, length) = found
    lower = phrase.lower()
    rest = words[index + length:]
    if lower in SOURCE_AFTER_PHRASES:
        after = mention_after(rest)
        return Attribution(after[0] if after else None, phrase, after[1] if after else -1)
    if lower in PARTICIPLE_CUES and not (index and is_capitalized(words[index - 1][0])):
        # "Fallon responded on Twitter, calling the charge “pathetic”": the subject of the
        # clause, or of the verb of saying before ("Spicer said, adding, “…”").
        earlier = next((i for i in range(index - 1, -1, -1)
                        if words[i][0] in CUE_WORDS and words[i][0] not in PARTICIPLE_CUES), None)
        subject = subject_before(words, earlier) if earlier is not None else None
        subject = subject or clause_subject(words[:index])
        return Attribution(subject[0] if subject else None, phrase, subject[1] if subject else -1)
    if rest and is_capitalized(rest[0][0]) and (index == 0 or words[index - 1][0] in (",", ":")):
        after = mention_after(rest)  # ..., said Jane Doe: “…”; not "said Fiorina “was…”"
        following = index + length + len(after[0].split()) if after else len(words)
        if after and following < len(words) and words[following][0] in (",", ":", "."):
            return Attribution(after[0], phrase, after[1])
    relative = relative_subject(words, index)
    if relative:
        return Attribution(relative[0], phrase, relative[1], relative[2])
    subject = subject_before(words, index)
    if subject is None and index and is_break(words[index - 1][0]):
        named = sentence_subject(words[:index])  # "Carson did not mention them, but told them"
        subject = (named.mention, named.mention_start) if named else described_subject(
            words[:index])  # "The president noted ..., and added:"
    if subject and subject[0].lower() in ("it", "you"):
        subject = None
    return Attribution(subject[0] if subject else None, phrase, subject[1] if subject else -1)


def relative_clause(words: Words) -> Attribution | None:
    """"an Abraham Lincoln impersonator who promises that Johnson won't “…”", "Roffman, who
    estimates that his costs were “…”": with no verb of saying, the verb of the last relative
    clause reports, and "who" is its subject; set between commas, the clause must follow the
    subject that opens the sentence."""
    for at in range(len(words) - 2, -1, -1):
        if words[at][0] not in RELATIVE_PRONOUNS:
            continue
        verb = at + 1
        while verb < len(words) and (words[verb][0] in VERB_HELPERS or is_adverb(words[verb][0])):
            verb += 1
        if verb < len(words) and is_finite_verb(words[verb][0]):
            end = at - 1 if at and words[at - 1][0] == "," else at
            antecedent = mention_before(words[max(end - MAX_NAME_WORDS * 2, 0):end])
            if end < at and not (antecedent and antecedent[1] == words[0][1]):
                return None  # "X is a professor in New Zealand, who ...": who is X, not the place
            return Attribution(words[at][0], words[verb][0], words[at][1],
                               antecedent[0] if antecedent else None, weak=True)
        return None
    return None


def is_finite_verb(word: str) -> bool:
    """A lower-case verb form after a subject: "promises", "estimated", "told"."""
    return word.islower() and word.isalpha() and (
        word in CUE_WORDS or word in IRREGULAR_PAST or word.endswith("ed")
        or word.endswith("s") and not word.endswith("ss") and len(word) > MIN_VERB_LETTERS)


def relative_subject(words: Words, index: int) -> tuple[str, int, str | None] | None:
    """"Beck, who has in the past described Trump as “…”", "critics who say he should": a
    relative pronoun a few words before the cue is its subject. It is the mention (as "he"
    would be), and refers to the noun phrase before it, given as the third item."""
    for at in range(index - 1, max(index - 1 - MAX_RELATIVE_GAP_WORDS, -1), -1):
        word = words[at][0]
        if word in RELATIVE_PRONOUNS:
            end = at - 1 if at and words[at - 1][0] == "," else at
            antecedent = mention_before(words[max(end - MAX_NAME_WORDS * 2, 0):end])
            return word, words[at][1], antecedent[0] if antecedent else None
        if is_mark(word) or is_capitalized(word) or word.lower() in PRONOUNS:
            return None  # another subject or another clause: "who said Trump was “…”"
    return None


def sentence_subject(words: Words) -> Attribution | None:
    """No verb of saying: the subject of the sentence, when it holds a name or is a pronoun, is
    the source ("Cruz coached Trump to “breathe”"); the cue is then unknown. Of a sentence of
    several clauses, the last one's: "Jindal signed an order, while Mike Huckabee proposed we
    “wake up”", "The stereotype ignored labor history — Frank cites “the union placards”"."""
    last = last_clause(words)
    if last:
        found = sentence_subject(words[last:])
        if found and found.mention and is_capitalized(found.mention):
            return found
    subject = clause_subject(words)
    if subject is None:
        return None
    head = subject[0].split()
    if len(head) == 1 and head[0].lower() in SUBJECT_PRONOUNS:
        return Attribution(subject[0], None, subject[1])
    if len(head) == 1 and head[0].isupper() and len(head[0]) > MAX_ACRONYM_LETTERS:
        return None  # a dateline: "TALLAHASSEE, Fla. — ..."
    if any(is_capitalized(word) and word.lower() not in NOT_SUBJECTS for word in head):
        return Attribution(subject[0], None, subject[1])
    return None


def subject_near(text: str, at: int) -> str | None:
    """The name that is the subject of the sentence before text[at], or of the sentence
    before that: what a pronoun at `at` most likely stands for ("Kerry said the vote was
    “far from perfect.” He cited ..."). Both are read within MAX_ANTECEDENT_CHARS of it."""
    lowest = max(at - MAX_ANTECEDENT_CHARS, 0)
    start = sentence_start(text, lowest, at)
    before = sentence_start(text, lowest, start - 1) if start > lowest else start
    for lo, hi in ((start, at), (before, start)):
        found = sentence_subject(words_with_offsets(text[lo:hi], lo)) if hi > lo else None
        if found and found.mention and found.mention.lower() not in PRONOUNS:
            return found.mention
    return None


def last_clause(words: Words) -> int:
    """Where the last clause of a sentence starts, after a dash, a semicolon or a conjunction
    that follows a comma ("..., while", "..., but"); 0 for a sentence of one clause."""
    for index in range(len(words) - 1, 0, -1):
        word = words[index][0]
        if word in CLAUSE_DASHES or word == ";":
            return index + 1
        if word in CLAUSE_CONJUNCTIONS and words[index - 1][0] == ",":
            return index + 1
    return 0


def introducing_subject(words: Words) -> Attribution | None:
    """"A footnote in the report makes that clear: “…”": a sentence that introduces the
    quotation with a colon has its subject for source, even one that names no one."""
    if not words or words[-1][0] != ":":
        return None
    found = described_subject(words)
    return Attribution(found[0], None, found[1]) if found else None


def introducing_name(words: Words) -> Attribution | None:
    """"More from Jones: “…”": a name and a colon right before the quotation."""
    if len(words) >= 2 and words[-1][0] == ":" and is_capitalized(words[-2][0]):
        found = mention_before(words[:-1])
        if found and is_capitalized(found[0]):
            return Attribution(found[0], ":", found[1])
    return None


