"""Quotations in other languages: titles and roles left out of the speaker, inverted cues.

The fixtures (fixtures/quotes/*.txt) are short council reports written for these tests in
German, French, Spanish, Italian, Portuguese and Dutch.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from scraper import extract_quotes

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "quotes"


def quote_in(fixture: str, words: str):
    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    quotes = extract_quotes(text)
    for quote in quotes:
        assert text[quote.start:quote.end] == quote.text
    found = [quote for quote in quotes if words in quote.text]
    assert len(found) == 1, (words, quotes)
    return found[0]


@pytest.mark.parametrize("fixture, words, speaker, mention, cue", [
    # a German role noun, a compound ending in "-in", is a title and not part of the name
    ("de-stadtrat.txt", "guter Tag", "Anna Schmidt", "Oberbürgermeisterin Anna Schmidt", "sagte"),
    ("de-stadtrat.txt", "Kosten sind", "Klaus Weber", "Stadtrat Klaus Weber", "so"),
    ("de-stadtrat.txt", "zweimal", "Anna Schmidt", "Schmidt", "sagte"),
    ("de-stadtrat.txt", "Frühjahr", "Anna Schmidt", "sie", "fügte"),
    ("de-stadtrat.txt", "zwei Millionen", "Peter Hoffmann", "Landrat Peter Hoffmann", "erklärte"),
    ("de-stadtrat.txt", "wie es geht", "Sabine Krüger", "Die Bundesumweltministerin Sabine Krüger",
     "sagte"),
    # French: the role set beside the name, inverted verbs with their pronoun, "selon"
    ("fr-conseil.txt", "écouté", "Claire Fontaine", "Claire Fontaine", "a déclaré"),
    ("fr-conseil.txt", "règle rien", "Julien Marchand",
     "le conseiller d'opposition Julien Marchand", "estime"),
    ("fr-conseil.txt", "commerçants", "Julien Marchand", "il", "ajouté"),
    ("fr-conseil.txt", "septembre", "Claire Fontaine", "elle", "précisé"),
    ("fr-conseil.txt", "maîtrisé", "Claire Fontaine", "Mme Fontaine", "Selon"),
    ("fr-conseil.txt", "prudent", "Julien Marchand", "il", "poursuit"),
    ("fr-conseil.txt", "accompagnera", "Étienne Lambert", "le préfet Étienne Lambert", "a dit"),
    # Spanish
    ("es-pleno.txt", "presupuesto pensado", "Lucía Morales", "Lucía Morales", "dijo"),
    ("es-pleno.txt", "no cuadran", "Andrés Ruiz", "el concejal Andrés Ruiz", "Según"),
    ("es-pleno.txt", "recurrir", "Andrés Ruiz", "Ruiz", "afirmó"),
    ("es-pleno.txt", "inversión", "Óscar Núñez", "el portavoz vecinal Óscar Núñez", "ha dicho"),
    # Italian: "ha detto" after the quotation, and "al termine" is not part of the name
    ("it-consiglio.txt", "svolta", "Marco Bianchi", "il sindaco Marco Bianchi", "ha detto"),
    ("it-consiglio.txt", "costa troppo", "Giulia Ferri", "la consigliera Giulia Ferri",
     "ha dichiarato"),
    ("it-consiglio.txt", "dieci per cento", "Giulia Ferri", "Ferri", "Secondo"),
    # Portuguese
    ("pt-camara.txt", "prazo", "João Almeida", "o prefeito João Almeida", "disse"),
    ("pt-camara.txt", "dinheiro", "Ana Costa", "a vereadora Ana Costa", "afirmou"),
    ("pt-camara.txt", "prioridade", "Beatriz Lopes", "a ministra Beatriz Lopes", "Segundo"),
    # Dutch: "aldus" and "volgens" before a role and a name
    ("nl-gemeenteraad.txt", "gaan door", "Pieter de Vries", "burgemeester Pieter de Vries", "zei"),
    ("nl-gemeenteraad.txt", "te duur", "Sanne Bakker", "wethouder Sanne Bakker", "aldus"),
    ("nl-gemeenteraad.txt", "onterecht", "Jan Visser", "woordvoerder Jan Visser", "Volgens"),
])
def test_speakers_of_other_languages(fixture, words, speaker, mention, cue):
    quote = quote_in(fixture, words)
    assert (quote.speaker, quote.speaker_mention, quote.cue) == (speaker, mention, cue)


@pytest.mark.parametrize("text, speaker", [
    ("„Wir bleiben dabei“, sagte Oberbürgermeisterin Anna Schmidt.", "Anna Schmidt"),
    ("„Wir bleiben dabei“, sagte Bundesinnenminister Paul Wagner.", "Paul Wagner"),
    ("„Wir bleiben dabei“, sagte Regierungssprecherin Eva Braun-Kühn.", "Eva Braun-Kühn"),
    ("« Nous restons prudents », a déclaré Mme Claire Fontaine.", "Claire Fontaine"),
    ('"Seguimos adelante", dijo la Sra. Lucía Morales.', "Lucía Morales"),
    ("«Andiamo avanti», ha detto la signora Giulia Ferri.", "Giulia Ferri"),
    ('"Wij gaan door", zei Burgemeester Pieter de Vries.', "Pieter de Vries"),
    ('"Vamos em frente", disse a Sra. Ana Costa.', "Ana Costa"),
])
def test_titles_of_other_languages_are_not_part_of_the_name(text, speaker):
    assert extract_quotes(text)[0].speaker == speaker


def test_inverted_pronoun_gives_the_pronoun_not_the_verb():
    text = ("« Le projet avance », a déclaré Julien Marchand.\n\n"
            "« Nous tiendrons les délais », a-t-il assuré.")
    quote = extract_quotes(text)[1]
    assert (quote.speaker_mention, quote.speaker, quote.cue) == ("il", "Julien Marchand", "assuré")


def test_a_pronoun_that_can_mean_one_speaker_shows_their_gender():
    # "il" can only be Marchand ("Mme" shows that Fontaine is a woman), and so he is a man:
    # "elle", after him, is Fontaine.
    text = ("« Le budget est tenu », a déclaré Mme Claire Fontaine.\n\n"
            "« Je n'y crois pas », a répondu Julien Marchand. "
            "« Rien n'est chiffré », a-t-il dit.\n\n"
            "« Tout est chiffré », a-t-elle répliqué.")
    quotes = extract_quotes(text)
    assert [quote.speaker for quote in quotes] == [
        "Claire Fontaine", "Julien Marchand", "Julien Marchand", "Claire Fontaine"]


@pytest.mark.parametrize("text", [
    "Le second tour, selon toute vraisemblance, sera « très serré ».",
    "O segundo turno será \"muito disputado\", disse o analista.",
    "Er sprach sehr laut und deutlich: „Wir gewinnen.“",
])
def test_according_to_words_need_a_source_after_them(text):
    quote = extract_quotes(text)[0]
    assert quote.cue not in ("selon", "segundo", "laut")


def test_so_after_a_quotation_reports_only_before_a_name():
    quote = extract_quotes("„Wir sind bereit“, so Stadtrat Klaus Weber.")[0]
    assert (quote.speaker, quote.cue) == ("Klaus Weber", "so")
    quote = extract_quotes("“We are ready,” so the story goes, “for anything.”")[0]
    assert quote.cue != "so"
