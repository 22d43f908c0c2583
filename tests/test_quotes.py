"""Quotations and their speakers: the seed article, then one small text for each rule."""
from __future__ import annotations

import time

import pytest

from scraper import extract_quotes
from scraper.extract.quotes import quotes_from_paragraphs

# The body of the seed article (The Maine Wire, 1 February 2024), one string per paragraph.
SEED_PARAGRAPHS = (
    ('A report by The Washington Post details how China is happy to host American mayors '
     'despite the continued decline in American-Chinese relations.'),
    ('As relations between Beijing and Washington have become increasingly tense, China is '
     'looking to secure support amongst local politicians in America.'),
    ('The article highlighted a visit to China by mayors from six American cities last '
     'November.'),
    ('Visiting mayors in the bipartisan delegation were from cities such as Oxford, '
     'Mississippi, and Carmel, Indiana.'),
    ('The\u00a0organizer of the visit, the U.S. Heartland China Association, focuses on “building '
     'bridges and promoting opportunities between the peoples of the Heartland Region (20 '
     'states located between the Great Lakes to the Gulf) and the People’s Republic of China.”'),
    ('According to Min Fan, executive director of the U.S. Heartland China Association, their '
     'Chinese hosts were “overjoyed” that the American mayors made the trip across the '
     'Pacific.'),
    ('Local officials lead the Chinese efforts to increase economic partnership between the '
     'two countries in China.'),
    ('In a\u00a0post on their website, the U.S Heartland China Association said the recent visit by'
     ' American mayors was part of a program called the “Yangtze-Mississippi Municipality '
     'Energy Transition Exchange Project.”'),
    ('This program seeks “to promote city-to-city best practice sharing between the '
     'communities along these two major rivers around energy transition, climate mitigation, '
     'and green economy.”'),
    ('The mayors toured cities such as Hong Kong and Wuhan and met with Chinese mayors and '
     'businessmen.'),
    ('Despite the seemingly benevolent nature of the visit, some pundits find the exchanges '
     'sneakily damaging to America in the long term.'),
    ('Anne-Marie Brady is a professor at the University of Canterbury in New Zealand, who '
     'focuses on “Chinese influence operations” in her research. According to Brady, China is '
     'trying to get in the good graces of many local officials in America, as some are '
     'guaranteed to rise to higher offices later.'),
    ('Brady is not the only academic who believes this. Evan Medeiros, head of Asia studies at'
     ' Georgetown University, agrees.'),
    ('Medeiros claimed the Chinese are “trying to find supporters and advocates for the '
     'U.S.-China relationship and operationalize them.”'),
    ('Chinese officials have pushed back on these claims, characterizing the relationships '
     'between them and their American counterparts as mutually beneficial.'),
    ('Zhou Zheng, head of subnational affairs at the Chinese Embassy in Washington, claims '
     'that the mayoral exchanges are done to create subnational cooperation between the two '
     'countries.'),
    ('Despite poor relations at the national level, he believes that some American politicians'
     ' and businesses are open to cooperation with their Chinese counterparts.'),
    ('Due to incidents like the Chinese spy balloon collecting intelligence across America '
     'last February and increasing tensions surrounding Taiwan, U.S.-China relations at the '
     'national level continue to worsen.'),
    ('It remains to be seen whether increasing subnational relations with China is a trick to '
     'weaken America from within or something beneficial to both countries.'),
)
SEED_TEXT = "\n\n".join(SEED_PARAGRAPHS)


def quote_with(quotes, words):
    found = [quote for quote in quotes if words in quote.text]
    assert len(found) == 1, (words, quotes)
    return found[0]


def assert_offsets(text, quotes):
    for quote in quotes:
        assert text[quote.start:quote.end] == quote.text


# ---------------------------------------------------------------- the seed article

def test_seed_short_fragment_with_cue_and_speaker_is_a_quote():
    quote = quote_with(extract_quotes(SEED_TEXT), "overjoyed")
    assert quote.text == "overjoyed"
    assert quote.speaker == "Min Fan"
    assert quote.cue.lower() == "according to"
    assert quote.paragraph == 5


def test_seed_surname_resolves_to_the_full_name():
    quote = quote_with(extract_quotes(SEED_TEXT), "trying to find supporters")
    assert quote.text.startswith("trying to find supporters and advocates for the U.S.-China "
                                 "relationship and operationalize them.")
    assert quote.speaker == "Evan Medeiros"
    assert quote.speaker_mention == "Medeiros"
    assert quote.cue == "claimed"
    assert quote.paragraph == 13


def test_seed_programme_name_is_not_a_quote():
    quotes = extract_quotes(SEED_TEXT)
    assert not any("Yangtze" in quote.text for quote in quotes)
    assert_offsets(SEED_TEXT, quotes)


def test_seed_through_the_body_paragraphs_gives_the_same_quotes():
    from_text = extract_quotes(SEED_TEXT)
    from_body = quotes_from_paragraphs([(paragraph, "p") for paragraph in SEED_PARAGRAPHS])
    assert from_body == from_text


# ---------------------------------------------------------------- quotation marks

@pytest.mark.parametrize("text, quoted", [
    ("“We will win,” said Jane Doe.", "We will win"),
    ('"We will win," said Jane Doe.', "We will win"),
    ("« Nous gagnerons », said Jane Doe.", "Nous gagnerons"),
    ("„Wir werden gewinnen“, said Jane Doe.", "Wir werden gewinnen"),
    ("»Wir werden gewinnen«, said Jane Doe.", "Wir werden gewinnen"),
])
def test_quotation_mark_conventions(text, quoted):
    quotes = extract_quotes(text)
    assert [quote.text for quote in quotes] == [quoted]
    assert quotes[0].speaker == "Jane Doe"
    assert_offsets(text, quotes)


@pytest.mark.parametrize("text, speaker, cue", [
    ("„Das ist eine große Erleichterung“, sagte Anna Schmidt.", "Anna Schmidt", "sagte"),
    ("Selon Marie Dupont, le projet est « une catastrophe annoncée » pour la ville.",
     "Marie Dupont", "Selon"),
])
def test_reporting_words_of_other_languages(text, speaker, cue):
    quote = extract_quotes(text)[0]
    assert (quote.speaker, quote.cue) == (speaker, cue)


def test_quotation_running_over_paragraphs_gives_one_quote_per_paragraph():
    text = ("Jane Doe, a professor at Oxford, said the plan was flawed. “It will not work. "
            "The costs are far too high for the town.\n\n"
            "“And nobody has asked the voters what they want.\n\n"
            "“We should start again,” she added.\n\n"
            "The council meets on Monday.")
    quotes = extract_quotes(text)
    assert [quote.paragraph for quote in quotes] == [0, 1, 2]
    assert quotes[1].text == "And nobody has asked the voters what they want."
    assert {quote.speaker for quote in quotes} == {"Jane Doe"}
    assert_offsets(text, quotes)


def test_inline_markup_is_text_and_its_attributes_are_not_quotes():
    text = ('Trump wrote on Twitter:\n\n<tweet author="realDonaldTrump" id="12">We will '
            'make America great again!</tweet>\n\n“It was a great night,” Trump said.')
    quotes = extract_quotes(text)
    assert [quote.text for quote in quotes] == ["It was a great night"]
    assert_offsets(text, quotes)


# ---------------------------------------------------------------- attribution

def test_cue_then_speaker_after_the_quotation():
    quote = extract_quotes("“The bridge is safe,” said Jane Doe, the city engineer.")[0]
    assert (quote.speaker, quote.speaker_mention, quote.cue) == ("Jane Doe", "Jane Doe", "said")


def test_speaker_then_cue_before_the_quotation():
    quote = extract_quotes("Jane Doe said: “The bridge is safe.”")[0]
    assert (quote.text, quote.speaker, quote.cue) == ("The bridge is safe.", "Jane Doe", "said")


def test_description_between_speaker_and_cue():
    text = ("Jane Doe teaches engineering at Leeds.\n\n“The bridge is safe,” Doe, a professor "
            "at Leeds, told Reuters.")
    quote = extract_quotes(text)[0]
    assert (quote.speaker, quote.speaker_mention, quote.cue) == ("Jane Doe", "Doe", "told")


def test_according_to_with_a_short_fragment():
    quote = extract_quotes("According to John Smith, the residents were “furious” about it.")[0]
    assert (quote.text, quote.speaker) == ("furious", "John Smith")


def test_cue_in_the_next_sentence_of_the_paragraph():
    quote = extract_quotes("“We need more nurses in every ward.” Jane Doe said so on Monday.")[0]
    assert quote.speaker == "Jane Doe"


def test_quotation_continued_in_the_next_paragraph_without_a_cue():
    text = ("“The plan is dead,” said Jane Doe, the mayor.\n\n"
            "“Nobody on the council will vote for it now.”")
    quotes = extract_quotes(text)
    assert [quote.speaker for quote in quotes] == ["Jane Doe", "Jane Doe"]
    assert quotes[1].paragraph == 1


def test_second_quotation_of_a_paragraph_shares_the_attribution():
    quotes = extract_quotes("“We lost,” Jane Doe said. “But we will be back next year.”")
    assert [quote.speaker for quote in quotes] == ["Jane Doe", "Jane Doe"]


def test_participle_cue_attaches_to_the_subject_of_the_clause():
    text = "On Monday, John Smith attacked the plan, calling it “a total disaster.”"
    assert extract_quotes(text)[0].speaker == "John Smith"


# ---------------------------------------------------------------- speaker resolution

def test_title_and_surname_resolve_to_the_full_name():
    text = ("Hillary Clinton spoke in Iowa on Monday.\n\n"
            "“We will fight for every vote,” Ms Clinton said.")
    quote = extract_quotes(text)[0]
    assert (quote.speaker, quote.speaker_mention) == ("Hillary Clinton", "Ms Clinton")


def test_pronoun_resolves_to_the_most_recent_compatible_speaker():
    text = ("“Taxes will rise,” said Mr. John Smith.\n\n"
            "“They will not,” said Ms. Jane Doe.\n\n"
            "“I have seen the numbers,” he said.\n\n"
            "“So have I,” she replied.")
    quotes = extract_quotes(text)
    assert [quote.speaker for quote in quotes] == ["John Smith", "Jane Doe", "John Smith", "Jane Doe"]
    assert [quote.speaker_mention for quote in quotes][2:] == ["he", "she"]


def test_pronoun_gender_learnt_from_the_document():
    text = ("Ngozi Okafor runs the clinic, and her team sees forty patients a day.\n\n"
            "Kwame Mensah, who chairs the board, said his members back the plan.\n\n"
            "“We need a second building,” Okafor said.\n\n"
            "“The money is there,” Mensah said.\n\n"
            "“Then we start in May,” she said.")
    quotes = extract_quotes(text)
    assert [quote.speaker for quote in quotes] == ["Ngozi Okafor", "Kwame Mensah", "Ngozi Okafor"]


def test_speaker_is_null_where_nothing_names_one():
    quote = extract_quotes("“Nothing will change until the next election,” the sign read.")[0]
    assert quote.speaker is None


def test_descriptive_mention_is_kept_without_inventing_a_name():
    quote = extract_quotes("“The talks have failed,” the influential US daily wrote on Sunday.")[0]
    assert (quote.speaker_mention, quote.speaker, quote.cue) == ("the influential US daily", None, "wrote")


# ---------------------------------------------------------------- not quotations

@pytest.mark.parametrize("text", [
    "The town joined a scheme called “Clean Rivers Partnership Programme” last year.",
    "Didn’t we used to call them “junkets”?",
    "She starred in “The Long Night of the River” on Broadway.",
    "The so-called “experts” were wrong again.",
])
def test_names_titles_and_scare_quotes_are_not_quotes(text):
    assert extract_quotes(text) == []


# ---------------------------------------------------------------- block quotes and speed

def test_blockquote_paragraph_is_a_block_quote_of_the_announced_speaker():
    paragraphs = [("As Jane Doe wrote in her report:", "p"),
                  ("The river has never been cleaner, and the town should be proud.", "blockquote")]
    quotes = quotes_from_paragraphs(paragraphs)
    assert len(quotes) == 1
    assert (quotes[0].kind, quotes[0].speaker, quotes[0].paragraph) == ("block", "Jane Doe", 1)
    body = "\n\n".join(text for text, _ in paragraphs)
    assert body[quotes[0].start:quotes[0].end] == quotes[0].text


def test_blockquote_loses_its_own_quotation_marks_and_continues_the_speaker():
    paragraphs = [("The mayor, Jane Doe, wrote to the council on Monday:", "p"),
                  ("“The budget is balanced for the first time in ten years.”", "blockquote"),
                  ("We will not raise taxes next year either.", "blockquote")]
    quotes = quotes_from_paragraphs(paragraphs)
    assert [quote.text for quote in quotes] == [
        "The budget is balanced for the first time in ten years.",
        "We will not raise taxes next year either."]
    assert [quote.speaker for quote in quotes] == ["Jane Doe", "Jane Doe"]
    assert_offsets("\n\n".join(text for text, _ in paragraphs), quotes)


def test_quote_finding_is_fast_on_an_article():
    extract_quotes(SEED_TEXT)
    started = time.perf_counter()
    for _ in range(20):
        extract_quotes(SEED_TEXT)
    assert (time.perf_counter() - started) / 20 < 0.01


# ---------------------------------------------------------------- relative clauses

def test_relative_pronoun_is_the_mention_and_its_antecedent_the_speaker():
    text = ("Glenn Beck spoke in Indiana.\n\n"
            "Beck, who has in the past described the plan as “a disaster,” was cheered.")
    quote = extract_quotes(text)[0]
    assert (quote.speaker_mention, quote.speaker, quote.cue) == ("who", "Glenn Beck", "described")


def test_quotation_later_in_a_sentence_keeps_the_sentence_subject():
    # The second quotation's window starts after the first one: "clearly intended the
    # Indiana crowd" is no subject, so it keeps the speaker of the first.
    text = ("Glenn Beck spoke in Indiana.\n\n"
            "Beck, who has in the past called the plan “a disaster,” clearly intended the "
            "Indiana crowd to “turn away” from it.")
    quotes = extract_quotes(text)
    assert [quote.speaker for quote in quotes] == ["Glenn Beck", "Glenn Beck"]


# ---------------------------------------------------------------- attribution further away

@pytest.mark.parametrize("text, speaker", [
    ("“We have the money” and the votes to pass it in May, Jane Doe said.", "Jane Doe"),
    ("“Voters are tired of it” after two recounts in a row, says John Smith, a pollster.",
     "John Smith"),
    ("“It could cost more” than the town expects, wrote Jane Doe in a letter.", "Jane Doe"),
])
def test_attribution_closing_a_sentence_that_a_quotation_opens(text, speaker):
    assert extract_quotes(text)[0].speaker == speaker


def test_last_sentence_of_the_paragraph_before_names_the_speaker_of_a_quotation_alone():
    text = ("The council met on Monday. Jane Doe said the town could not wait another year.\n\n"
            "“The bridge is closing in May, and we need a plan before then.”")
    quote = extract_quotes(text)[0]
    assert (quote.speaker, quote.paragraph) == ("Jane Doe", 1)


def test_no_mention_starts_with_a_preposition():
    quote = extract_quotes("“We will see,” said of the plan the man in the blue coat.")[0]
    assert quote.speaker_mention is None


# ---------------------------------------------------------------- the subject of a sentence

@pytest.mark.parametrize("text, speaker", [
    ("Speaking in Salem, New Hampshire, John Smith went after the plan, calling it “a stiff.”",
     "John Smith"),
    ("Early in the campaign, John Smith attacked the plan, calling it “a stiff.”", "John Smith"),
    ("Like the mayor, John Smith rejected the plan, arguing it was “too costly.”", "John Smith"),
    ("Asked by reporters about the plan, John Smith called it “a stiff.”", "John Smith"),
    ("Springfield (AFP) – John Smith has attacked the plan, saying it is “a stiff.”",
     "John Smith"),
])
def test_subject_after_opening_phrases_and_datelines(text, speaker):
    assert extract_quotes(text)[0].speaker == speaker


@pytest.mark.parametrize("text, mention, speaker", [
    # a participle right after the quotation has its object after it, not its subject
    ("John Smith called the vote “fantastic,” telling reporters he was pleased.",
     "John Smith", "John Smith"),
    # auxiliaries and adverbs stand between the subject and the verb
    ("John Smith has increasingly decried the plan as “a waste.”", "John Smith", "John Smith"),
    # a demonstrative opens a noun phrase
    ("“The vote was rigged,” this official told the Post.", "this official", None),
    # "Another", "One" are no names
    ("“Stay home,” read one sign. “Vote,” another advised.", "another", None),
])
def test_subjects_past_participles_adverbs_and_determiners(text, mention, speaker):
    quote = extract_quotes(text)[-1]
    assert (quote.speaker_mention, quote.speaker) == (mention, speaker)


@pytest.mark.parametrize("text, mention, cue", [
    ("“The deal is done,” the editorial board recently wrote.", "the editorial board", "wrote"),
    ("“We will vote no,” Senate Leader John Smith, R-Ky., said.", "Senate Leader John Smith",
     "said"),
    # a verb of saying a few words on is the cue, not the past form before it
    ("“It is over,” the bespectacled, 71-year-old diplomat said.", "71-year-old diplomat", "said"),
    ("Smith, meanwhile, who has none, said that the plan is “dead on arrival.”", "Smith", "said"),
    ("The town wants to stop rules that have a “dramatic impact” on renters, the lawsuit says.",
     "the lawsuit", "says"),
])
def test_mentions_past_helpers_abbreviations_and_clauses(text, mention, cue):
    quote = extract_quotes(text)[0]
    assert (quote.speaker_mention, quote.cue) == (mention, cue)


@pytest.mark.parametrize("text, speaker", [
    ("Jane Doe, during a town hall in Columbus, Ohio, said the plan was “a mistake.”", "Jane Doe"),
    ("After winning the primary, Gov. John Smith (R-OH), said, “We will go on.”", "John Smith"),
    ("Smith, meanwhile, who has none, said the plan was “a mistake.”", "Smith"),
    ("In July, Jane Doe, vice chairman of the firm, told Forbes the plan was “a mistake.”",
     "Jane Doe"),
    ("But Sen. Jane Doe (D-Ill.), noting the crowd, said, “We will go on.”", "Jane Doe"),
])
def test_subject_before_clauses_between_commas(text, speaker):
    assert extract_quotes(text)[0].speaker == speaker


@pytest.mark.parametrize("text, speaker", [
    # a closing "X said" outweighs the subject of the sentence
    ("John Smith “felt a duty to act” on the river, Jane Doe said.", "Jane Doe"),
    # the subject of the last clause of the sentence
    ("Jane Doe signed the order, while John Smith proposed they “start again.”", "John Smith"),
    ("The plan ignored the costs — Jane Doe pointed to “the empty budget” as proof.", "Jane Doe"),
])
def test_speaker_of_a_quotation_inside_a_long_sentence(text, speaker):
    assert extract_quotes(text)[0].speaker == speaker


def test_a_line_end_bounds_the_attribution_after_a_quotation():
    # One paragraph a line, no blank lines: "Smith said" on the next line is a new paragraph.
    text = ("Jane Doe criticized John Smith for opposing the plan to rebuild the old bridge over "
            "the river before the winter.\n"
            "“We cannot wait,” Doe said. “The bridge is closing in May, and nobody has a plan.”\n"
            "Smith said he does support a plan, but not this one, and not at this price for "
            "the town.")
    quotes = extract_quotes(text)
    assert [quote.speaker for quote in quotes] == ["Jane Doe", "Jane Doe"]


@pytest.mark.parametrize("text, mention", [
    ("Jane Doe — a teacher from Mount Pleasant — says the plan was “a big deal.”", "Jane Doe"),
    ("The president noted that he taught law, and added: “I know a little about this.”",
     "The president"),
    ("The influential delegate and activist, who backs Smith, warned of a “ferocious” battle.",
     "The influential delegate"),
    ("John Smith during the weekend thanked its members “for their support.”", "John Smith"),
])
def test_subjects_past_dashes_and_descriptions(text, mention):
    assert extract_quotes(text)[0].speaker_mention == mention


def test_pronoun_takes_the_subject_of_the_sentence_before_when_its_gender_agrees():
    # The latest speaker is Smith, but "he" is Kerry, the subject of the sentence before.
    text = ("“The count is over,” said Mr. John Smith.\n\n"
            "Mr. John Kerry said the vote was an important step. “It is far from perfect,” he "
            "added.")
    quotes = extract_quotes(text)
    assert [quote.speaker for quote in quotes] == ["John Smith", "John Kerry"]


def test_pronoun_keeps_the_latest_speaker_when_the_subject_before_disagrees():
    text = ("“The count is over,” said Ms. Jane Doe.\n\n"
            "Mr. John Kerry called the vote an important step. “It is far from perfect,” she "
            "added.")
    assert [quote.speaker for quote in extract_quotes(text)] == ["Jane Doe", "Jane Doe"]


def test_verb_of_a_relative_clause_reports_when_no_verb_of_saying_does():
    text = ("John Smith, who estimates that his costs were “in the seven figures,” sued the city.")
    quote = extract_quotes(text)[0]
    assert (quote.speaker_mention, quote.speaker, quote.cue) == ("who", "John Smith", "estimates")
    # a closing "X writes" outweighs it
    text = ("Jane Doe, who delivered the reply, is an “articulate conservative” with two wins, "
            "the editorial board writes.")
    assert extract_quotes(text)[0].speaker_mention == "the editorial board"


@pytest.mark.parametrize("text, mention", [
    # a colon introduces the quotation: the sentence's subject, even a description
    ("A footnote in the report makes that clear: “These rules do not apply.”", "A footnote"),
    # a lone hyphen is a dash between clauses
    ("Jane Doe proposed a debate - but John Smith rejected the idea as “ludicrous.”",
     "John Smith"),
    # a sentence adverb is no subject
    ("Often, John Smith called the plan “ludicrous.”", "John Smith"),
])
def test_subjects_after_colons_dashes_and_adverbs(text, mention):
    assert extract_quotes(text)[0].speaker_mention == mention


def test_quotation_takes_the_verb_of_saying_of_the_next_one_in_its_sentence():
    text = ("Roads are “a public health crisis” and “a drain on the town,” Jane Doe, the mayor, "
            "said on Monday.")
    quotes = extract_quotes(text)
    assert [(quote.speaker, quote.cue) for quote in quotes] == [("Jane Doe", "said")] * 2


def test_capital_pronoun_after_a_question_starts_another_sentence():
    text = ("John Smith wrote to her, asking “Are you well?” She replied that she was “fine.”")
    assert extract_quotes(text)[0].speaker == "John Smith"
