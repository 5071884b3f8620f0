"""Denials: what someone denies or rejects a report of. A trigger a denial governs is denied (``status.status_of``),
and a denied happening someone disputes is still the happening others report (``frames``, ``tolls``)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from geomap.records import Event


DENY_WORDS = frozenset({"deny", "denied", "denies", "dismissed", "refuted"})
REJECT_WORDS = frozenset({"reject", "rejected", "rejects", "rejecting", "dismiss", "dismisses", "dismissing"})
DISPUTED_WORDS = DENY_WORDS | REJECT_WORDS  # who denies or rejects a report disputes its happening (``disputed``)
REPORT_WORDS = frozenset({"report", "reports", "claim", "claims", "accusation", "accusations", "allegation",
                          "allegations", "suggestion", "suggestions", "assertion", "assertions", "account", "accounts"})


def report_rejected(clause: list[str]) -> bool:
    """"rejected reports that its jets had bombed", "rejects accusations that it shelled": a denial (while
    "rejected the proposal to meet" turns down a plan). ``clause`` is reversed, nearest word first."""
    return any(word in REJECT_WORDS and clause[i - 1] in REPORT_WORDS for i, word in enumerate(clause) if i > 0)


# What a court or a state grants or refuses: "denied bail", "was denied entry" is a ruling made, not an event denied.
GRANTS = frozenset({"bail", "parole", "entry", "access", "asylum", "visa", "visas", "clemency", "pardon", "appeal",
                    "permission", "request", "release"})


def grant_refused(doc: Doc, trigger: Span) -> bool:
    """The trigger names what was refused right after a deny word ("denied bail to", "denied him bail")."""
    if trigger[0].lower_ not in GRANTS:
        return False
    before = [t.lower_ for t in doc[max(trigger.sent.start, trigger.start - 3) : trigger.start]]
    return bool(DENY_WORDS.intersection(before))


DENIED_CLAUSE_REACH = 30  # tokens back from the trigger to the "that" of a denial
DENIAL_ENDS = frozenset({";", "but", "while", "although", "though", "whereas"})
# After a comma, a participle of the denier's own speech ends what was denied ("..., calling the reports lies"), and
# so does ", and" before the denier's next verb ("..., and suggested the blast may have been staged").
DENIER_PARTICIPLES = frozenset({"calling", "saying", "describing", "dismissing", "adding", "insisting", "accusing",
                                "claiming", "blaming", "arguing", "noting", "terming", "branding", "labelling",
                                "labeling", "stressing", "citing"})
DENIER_VERBS = frozenset({"said", "says", "suggested", "suggests", "called", "calls", "added", "accused", "accuses",
                          "blamed", "blames", "vowed", "insisted", "urged", "warned", "demanded", "described",
                          "argued"})


def in_a_denied_clause(doc: Doc, trigger: Span) -> bool:
    """The trigger lies in the clause a denial opens with "that", however long ("denied that its fighters had
    kidnapped dozens of women and girls during a raid on villages", "rejected reports that ..."), up to where the
    denier speaks again (", calling the reports propaganda", ", and suggested ...") or another clause begins."""
    sentence = trigger.sent
    for k in range(trigger.start - 1, max(sentence.start, trigger.start - DENIED_CLAUSE_REACH) - 1, -1):
        word = doc[k].lower_
        if word in DENIAL_ENDS:
            return False
        if word == "," and k + 1 < trigger.start and (doc[k + 1].lower_ in DENIER_PARTICIPLES or (
                doc[k + 1].lower_ == "and" and k + 2 < trigger.start and doc[k + 2].lower_ in DENIER_VERBS)):
            return False
        if word == "that":
            before = [t.lower_ for t in doc[max(sentence.start, k - 4) : k]]
            return bool(DENY_WORDS.intersection(before)) or report_rejected(before[::-1])
    return False


def disputed(event: Event) -> bool:
    """A denied event whose sentence has someone deny or reject it ("rejected reports that its jets had bombed"):
    what others then report of it (its dead, "the raid") is the same happening, contested, not another. A failed
    attack or "no one was killed" is denied too, but no one disputes it."""
    return event.status == "denied" and not DISPUTED_WORDS.isdisjoint(event.evidence.lower().split())
