"""Whether a word that can name a deed is used to report words instead.

"Protest" names a demonstration ("thousands protested in Tbilisi") and also a way of saying something:
"'This is a violation of our sovereignty,' the minister protested", "the ruling ignores the rights of
refugees, a rights group protested", "he protested that the court ignored the evidence". Used so, it
is a statement, and a protest on the map there would be a crowd that never gathered. The pipeline
has no parser, so the use is read from the words around it, the way a reporting verb stands: after
the quote or clause it reports, with its speaker between, or before "that".
"""

from __future__ import annotations

from spacy.tokens import Span

# A sentence opened by one of these starts with an adverbial clause ("After the vote, thousands of students
# protested"), not with the words a speaker said.
ADVERBIAL_OPENERS = frozenset({"after", "when", "as", "following", "despite", "in", "on", "during", "since", "before",
                               "while", "although", "though", "because", "if", "once", "until", "amid", "at", "with"})
QUOTE_MARKS = frozenset({'"', "“", "”", "‘", "’", "'", "''", "``"})
# Marks a speaker's own words may hold: the possessive of "a lawyers' association", "the party's leader".
SPEAKER_MARKS = QUOTE_MARKS | {"'s", "’s"}
SPEAKER_REACH = 6  # words of the speaker between the reported clause's comma and the verb ("a lawyers' association")
AFTER_REACH = 4  # words that may follow the verb to the sentence's end ("here on Wednesday")
REPORTED_MIN = 4  # words a reported clause has at least, before its comma
# What may follow a reporting verb to the end of its sentence: when and where it was said.
SAID_WHEN = frozenset({"on", "here", "there", "today", "yesterday", "tonight", "later", "again", "in", "at", "last",
                       "this", "late", "early", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                       "sunday", "morning", "afternoon", "evening", "night", "week", "loudly", "angrily", "."})


def protest_in_words(trigger: Span) -> bool:
    """Whether the protest ``trigger`` is a verb reporting what someone said: it is followed by "that", or it
    ends a sentence (bar when it was said) that opens with a quote or a clause, a comma and its speaker."""
    doc, sentence = trigger.doc, trigger.sent
    verb = trigger[-1]
    if verb.lemma_.lower() != "protest" or not verb.lower_.startswith("protest"):
        return False
    if verb.i + 1 < sentence.end and doc[verb.i + 1].lower_ == "that":
        return True  # "he protested that the court had ignored the evidence"
    after = doc[verb.i + 1 : sentence.end]
    if len(after) > AFTER_REACH or any(t.lower_ not in SAID_WHEN and not t.is_punct for t in after):
        return False  # "protested in Tbilisi against the law": where and what about a crowd
    comma = next((k for k in range(verb.i - 1, max(sentence.start, verb.i - SPEAKER_REACH - 1) - 1, -1)
                  if doc[k].text == ","), None)
    if comma is None or any(doc[k].is_punct and doc[k].text not in SPEAKER_MARKS for k in range(comma + 1, verb.i)):
        return False
    if comma > sentence.start and doc[comma - 1].text in QUOTE_MARKS or doc[comma + 1].text in QUOTE_MARKS:
        return True  # '"This is a violation," the minister protested'
    reported = doc[sentence.start : comma]
    return len(reported) >= REPORTED_MIN and reported[0].lower_ not in ADVERBIAL_OPENERS and not any(
        t.is_punct and t.text == "," for t in reported)


# Reporting verbs whose statement rules name the audience: "told reporters in Brussels that ...".
TELLING_WORDS = frozenset({"told", "tells", "telling"})
CONTENT_OPENERS = frozenset({"that", ":"}) | QUOTE_MARKS


def said_after_its_words(trigger: Span) -> bool:
    """Whether the statement ``trigger`` ("told reporters in Kabul") only attributes the clause before it: "gunmen
    stormed the village, survivors told reporters in Kabul on Monday". Its speaker follows a comma and nothing it
    says follows it ("that", a colon or a quote), so the telling is the news's source, not an event of its own."""
    if trigger[0].lower_ not in TELLING_WORDS:
        return False
    doc, sentence = trigger.doc, trigger.sent
    if any(t.lower_ in CONTENT_OPENERS for t in doc[trigger.end - 1 : min(sentence.end, trigger.end + AFTER_REACH)]):
        return False  # "told reporters in Brussels that the alliance ..."
    comma = next((k for k in range(trigger.start - 1, max(sentence.start, trigger.start - SPEAKER_REACH - 1) - 1, -1)
                  if doc[k].is_punct), None)
    return comma is not None and doc[comma].text == ","
