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
# The commonest reporting verbs of German, French, Spanish, Italian, Portuguese and Dutch news
# copy, in the forms that stand next to a quotation ("sagte", "a déclaré", "estime", "dijo",
# "ha detto", "disse", "zei"). Forms that are English words too ("dice", "note", "lance",
# "assure", "conclude") are left out.
FOREIGN_CUE_WORDS = frozenset("""
sagte sagt sagten sagen erklärte erklärt betonte betont meinte meint fügte ergänzte schrieb
kritisierte warnte forderte
dit déclaré déclare expliqué explique affirmé affirme estimé estime ajouté ajoute souligné
souligne précisé précise indiqué indique confié confie raconté raconte poursuit insiste insisté
rappelle rappelé répond répondu reconnaît reconnu admet martèle martelé prévient commente
commenté regrette juge jugé dénonce dénoncé écrit
dijo afirmó explicó añadió señaló aseguró declaró indicó destacó subrayó agregó sostuvo
advirtió manifestó apuntó comentó expresó afirma explica asegura señala añade sostiene dicho
afirmado declarado explicado señalado asegurado
detto dichiarato spiegato aggiunto sottolineato affermato precisato commentato osservato
spiega afferma aggiunge sottolinea dichiara ribadisce commenta osserva
disse afirmou declarou explicou acrescentou sublinhou destacou garantiu referiu diz
acrescenta
zei zegt verklaarde stelde stelt voegde benadrukte schreef
""".split())
CUE_WORDS |= FOREIGN_CUE_WORDS
# Auxiliaries of the compound past: before a participle of saying they open the cue
# ("« … », a déclaré la maire", "«…», ha detto il sindaco", "ha dicho el alcalde").
PAST_AUXILIARIES = frozenset("a ont avait ha han hanno aveva había habían tem".split())
# Cues that attribute only right after a quotation and before a name: "„…“, so Schmidt",
# "„…“, aldus De Vries" ("so" and "aldus" mean "thus" anywhere else).
INVERTED_ONLY_CUES = frozenset({"so", "aldus"})
# Cues that put the source after them: "according to Doe", "selon Doe", "laut Doe".
SOURCE_AFTER_PHRASES = ("according to", "in the words of", "as quoted by", "quoted by", "selon",
                        "d'après", "d’après", "según", "laut", "secondo", "segundo",
                        "de acordo com", "volgens")
# The one-word ones name their source next, a name or a noun with its article: "laut Polizei",
# "segundo o ministro"; anywhere else they are other words ("o segundo turno", "sehr laut").
SOURCE_AFTER_WORDS = frozenset(phrase for phrase in SOURCE_AFTER_PHRASES if " " not in phrase)
NAME_REACH_WORDS = 3  # "volgens woordvoerder Jan Visser": a role or two before the name
DETERMINERS = frozenset("""
the a an le la les l' l’ un une des du el los las il lo gli i o os as der die das dem den des
ein eine einer einem einen de het een
""".split())
PHRASE_CUES = ("went on", "shot back", "fired back", "pointed out", "put it", "chimed in",
               "weighed in", "wrote back", "writes back", "summed up")
PARTICIPLE_CUES = frozenset(word for word in CUE_WORDS if word.endswith("ing"))
PHRASE_STARTS = frozenset(phrase.split()[0] for phrase in SOURCE_AFTER_PHRASES + PHRASE_CUES)

# Past forms: right next to a quotation and its speaker, any verb is the act of saying.
GENERIC_VERB = re.compile(r"[a-z]{2,}ed")
IRREGULAR_PAST = frozenset("""
said told wrote spoke thought felt went began shot fired sang swore broke bit drew froze came
made took gave got left met ran sent kept held brought stood led put set won lost sat saw knew
became found paid heard meant read
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
    following = words[index + 1][0] if index + 1 < len(words) else ""
    if word in PAST_AUXILIARIES and following in FOREIGN_CUE_WORDS:
        return f"{word} {following}", 2
    if word.lower() in SOURCE_AFTER_WORDS:
        return (word, 1) if names_next(words, index + 1) else None
    if word in CUE_WORDS:
        return word, 1
    return None


def names_next(words: list[tuple[str, int]], index: int) -> bool:
    """Whether a name or an article opens words[index:]: "laut Polizei", "volgens woordvoerder
    Jan Visser", "segundo a ministra" (not "o segundo turno", "sehr laut und deutlich")."""
    following = [word for word, _ in words[index:index + NAME_REACH_WORDS]]
    if following and (following[0].lower() in DETERMINERS or following[0].lower().startswith(
            ("l'", "l’"))):
        return True
    for word in following:
        if not word[:1].isalpha():
            return False
        if word[:1].isupper():
            return True
    return False
