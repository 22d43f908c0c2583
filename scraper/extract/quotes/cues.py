"""The words of reporting: verbs of saying ("said", "told", "tweeted"), phrases ("according
to", "shot back"), and the words that make a quoted phrase a name ("called", "known as")."""
from __future__ import annotations

import re

# Verbs of saying and writing, in the forms a news report uses. Forms that are more often
# nouns ("states", "reports", "notes", "claims") are left out; participles ("saying",
# "adding") attach to the subject of the main clause rather than to the words next to them.
CUE_WORDS = frozenset("""
say says said saying tell tells told telling write writes wrote writing spoke speaking
tweet tweets tweeted tweeting posted ask asks asked asking call calls called calling
describes described describing add adds added adding argue argues argued arguing claimed
claiming stated explains explained explaining noted noting replies replied replying responds
responded responding declares declared declaring concludes concluded insists insisted
insisting admits admitted warns warned warning announced announcing acknowledges
acknowledged suggests suggested suggesting promised promising pledged remarked continues
continued observes observed recalls recalled recalling predicted complained complaining
joked quipped urged urging emphasized emphasised stressed conceded countered retorted
reported chanted chanting shouted yelled mused wondered vowed boasted agreed testified
confirmed denied demanded lamented cautioned asserts asserted contends contended maintains
maintained reiterated scoffed snapped tweeted touted praised mocked blasted accused accusing
alleged exclaimed proclaimed cried pleaded sighed laughed recounted reasoned revealed
repeated quoted questioned summarized advised assured railed dubbed hailed hailing labeled
labelled characterized criticized dismissed derided decried opined interjected reads
answered pressed screamed remembered thanked credited referenced cited citing chiding chided
elaborated elaborating insisted recalled explained
""".split())
# The commonest reporting verbs of German, French, Spanish and Italian news copy.
CUE_WORDS |= frozenset("""
sagte sagt sagten erklärte erklärt betonte meinte fügte schrieb dit déclaré déclare explique
expliqué affirme affirmé estime ajouté ajoute souligné dijo afirmó explicó añadió señaló
aseguró detto dichiarato spiegato aggiunto
""".split())
# Cues that put the source after them: "according to Doe", "selon Doe", "laut Doe".
SOURCE_AFTER_PHRASES = ("according to", "in the words of", "as quoted by", "quoted by", "selon",
                        "según", "laut", "secondo")
PHRASE_CUES = ("went on", "shot back", "fired back", "pointed out", "put it", "chimed in",
               "weighed in", "wrote back", "writes back", "summed up")
PARTICIPLE_CUES = frozenset(word for word in CUE_WORDS if word.endswith("ing"))
PHRASE_STARTS = frozenset(phrase.split()[0] for phrase in SOURCE_AFTER_PHRASES + PHRASE_CUES)

# Past forms: right next to a quotation and its speaker, any verb is the act of saying.
GENERIC_VERB = re.compile(r"[a-z]{2,}ed")
IRREGULAR_PAST = frozenset("""
said told wrote spoke thought felt went began shot fired sang swore broke bit drew froze
""".split())
# Present forms left out of CUE_WORDS as likelier nouns, but verbs right after a quotation.
PRESENT_TENSE_CUES = frozenset("notes claims states reports recalls answers counters jokes".split())

# Words before a quoted Title Case phrase that make it a name rather than speech.
NAMING_WORDS = re.compile(
    r"\b(?:called|calls|call|named|nicknamed|dubbed|titled|entitled|known as|billed as|branded|"
    r"labell?ed|headlined|so-called|termed)\s*(?:the\s+|a\s+|an\s+|it\s+|them\s+)?$",
    re.IGNORECASE)


def cue_at(words: list[tuple[str, int]], index: int) -> tuple[str, int] | None:
    """The listed cue starting at words[index], with the number of words it spans."""
    if words[index][0].lower() in PHRASE_STARTS:
        for span in (4, 3, 2):
            if index + span > len(words):
                continue
            phrase = " ".join(w for w, _ in words[index:index + span])
            if phrase.lower() in SOURCE_AFTER_PHRASES or phrase.lower() in PHRASE_CUES:
                return phrase, span
    word = words[index][0]
    if word in CUE_WORDS or word.lower() in SOURCE_AFTER_PHRASES:
        return word, 1
    return None
