"""Whether an event happened, from the words that govern its trigger: claimed, denied or negated,
planned, hoped for or demanded, hypothetical (a condition, a modal of possibility, a habit), or happened.
The issue's status vocabulary; :func:`status_of` is the one entry point."""

from __future__ import annotations

from spacy.tokens import Doc, Span
from geomap.events.conflict_words import DISCUSSING_VERBS
from geomap.events.dates import WEEKDAYS
from geomap.events.denials import DENY_WORDS, grant_refused, in_a_denied_clause, report_rejected
from geomap.events.link_words import BARRIER_WORDS
from geomap.events.taxonomy import load_taxonomy
from geomap.nlp.words import BE_FORMS


CLAIM_WORDS = frozenset({"accuse", "accused", "accuses", "accusation", "accusations", "allege", "alleged", "alleges",
                         "allegedly", "allegation", "allegations", "claim", "claimed", "claims", "purportedly"})


# Within four words before the trigger these say it is still to come: "will meet", "the planned talks".
PLAN_WORDS = frozenset({"will", "would", "soon", "plan", "plans", "planned", "expected", "scheduled", "upcoming",
                        "proposed", "set", "due", "'ll", "going", "slated"})


# After the trigger and "is"/"are", these put it ahead: "talks are set to resume", "the vote is due on Monday".
SCHEDULED_WORDS = frozenset({"set", "due", "scheduled", "expected", "slated", "planned", "poised"})
# "set off a bomb", "set fire to", "set ablaze": done, not "set to" or "set for".
SET_DONE = frozenset({"off", "fire", "ablaze", "alight"})
# The plan words that also mark what a trigger spans or is joined to ("set" and "going" have other senses there).
FIRM_PLAN_WORDS = PLAN_WORDS - {"set", "going"}
# A modal right after the trigger says what its event is: "sanctions could follow", "talks will resume".
MODALS_AFTER = {"could": "hypothetical", "might": "hypothetical", "may": "hypothetical", "will": "planned",
                "would": "planned", "'ll": "planned", "shall": "planned"}


# A trigger governed by one of these is proposed, offered, demanded, threatened or turned down: it
# has not happened (issue status "planned/proposed"). "threatened to shell", "refused to meet".
PROPOSAL_WORDS = frozenset({"threaten", "threatened", "threatens", "threat", "offer", "offered", "offers", "willing",
                            "ready", "prepared", "demand", "demanded", "demands", "demanding", "urge", "urged", "urges",
                            "urging", "refuse", "refused", "refuses", "refusing", "reject", "rejected", "rejects",
                            "rejecting", "decline", "declined", "cancel",
                            "cancelled", "canceled", "postpone", "postponed", "invitation", "invite", "invited",
                            "proposal", "ultimatum", "halt", "prevent", "prevented", "avert", "oppose", "opposed",
                            "opposes", "opposing", "plotting", "plotted", "conspiring", "conspired", "preparing",
                            "prepares"})


# Hoped for, sought or called for: not (yet) an event. "the hoped-for ceasefire", "sought the release".
HOPE_WORDS = frozenset({"hope", "hoped", "hopes", "hoping", "hoped-for", "seek", "seeks", "sought", "seeking", "want",
                        "wants", "wanted", "aim", "aims", "aimed", "push", "pushing", "pushed", "plea", "appeal", "appealed",
                        "possible", "potential", "prospect", "prospects", "would-be", "future", "eventual", "due",
                        "lobbying", "lobbied", "negotiating", "brokering", "broker", "secure", "securing",
                        "eyeing", "eyes", "eyed", "mulling", "mulls", "considering", "considers", "weighing",
                        "contemplating", "exploring", "intended", "intends", "intend", "designed", "appetite"})


# Negated or failed: the text says it did not happen ("no arrests were made", "warrants were not carried out").
NEGATION_WORDS = frozenset({"not", "n't", "no", "never", "without", "failed", "fail", "fails", "neither", "nor",
                            "averted", "thwarted", "foiled"})


WITHOUT_REACH = 3  # words back from the trigger to a "without" that governs it ("left without being arrested")
NEGATION_AFTER = frozenset({"not", "n't", "never", "failed"})
ADJECTIVE_ENDINGS = ("ed", "en", "ful", "ous", "ing", "al", "ive", "ly", "ic", "ent", "ant", "est")


DEFINITE_WORDS = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her", "same"})
CLAUSE_BREAKS = frozenset({",", ";", "after", "before", "while", "when", "but", "and", "as", "since", "."})


def status_of(doc: Doc, trigger: Span) -> str:
    """happened / planned / claimed / denied / hypothetical, from the words governing the trigger."""
    sentence = trigger.sent
    clause = _clause_before(doc, trigger, max(sentence.start, trigger.start - 12))
    # A definite reference ("the abduction", "Monday's attack") presupposes its event: a denial or a
    # claim governing the phrase ("no group had claimed the abduction", "denied carrying out the
    # attack") is about someone's part in it, not about whether it happened; only the phrase's own
    # words count there ("the failed coup"). Hopes and plans still govern it ("hope for the signing").
    definite = _definite_start(doc, trigger)
    if definite is not None and definite > sentence.start and doc[definite - 1].lower_ == "that":
        # "denied that its jets had bombed", "denied that the attack took place": a clause denied whole (whether
        # the mention refers back, ``points_back``, is another question: there it still does)
        definite = None
    own = set(clause) if definite is None else set(_clause_before(doc, trigger, definite + 1))
    if trigger[0].lower_ == "guilty" and trigger.start > sentence.start and doc[trigger.start - 1].lower_ == "not":
        own.discard("not")  # "pleaded not guilty", "found not guilty": a plea or a verdict, heard in court
    words = set(clause)
    sentence_words = {t.lower_ for t in sentence}
    if (own & DENY_WORDS and not grant_refused(doc, trigger)) or report_rejected(clause) or in_a_denied_clause(doc, trigger):
        return "denied"
    negations = own & NEGATION_WORDS
    if negations == {"without"} and "without" not in clause[:WITHOUT_REACH]:
        negations = set()  # "any aircraft that enters without prior approval will be shot down": its own object
    if negations or _negated_after(doc, trigger):
        return "denied"
    if _plan_accused(clause):
        return "planned"  # "accused Washington of preparing an attack": what is claimed is a plan
    if own & CLAIM_WORDS or (definite is None and sentence_words & {"accusations", "accusation"}
                             and trigger.start - sentence.start > 3):
        return "claimed"
    if (sentence.start < trigger.start and doc[sentence.start].lower_ in {"if", "unless"}) or words & {"if", "unless"}:
        return "hypothetical"
    if "any" in clause[:3] or (clause[:1] in (["that"], ["who"], ["which"]) and "any" in clause[:ANYONE_REACH]):
        # "retaliation for any attack", "against any new strikes", "any foreign troops sent", "any Turkish
        # aircraft that enters Syrian airspace": a condition, not a report
        return "hypothetical"
    if ANYONE_WORDS.intersection(clause[:ANYONE_REACH]):
        return "hypothetical"  # "anyone who burned buildings or attacked security forces would be prosecuted"
    if _possibility_of(clause):
        return "hypothetical"  # "tankers at risk of interception", "fears of a new offensive"
    if _answered(doc, trigger, clause):
        return "happened"  # "vowed revenge for the killing of its commander": what the threat answers
    if (words & PROPOSAL_WORDS or words & HOPE_WORDS or _called_for(clause) or _ruled_out(clause)
            or _under_discussion(doc, trigger)):
        return "planned"
    inner = {t.lower_ for t in trigger[1:-1]}  # a trigger that spans its own plan: "drones are designed to strike"
    if inner & (HOPE_WORDS | PROPOSAL_WORDS | FIRM_PLAN_WORDS) and trigger[0].lower_ not in UNDERTAKING_WORDS:
        # ("agreed to halt such attacks" is the agreement itself, made)
        return "planned"
    near = [t.lower_ for t in doc[max(sentence.start, trigger.start - 4) : trigger.start + 1]]
    ahead = {word for k, (word, following) in enumerate(zip(near, near[1:]))
             if not (word == "soon" and (following in {"after", "before", "afterwards", "thereafter"}
                                         or _past_form(following)))
             and not (word == "set" and SET_DONE.intersection(near[k + 1:]))}
    if ahead & PLAN_WORDS:
        # not "since soon after his arrest", "police soon arrested him", "set off a bomb", "set tyres ablaze"
        return "planned"
    if _the_next_one(doc, trigger):
        return "planned"  # "the next round of talks", "at next month's meeting"
    if any(word in {"eve", "ahead"} and following == "of" for word, following in zip(near, near[1:])):
        # "on the eve of a visit by Arafat", "ahead of a march": still to come ("a Christmas Eve attack" happened)
        return "planned"
    if _be_to_future(doc, trigger) or _decided_upon(doc, trigger):
        return "planned"
    if _modal_before(doc, trigger):
        return "hypothetical"  # "they may be arrested and detained", "the person is usually deported"
    if _told_to_stop(doc, trigger):
        return "planned"  # "must stop detaining migrants": its end is demanded, nothing is reported
    if "soon" in [t.lower_ for t in doc[trigger.end : min(sentence.end, trigger.end + 2)]]:
        return "planned"
    if _coordinated_with_plan(doc, trigger) or _undertaken_to_do(doc, trigger) or _purpose_of_plan(doc, trigger):
        return "planned"
    if _awaited(doc, trigger):
        return "planned"  # "only after a ceasefire is agreed", "until a permanent truce is reached": still to come
    start = _past_place(doc, trigger.end)
    after = [t.lower_ for t in doc[start : min(sentence.end, start + 2)]]
    # "sanctions could follow if ...", "talks would resume next week"; "attacks could have been stopped" happened
    if after and after[0] in MODALS_AFTER and (len(after) < 2 or after[1] not in {"have", "'ve", "not", "never"}):
        return MODALS_AFTER[after[0]]
    if (len(after) == 2 and after[0] in {"is", "are"} and after[1] in SCHEDULED_WORDS and start + 2 < sentence.end
            and doc[start + 2].lower_ in {"to", "for"}):
        return "planned"  # "talks are set to resume", "the hearing is due for Monday"
    if len(after) == 2 and after[0] in SCHEDULED_WORDS - {"expected"} and after[1] in {"for", "on"}:
        return "planned"  # "a march planned for Sunday", "the vote scheduled for Monday"
    return "happened"


# A trial, a charge or a sentence "of", "for", "over" or "with" violence is about violence of the past.
JUDGED_WORDS = frozenset({"trial", "trials", "tried", "retrial", "charged", "charges", "convicted", "conviction",
                          "convictions", "sentenced", "sentence", "jailed", "imprisoned", "indicted", "indictment",
                          "prosecuted", "prosecution", "acquitted", "acquittal", "guilty", "verdict", "extradited"})
JUDGED_LINKS = frozenset({"of", "for", "over", "with", "in"})
JUDGED_REACH = 16  # words from the legal word to the violence it judges ("convicted of taking part in the 2015 attack")


def judged_status(doc: Doc, trigger: Span, status: str) -> str:
    """``status``, or "background" for reported violence a court judges (:func:`judged_violence`): the one
    place extraction and the typing benchmarks decide it."""
    if status in {"happened", "claimed"} and load_taxonomy().is_violent(trigger.label_) and judged_violence(doc, trigger):
        return "background"
    return status


def judged_violence(doc: Doc, trigger: Span) -> bool:
    """"The trial of soldiers accused of the Karma massacre", "was convicted for the bombing of the embassy",
    "charged over the killing of two officers": a court judges violence done before; the story is the court's,
    not a new attack. The legal word must lead to the trigger through "of", "for", "over", "with" or "in", in
    the trigger's clause."""
    sentence = trigger.sent
    linked = False
    for token in reversed(doc[max(sentence.start, trigger.start - JUDGED_REACH) : trigger.start]):
        word = token.lower_
        if word in {";", ":", "but", "while", "when", "after", "before"} or (
                word == "and" and doc[token.i - 1].text == ","):
            return False  # another clause ("charged two men, and gunmen attacked"); "murder and kidnapping" is one
        if word in JUDGED_WORDS and linked:
            return True
        linked = linked or word in JUDGED_LINKS
    return False


# Talks "on", "about" or "for" something: what is discussed is not yet done ("talks on a ceasefire").
DISCUSSION_WORDS = frozenset({"talks", "negotiations", "discussions", "discussion", "consultations", "negotiate",
                              "negotiated", "negotiating", "discuss", "discussed", "discussing", "talk", "talked",
                              "dialogue", "dialogues", "conference", "forum", "summit", "debate", "meeting", "meetings"})
DISCUSSION_OPENERS = frozenset({"on", "about", "over", "for", "toward", "towards", "regarding", "concerning"})
DISCUSSION_REACH = 5  # words from the opener to the trigger ("talks on a possible maritime ceasefire")
DISCUSSION_TIMES = frozenset({*WEEKDAYS, "today", "tonight", "yesterday", "morning", "evening", "night", "afternoon",
                              "weekend"})


def _under_discussion(doc: Doc, trigger: Span) -> bool:
    """"Held talks on a ceasefire", "negotiations over a prisoner exchange": the trigger is the subject of
    talks, which says nothing of it having happened."""
    sentence = trigger.sent
    for k in range(trigger.start - 1, max(sentence.start, trigger.start - DISCUSSION_REACH) - 1, -1):
        word = doc[k].lower_
        if word in CLAUSE_BREAKS or word in DISCUSSION_TIMES or doc[k].like_num:
            return False  # "talks on Monday followed a ceasefire": the talks' time, then another clause
        if word in DISCUSSION_OPENERS:
            return k > sentence.start and doc[k - 1].lower_ in DISCUSSION_WORDS
        if word in DISCUSSING_VERBS and not load_taxonomy().is_violent(trigger.label_):
            return True  # "envoys discussed the ceasefire in Doha": its object, not a ceasefire declared
    return False


# "the decision to send troops", "the decision of sending troops", "a move to deploy": decided, still to come.
DECISION_NOUNS = frozenset({"decision", "decisions", "order", "orders", "move", "intention", "readiness", "call",
                            "calls", "bid"})


def _decided_upon(doc: Doc, trigger: Span) -> bool:
    """A decision noun and "to" or "of" right before the trigger: what was decided, ordered or called for, not
    what was done."""
    k = trigger.start
    return (k >= 2 and doc[k - 1].lower_ in {"to", "of"} and doc[k - 2].lower_ in DECISION_NOUNS
            and k - 2 >= trigger.sent.start)


def _be_to_future(doc: Doc, trigger: Span) -> bool:
    """"Cambodia is to host weeklong meetings", "the envoys were to meet in Doha": a be-to future governs the
    trigger, in its own clause; "Russia is to blame for the attack" says who did what happened."""
    k = trigger.end - 2  # the trigger may span it: "envoys were to meet"
    while k > trigger.sent.start and k >= trigger.start - BE_TO_REACH and doc[k].lower_ not in COORDINATION_STOPS:
        if doc[k].lower_ == "to" and doc[k - 1].lower_ in {"is", "are", "was", "were"}:
            return doc[k + 1].lower_ != "blame"
        k -= 1
    return False


ANYONE_WORDS = frozenset({"anyone", "anybody", "whoever", "whomever"})
ANYONE_REACH = 6  # words back from the trigger to "anyone" ("anyone who burned buildings or attacked")
AWAITING_WORDS = frozenset({"after", "once", "until", "till", "before"})
AWAITED_REACH = 4  # words from the awaiting word to the trigger ("until a permanent ceasefire")


NEXT_TIMES = frozenset({"week", "month", "year", "weekend", "monday", "tuesday", "wednesday", "thursday", "friday",
                        "saturday", "sunday", "spring", "summer", "autumn", "winter"})
NEXT_PARTS = frozenset({"round", "rounds", "session", "sessions", "phase", "stage"})


def _the_next_one(doc: Doc, trigger: Span) -> bool:
    """"the next meeting", "next week's summit", "the next round of talks": the one still to come ("the next
    day, troops shelled" tells a story: "next" does not stand right before the trigger there)."""
    k = trigger.start - 1
    if k > trigger.sent.start and doc[k].lower_ in {"'s", "’s"} and doc[k - 1].lower_ in NEXT_TIMES:
        k -= 2  # "next month's meeting"
    elif k - 1 > trigger.sent.start and doc[k].lower_ == "of" and doc[k - 1].lower_ in NEXT_PARTS:
        k -= 2  # "the next round of talks"
    return k >= trigger.sent.start and doc[k].lower_ == "next"


def _awaited(doc: Doc, trigger: Span) -> bool:
    """A condition in the present after "after", "once", "until" or "before": "troops would go only after a
    ceasefire is agreed", "halted trade until a truce is reached" wait for the event; "after the truce, ..." and
    "after the talks were held" do not."""
    sentence = trigger.sent
    k, first = trigger.start - 1, max(sentence.start, trigger.start - AWAITED_REACH)
    while k >= first and doc[k].is_alpha and doc[k].lower_ not in AWAITING_WORDS:
        k -= 1
    if k < sentence.start or doc[k].lower_ not in AWAITING_WORDS:
        return False
    after = [t.lower_ for t in doc[trigger.start + 1 : min(sentence.end, trigger.end + 2)]]  # it may span them
    return any(word in {"is", "are"} or (word in {"has", "have"} and following == "been")
               for word, following in zip(after, after[1:] + [""]))


def _modal_before(doc: Doc, trigger: Span) -> bool:
    """A modal of possibility ("may be arrested", "could face trial") or a word of habit ("is usually
    deported", "are often detained") right before the trigger: what can or tends to happen, not a report."""
    k = trigger.start - 1
    if k - 1 > trigger.sent.start and doc[k].lower_ in {"and", "or"}:
        k -= 2  # "may be arrested and detained": the verb it is joined to has the modal
    while k > trigger.sent.start and doc[k].lower_ in MODAL_FILLERS:
        k -= 1
    return k >= trigger.sent.start and doc[k].lower_ in POSSIBILITY_WORDS


def _told_to_stop(doc: Doc, trigger: Span) -> bool:
    """The bare verb "stop" (or "cease", "quit", "end") right before a trigger in -ing: a demand or a plan that
    something end ("must stop detaining", "to stop shelling", "Stop arresting!"), which reports nothing
    happening; "stopped shelling" and "stops arresting" tell what happened until then, and stay."""
    k = trigger.start - 1
    if k >= trigger.sent.start and doc[k].lower_ in STOP_VERBS and doc[trigger.start].lower_.endswith("ing"):
        return True
    # "committing to end cattle raids", "a plan to halt the attacks": what is to be ended is no event told
    for _ in range(STOP_OBJECT_WORDS + 1):
        if k <= trigger.sent.start or not doc[k].is_alpha:
            return False
        if doc[k].lower_ in ENDING_VERBS:
            return doc[k - 1].lower_ == "to"
        k -= 1
    return False


STOP_OBJECT_WORDS = 2  # words between "to end" and the trigger it governs ("to end the cattle raids")


STOP_VERBS = frozenset({"stop", "cease", "quit", "end"})
ENDING_VERBS = STOP_VERBS | {"halt", "prevent", "curb"}  # "to end", "to halt" a thing: what is to be ended
POSSIBILITY_WORDS = frozenset({"may", "might", "could", "can", "usually", "often", "typically", "generally",
                               "normally"})


MODAL_FILLERS = frozenset({"be", "been", "have", "get", "also", "then", "even", "still", "easily", "eventually",
                           "later", "soon", "is", "are", "were", "was"})


BE_TO_REACH = 6  # words from "is to" to the trigger it governs ("is to host weeklong international meetings")
# Where the verb a coordinated trigger shares its plan with stops: another clause, or who said it.
COORDINATION_STOPS = frozenset({";", "but", "while", "after", "before", "who", "which", "when", "because", "said", "says",
                                "told", "and", "."})


def _coordinated_with_plan(doc: Doc, trigger: Span) -> bool:
    """"He would fly to the United States and meet with experts", "is scheduled to arrive at 3 p.m., then take
    part in the town hall meeting": a trigger joined by "and"/"then" to a verb a plan word governs is planned too."""
    sentence = trigger.sent
    connective = trigger.start - 1
    if connective <= sentence.start or doc[connective].lower_ not in {"and", "then"}:
        return False
    return _plan_word_before(doc, connective, sentence.start, COORDINATION_REACH, COORDINATION_STOPS)


COORDINATION_REACH = 13  # words back from the "and" to the plan word ("would fly to the United States and meet")


def _plan_word_before(doc: Doc, connective: int, sentence_start: int, reach: int, stops: frozenset[str]) -> bool:
    """A firm plan word within ``reach`` words before the connective at ``connective`` ("and", "then", a
    purpose "to"), with none of ``stops`` between: the plan governs what the connective joins."""
    for k in range(connective - 1, max(sentence_start, connective - reach) - 1, -1):
        word = doc[k].lower_
        if word in FIRM_PLAN_WORDS:
            return True
        if word in stops:
            return False
    return False


# "agreed to undertake joint exercises", "vowed to retake the town": what someone undertook to do is to come.
UNDERTAKING_WORDS = frozenset({"agree", "agreed", "agrees", "agreeing", "vow", "vowed", "vows", "pledge", "pledged",
                               "pledges", "promise", "promised", "promises", "decide", "decided", "decides"})
# An attempt at anything but violence did not bring it about ("while trying to cross into Turkey"); an attempt
# at violence is itself an attack ("attempted to assassinate the governor"), as ACLED codes it.
ATTEMPT_WORDS = frozenset({"try", "tries", "tried", "trying", "attempt", "attempts", "attempted", "attempting"})
UNDERTAKING_OR_ATTEMPT = UNDERTAKING_WORDS | ATTEMPT_WORDS
UNDERTAKING_REACH = 8  # words from the undertaking verb to the trigger ("agreed to undertake joint military exercises")
# After "to", these open a noun phrase, not a verb: "agreed to a ceasefire" reports the agreement.
NOUN_OPENERS = frozenset({"a", "an", "the", "this", "that", "its", "their", "his", "her", "our", "any", "all", "some"})
PURPOSE_REACH = 14  # words from the plan word to a purpose "to" ("will visit Mauritania and Senegal to mediate")
PURPOSE_STOPS = frozenset({";", ".", "but", "said", "says", "told", "who", "which", "because", "after", "before"})


def _undertaken_to_do(doc: Doc, trigger: Span) -> bool:
    """"have agreed to undertake joint military exercises", "vowed to retake the town": an undertaking verb,
    "to" and a verb, then the trigger, in one clause. "agreed to a ceasefire" reports the agreement itself."""
    sentence = trigger.sent
    undertaking = UNDERTAKING_WORDS if load_taxonomy().is_violent(trigger.label_) else UNDERTAKING_OR_ATTEMPT
    for k in range(trigger.start - 1, max(sentence.start, trigger.start - UNDERTAKING_REACH) - 1, -1):
        word = doc[k].lower_
        if word in CLAUSE_BREAKS - {"and"}:
            return False
        if (word == "to" and k > sentence.start and doc[k - 1].lower_ in undertaking and k + 1 < len(doc)
                and doc[k + 1].is_alpha and doc[k + 1].text.islower() and doc[k + 1].lower_ not in NOUN_OPENERS):
            return True
    return False


def _purpose_of_plan(doc: Doc, trigger: Span) -> bool:
    """"will visit Mauritania and Senegal to mediate": the purpose ("to" right before the trigger) of a planned
    act is itself to come; "went to Geneva to mediate" says nothing of the kind."""
    sentence = trigger.sent
    connective = trigger.start - 1
    if connective <= sentence.start or doc[connective].lower_ != "to":
        return False
    return _plan_word_before(doc, connective, sentence.start, PURPOSE_REACH, PURPOSE_STOPS)


def _past_place(doc: Doc, i: int) -> int:
    """The index after a place phrase that opens at ``i`` ("in Geneva", "at the UN"), else ``i``: what follows
    it still speaks of the trigger ("Talks in Geneva will resume")."""
    if i >= len(doc) or doc[i].lower_ not in {"in", "at"}:
        return i
    j = i + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    start = j
    while j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha:
        j += 1
    return j if j > start else i


# Past forms without "-ed" that follow "soon" in news ("soon fled", "soon took control").
IRREGULAR_PASTS = frozenset({"began", "came", "fled", "fought", "found", "took", "went", "shot", "struck", "threw",
                             "broke", "caught", "drove", "led", "left", "met", "spoke"})


def _past_form(word: str) -> bool:
    """Whether a lower-cased word is a verb's past form ("arrested", "fled"): after "soon" it reports."""
    return word.endswith("ed") or word in IRREGULAR_PASTS


# A noun of risk or chance with "of" before the trigger names a thing that may happen, not one that did:
# "at risk of interception", "the danger of renewed shelling", "fears of an offensive", "talk of sanctions".
POSSIBILITY_NOUNS = frozenset({"risk", "risks", "danger", "dangers", "fear", "fears", "possibility", "possibilities",
                               "likelihood", "chance", "chances", "spectre", "specter", "talk", "speculation",
                               "rumours", "rumors"})


def _possibility_of(clause: list[str]) -> bool:
    """Whether the clause before the trigger (reversed, as :func:`_clause_before` gives it) holds "<possibility
    noun> of": the noun governs what follows "of" up to the trigger ("at risk of being intercepted")."""
    for word, following in zip(clause, clause[1:]):
        if word in CLAUSE_BREAKS:
            return False  # "the risk grew after rockets hit Sderot": the noun is another clause's
        if word == "of" and following in POSSIBILITY_NOUNS:
            return True
    return False


def _clause_before(doc: Doc, trigger: Span, start: int) -> list[str]:
    """The lower-cased words from ``start`` up to the trigger, back to the nearest clause break (reversed)."""
    clause: list[str] = []
    for token in reversed(doc[start : trigger.start]):
        word = token.lower_
        if word in CLAUSE_BREAKS and clause:
            break
        if _answers_to(doc, token.i) and clause:
            break  # "threatened to shell Iraqi towns in retaliation for an air raid": the raid happened
        if (word in SETTLED_PLANS and token.i >= 2 and doc[token.i - 1].text == "-"
                and doc[token.i - 2].lower_ in {"long", "oft"}):
            word = f"{doc[token.i - 2].lower_}-{word}"  # "its long-threatened invasion": now under way, not a threat
        if word in {"no", "not"} and _counts(doc, token.i):
            word = f"{word}-count"  # "no fewer than 177 people were killed": a number, not a denial
        if word in DESCRIBING_LINKS and _describes_its_noun(doc, token.i, trigger):
            word = f"{word}-{DESCRIBING_LINKS[word]}"
            # "Demonstrators opposed to tax increases hurled rocks", "a cruise missile aimed at western Ukraine
            # crossed into Polish airspace": what someone or something is, not a plan
        clause.append(word)
    return clause


OPPOSING_VERB_WORDS = BE_FORMS | {"be", "not", "also", "still", "long", "always"}  # "is (strongly) opposed to"
# Plan words that, as a participle right after a noun, say what the noun is: "opposed to", "aimed at".
DESCRIBING_LINKS = {"opposed": "to", "aimed": "at"}
DESCRIBED_OBJECT_REACH = 3  # "a drone aimed at Odesa crossed": the object takes a word at least
# Words right before a trigger that make it the participle's object ("talks aimed at securing a ceasefire").
OBJECT_OPENERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "any", "new", "further", "more", "of", "to",
                            "at", "for"})


def _describes_its_noun(doc: Doc, i: int, trigger: Span) -> bool:
    """"Demonstrators opposed to tax increases hurled rocks": "opposed to" right after a noun, with the trigger
    beyond its object, says who someone is; "Israel is opposed to French mediation in peace negotiations",
    "strongly opposed to the deployment", "talks aimed at securing a ceasefire" oppose or seek what follows."""
    before = doc[i - 1].lower_ if i > trigger.sent.start else ""
    just_before = doc[trigger.start - 1].lower_
    return (i + 1 < len(doc) and doc[i + 1].lower_ == DESCRIBING_LINKS[doc[i].lower_]
            and trigger.start - i >= DESCRIBED_OBJECT_REACH
            and before.isalpha() and before not in OPPOSING_VERB_WORDS and not before.endswith("ly")
            and just_before not in OBJECT_OPENERS and not just_before.endswith("ing"))


# "in retaliation for", "in response to", "revenge for": what follows is what was answered, so it happened,
# whatever the answer is (threatened, planned, demanded). "Retaliation for any attack" is a condition.
ANSWERED_BY = {"for": frozenset({"retaliation", "revenge", "reprisal", "reprisals", "punishment", "payback", "retaliate",
                                 "retaliated", "retaliates", "retaliating"}),
               "to": frozenset({"response", "reaction", "respond", "responded", "responds", "responding"})}


def _answers_to(doc: Doc, i: int) -> bool:
    """Whether the word at ``i`` opens what an answer answers ("retaliation for", "in response to")."""
    nouns = ANSWERED_BY.get(doc[i].lower_)
    return bool(nouns) and i > 0 and doc[i - 1].lower_ in nouns


def _answered(doc: Doc, trigger: Span, clause_reversed: list[str]) -> bool:
    """Whether the trigger's clause (as :func:`_clause_before` cut it) opens right after an answer's "for"/"to"."""
    opener = trigger.start - len(clause_reversed) - 1
    return opener > trigger.sent.start and _answers_to(doc, opener)


# "no fewer than", "not more than", "no less than": the negation bounds a number; "not only", "no sooner".
COMPARATIVES = frozenset({"fewer", "less", "more", "later", "sooner", "only"})


def _counts(doc: Doc, i: int) -> bool:
    """Whether the "no" or "not" at ``i`` opens a bound or an addition ("no fewer than 40", "not only"), which
    says how much or how many happened, never that nothing did."""
    if i + 1 >= len(doc) or doc[i + 1].lower_ not in COMPARATIVES:
        return False
    return doc[i + 1].lower_ == "only" or i + 2 < len(doc) and doc[i + 2].lower_ == "than"


# "its long-threatened invasion", "the long-awaited talks began": a plan word that only says how long it took.
SETTLED_PLANS = frozenset({"threatened", "awaited", "planned", "promised", "expected", "anticipated", "delayed"})


def _negated_after(doc: Doc, trigger: Span) -> bool:
    """"Arrest warrants ... were not carried out": a negation right after the trigger, in its clause."""
    for token in doc[trigger.end : min(trigger.sent.end, trigger.end + 8)]:
        if token.lower_ in CLAUSE_BREAKS or token.lower_ in BARRIER_WORDS:
            return False
        if token.lower_ in NEGATION_AFTER:
            return True
    return False


def _called_for(clause_reversed: list[str]) -> bool:
    """"called for a ceasefire", "calls for talks": the clause words run backwards from the trigger."""
    words = list(reversed(clause_reversed))
    return any(a in {"call", "calls", "called", "calling"} and b == "for" for a, b in zip(words, words[1:]))


def _ruled_out(clause_reversed: list[str]) -> bool:
    """"ruled out negotiations", "rules out an offensive": what is ruled out has not happened (as a rejected
    proposal, it stays planned)."""
    words = list(reversed(clause_reversed))
    return any(a in {"rule", "rules", "ruled", "ruling"} and b == "out" for a, b in zip(words, words[1:]))


def points_back(doc: Doc, trigger: Span) -> bool:
    """"the attack", "the brazen attack", "Monday's hijacking", "this operation": a definite reference."""
    return _definite_start(doc, trigger) is not None


PLOT_WORDS = frozenset({"plotting", "plotted", "preparing", "planning", "conspiring", "threatening"})


def _plan_accused(clause: list[str]) -> bool:
    """A plot word nearer the trigger than the accusation ("accused of plotting attacks"): a plan claimed."""
    plot = next((i for i, word in enumerate(clause) if word in PLOT_WORDS), None)
    claim = next((i for i, word in enumerate(clause) if word in CLAIM_WORDS), None)
    return plot is not None and claim is not None and plot < claim


def _definite_start(doc: Doc, trigger: Span) -> int | None:
    """The index of the determiner ("the", "this", "'s") opening a definite reference to ``trigger``, if any."""
    for token in reversed(doc[max(trigger.sent.start, trigger.start - 3) : trigger.start]):
        if token.lower_ in DEFINITE_WORDS or token.lower_ in {"'s", "’s"}:
            return token.i
        # Only adjectives may stand between ("the brazen attack"); without a tagger, their usual endings.
        adjective = token.pos_ == "ADJ" if token.pos_ else token.lower_.endswith(ADJECTIVE_ENDINGS)
        if not (token.is_alpha and adjective):
            return None
    return None
