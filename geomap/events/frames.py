"""An article's happenings: event mentions that report the same happening grouped into one frame
(same type family, compatible place and time, definite references back), the frame's event, and the
visit or the latest date that makes a mention part of another or background."""

from __future__ import annotations

from dataclasses import replace
from geomap.events.conflict_words import ARMS_TYPES
from geomap.events.dates import (EventDate, is_background)
from geomap.events.denials import disputed
from geomap.events.taxonomy import load_taxonomy
from geomap.records import Event, Place, PlaceKind
from geomap.framing import framed_in, took_frame_point


GENERIC_VIOLENCE = frozenset({"attack", "explosion"})
# A demonstration any report of which turns violent is one violent demonstration: ACLED codes a happening by its
# most severe part, so "protesters marched ... and threw stones at police" is a riot, not a protest and a riot.
DEMONSTRATION = frozenset({"protest", "riot"})
# The mentions that say less than another of their family: a frame, and a merged event, take the other's type.
GENERIC_TYPES = GENERIC_VIOLENCE | {"protest", "arms_shipment"}
# A change of control, whoever made it: "rebels captured Kidal ... the capture of the town" and "the army withdrew
# ... rebels took the town" report one change, typed by the mention that says who made it.
TERRITORY = frozenset({"territory_change", "territory_overtaken", "territory_handover"})
# Of one change's mentions, the one that says who took the ground types it: an armed group's taking, then any
# other taking (the state's, or a taker unsaid), then a withdrawal ("as regime forces seized control of the
# district while rebels made a tactical withdrawal" is the government regaining territory).
TYPE_RANK = {"territory_change": 1, "territory_handover": 2}


SPECIFIC_VIOLENCE = frozenset({"drone_strike", "missile_strike", "air_strike", "shelling"})
# Diplomacy a visit is the scene of: "during a two-day visit to X ... the prime ministers signed eight pacts".
AT_A_VISIT = frozenset({"talks", "agreement"})


def at_the_visit(events: list[Event]) -> list[Event]:
    """Talks and agreements the text does not place, told in the few sentences after the article's one visit
    or meeting, happen where it does, on its day: an event coder places the pacts signed during a state visit
    at the visit. Not when the article has meetings in two places (which one is not said), not before the
    visit is told, and never across a status or a date."""
    visits = [e for e in events if e.event_type == "meeting" and e.toponym is not None and e.status == "happened"]
    if len({e.place.id if e.place else e.toponym.mention.surface for e in visits}) != 1:  # type: ignore[union-attr]
        return events
    visit = visits[0]

    def during(event: Event) -> bool:
        after = event.evidence_span[0] - visit.evidence_span[0]
        if not 0 < after <= VISIT_REACH:
            return False
        if event.date is None or visit.date is None:
            return event.date == visit.date
        return abs((event.date - visit.date).days) <= VISIT_DAYS  # "arrived on Wednesday for a two-day visit"

    return [replace(e, toponym=visit.toponym) if (e.toponym is None and e.event_type in AT_A_VISIT
                                                  and e.status == "happened" and during(e)) else e
            for e in events]


VISIT_REACH = 600  # characters from the visit's sentence to the talks it frames (the next few sentences)
VISIT_DAYS = 2  # a visit lasts a few days: talks dated by the report's day still fall in it


def background_by_latest_date(events: list[Event]) -> list[Event]:
    """An undated article is at least as recent as the latest date it states: its events dated more than
    ``BACKGROUND_DAYS`` before that are background ("assassinated the archduke in June 1914" in a story
    of the centenary), as they would be against a publication date."""
    latest = max((e.date for e in events if e.date is not None), default=None)
    return [replace(e, status="background") if e.date is not None and e.status != "background"
            and is_background(EventDate(e.date, e.date_precision), latest) else e for e in events]


def refine_previous(previous: list[Event], current: list[Event], events: list[Event]) -> list[Event]:
    """A weapon named in the next sentence without a place sharpens the previous generic event."""
    specific = [e for e in current if e.toponym is None and e.event_type in SPECIFIC_VIOLENCE]
    generic = [e for e in previous if e.event_type in GENERIC_VIOLENCE]
    if not specific or not generic:
        return current
    sharper = specific[0]
    for event in generic:
        index = events.index(event)
        events[index] = replace(
            event,
            event_type=sharper.event_type,
            trigger=f"{event.trigger} … {sharper.trigger}",
            quantities=event.quantities + sharper.quantities,
            evidence=f"{event.evidence} {sharper.evidence}",
        )
    return [e for e in current if e is not sharper]


BROAD_KINDS = frozenset({PlaceKind.CONTINENT, PlaceKind.REGION})
# Happenings that spread over a region while one place of it gets its own report ("protests across the West
# Bank ... a clash outside Ramallah"): the broad one is not a vaguer copy.
UNEVEN_SCENES = frozenset({"violence", "demonstration"})


def drop_broad_duplicates(events: list[Event]) -> list[Event]:
    """One sentence's events: a visit, talks or an agreement at a continent or a broad region whose box holds
    the place of another event of its type and status is that event said less precisely ("visited Europe and
    met officials in Germany and Italy" is meetings in Germany and Italy, not also one in Europe). Violence
    and protest are left alone: "shot a motorist in the West Bank, and soldiers killed two men in Jenin" is
    two happenings."""
    def inside(broad: Place, other: Place) -> bool:
        if broad.extent is None or other.id == broad.id or other.kind in BROAD_KINDS:
            return False
        west, south, east, north = broad.extent
        return south <= other.lat <= north and (west <= other.lon <= east if west <= east else
                                                other.lon >= west or other.lon <= east)

    return [e for e in events if not (
        e.place is not None and e.place.kind in BROAD_KINDS and family_key(e.event_type) not in UNEVEN_SCENES and any(
            o is not e and o.place is not None and o.status == e.status
            and family_key(o.event_type) == family_key(e.event_type) and inside(e.place, o.place) for o in events))]


def family_key(event_type: str) -> str:
    """What can report one happening: violent types join each other ("the attack" ... "the drone
    strike"), a protest and a riot each other (:data:`DEMONSTRATION`), a shipment and a seizure of arms each
    other (``ARMS_TYPES``: "300 rifles smuggled from Albania were seized at Durres" is one seizure), every
    other type only itself.
    Frames here and cross-article merging share it."""
    if load_taxonomy().is_violent(event_type):
        return "violence"
    if event_type in DEMONSTRATION:
        return "demonstration"
    return "arms" if event_type in ARMS_TYPES else event_type


# What a blast can be part of: a strike, a shelling, a bomb, a fight, debris of an interception. Gunmen who
# "kidnapped 16 advisers ... and exploded a series of bombs" did two things.
BLAST_KINDS = SPECIFIC_VIOLENCE | {"attack", "explosion", "interception", "armed_clash", "ceasefire_violation"}


def one_happening(a: str, b: str) -> bool:
    """Whether mentions of types ``a`` and ``b`` can report one happening: the same type, or one family
    (:func:`family_key`) where one of them is generic ("the attack" ... "the drone strike", "marched" ...
    "threw stones") and an explosion only of the kinds that explode. Frames and cross-article merging share it."""
    if a == b or {a, b} <= TERRITORY:
        return True
    if family_key(a) != family_key(b):
        return False
    generic = {a, b} & GENERIC_TYPES
    if generic == {"explosion"}:
        return (a if b == "explosion" else b) in BLAST_KINDS
    return bool(generic)  # a drone strike and a shelling in one article are two happenings


def _frame_fits(frame: list[Event], event: Event) -> bool:
    """Whether ``event`` reports the happening of ``frame`` (see :func:`frames`)."""
    if frame[0].status != event.status:
        return False
    if not all(one_happening(kind, event.event_type) for kind in {e.event_type for e in frame}):
        return False  # each kind the frame holds, once: a long frame holds few
    dated = [e for e in frame if e.date is not None and dict(e.details).get("date_from") == "text"]
    if event.date is not None and dict(event.details).get("date_from") == "text" and dated:
        if abs((dated[0].date - event.date).days) > 1:  # type: ignore[operator]
            return False
    # "Last month, Trump said he would go along with the deal" is not the deal signed today: a mention whose
    # text gives its own time joins only a happening of that time, even one dated by the publication day
    # (a later mention with no time of its own, "the attack lasted hours", joins whatever the frame's).
    if event.date is not None and dict(event.details).get("date_from") == "text" and any(
            e.date is not None and not _same_time(event, e) for e in frame):
        return False
    places = [e.place for e in frame if e.place is not None]
    if event.place is None and places and not _names_the_happening(frame, event):
        return False
    if event.place is None or not places:
        return True
    return all(_same_or_in_country(event.place, place) for place in places)


def _names_the_happening(frame: list[Event], event: Event) -> bool:
    """Whether a place-less mention names the happening of a located frame rather than another of its family:
    "drones were intercepted" does not re-type a located attack it never names, while "later some protesters
    threw stones" is the located march turning violent and "while rebels made a tactical withdrawal" the
    located change of control."""
    types = {e.event_type for e in frame}
    return (event.event_type in GENERIC_TYPES | types or family_key(event.event_type) == "demonstration"
            or types | {event.event_type} <= TERRITORY)


def _same_time(stated: Event, other: Event) -> bool:
    """Whether ``other``'s date lies in the period ``stated``'s text date names (its month, its year, or
    within a day of its day)."""
    a, b = stated.date, other.date
    assert a is not None and b is not None
    if stated.date_precision == "year":
        return a.year == b.year
    if stated.date_precision == "month":
        return (a.year, a.month) == (b.year, b.month)
    return abs((a - b).days) <= (7 if stated.date_precision == "week" else 1)


def _same_or_in_country(a: Place, b: Place) -> bool:
    """The same place, or a place and its country. One article naming a town and its region, or two
    regions, reports two things ("drones over Sumy oblast" and "drone strikes on Krasnopillia")."""
    if a.id == b.id:
        return True
    return any(large.kind == PlaceKind.COUNTRY and small.kind != PlaceKind.COUNTRY and small.country_code == large.country_code
               for small, large in ((a, b), (b, a)))


# How specific a place is (lower is more specific); a frame, and a merged event, take the most specific.
PLACE_RANK = {PlaceKind.LANDMARK: 0, PlaceKind.PLACE: 1, PlaceKind.ADMIN2: 2, PlaceKind.ADMIN1: 3, PlaceKind.WATER: 3,
               PlaceKind.REGION: 4, PlaceKind.COUNTRY: 5, PlaceKind.CONTINENT: 6}


BROADER_THAN_A_TOWN = PLACE_RANK[PlaceKind.ADMIN2]  # a district or larger: a name inside it says more


REFERRING_STATUSES = frozenset({"happened", "claimed"})  # a reference to a happening its author denied may report it


def frames(events: list[Event], refers_back: dict[str, bool] | None = None) -> list[Event]:
    """One event per happening of the article: its mentions grouped into frames.

    Mentions join a frame when they report the same kind of happening (one violent family: "the
    attack" joins the drone strike) with the same status, on a compatible date, at the same or a
    nested place; a mention with no place of its own ("the brazen attack", "the hijacking") joins
    the first such frame. The frame's place is the most specific place the text attaches to any of
    its mentions (a later "near <town>" locates the earlier "attack on a train"); a frame the text
    never locates stays unlocated (a dateline is where the reporter filed from, and on the
    development stories it was a merely-mentioned place more often than the event's). The mention
    that places it gives its evidence, and ``mentions`` lists the other sentences. Frames never
    cross a status line: history the article recalls (background) stays its own event.
    """
    # Located mentions open frames first, so a place-less mention joins the located happening even
    # when it comes before the sentence that locates it. Frames are kept per (family, status): only
    # those can fit, which keeps an article with thousands of triggers linear in practice.
    groups: list[list[int]] = []
    open_frames: dict[tuple[str, str], list[int]] = {}
    for index in sorted(range(len(events)), key=lambda i: (events[i].place is None, i)):
        event = events[index]
        key = (family_key(event.event_type), event.status)
        candidates = open_frames.setdefault(key, [])
        fitting = [g for g in candidates if _frame_fits([events[i] for i in groups[g]], event)]
        if event.place is None and refers_back is not None and not refers_back.get(event.id, False):
            # An indefinite place-less mention ("an attack", "attacks on civilians") is a happening of its
            # own unless the article already has a place-less one of its kind (repeated mentions of one call),
            # or its own sentence locates the happening ("A suicide bomber detonated his belt ... in Ramadi").
            fitting = [g for g in fitting if all(events[i].place is None for i in groups[g])
                       or any(events[i].evidence_span == event.evidence_span for i in groups[g])]
        if not fitting and event.place is None and refers_back is not None and refers_back.get(event.id, False) and (
                event.status in REFERRING_STATUSES):
            # "... rejected reports that its jets had bombed a monastery. Fighters said 20 people died in the raid":
            # a definite reference presupposes a happening its author denied (not one that failed, nor "no one
            # was killed in the blast")
            fitting = [g for g in open_frames.get((key[0], "denied"), []) if disputed(events[groups[g][0]])
                       and _frame_fits([events[i] for i in groups[g]], replace(event, status="denied"))]
        if fitting:
            # A place-less mention joins the happening the article reports first; a located one its own place's.
            target = fitting[0] if event.place is not None else _joined_by(event, fitting, groups, events)
            groups[target].append(index)
        else:
            candidates.append(len(groups))
            groups.append([index])
    return [_frame_event([events[i] for i in sorted(group)]) for group in groups]


def _joined_by(event: Event, fitting: list[int], groups: list[list[int]], events: list[Event]) -> int:
    """The frame a place-less mention joins: the happening the article reports first, or, when its own sentence
    tells several ("a shopkeeper was shot in Kirkuk, and in Baghdad ... when a roadside bomb exploded"), the one
    told nearest to it."""
    def own(g: int) -> list[Event]:
        return [events[i] for i in groups[g] if events[i].evidence_span == event.evidence_span]

    told_here = [g for g in fitting if own(g)]
    if len(told_here) > 1:
        return min(told_here, key=lambda g: min(abs(_at(e) - _at(event)) for e in own(g)))
    return min(fitting, key=lambda g: min(groups[g]))


def _at(event: Event) -> int:
    """Where the event's trigger stands in its sentence (its first occurrence)."""
    return max(0, event.evidence.find(event.trigger))


# Words that make an explosion a planted device's (ACLED's "Remote explosive/landmine/IED"), not a blast of a fight.
PLANTED_DEVICE_WORDS = frozenset({"ied", "ieds", "roadside", "landmine", "landmines", "mine", "mines", "booby",
                                  "booby-trap", "booby-trapped", "buried", "improvised", "car", "truck", "parcel"})
PLANTED_REACH = 3  # words before the trigger that may name the device ("a roadside bomb", "a booby-trap bomb")


def _planted_device(event: Event) -> bool:
    """Whether an explosion's trigger, or the few words before it in its sentence, name a planted device."""
    if event.event_type != "explosion":
        return False
    at = event.evidence.find(event.trigger)
    before = event.evidence[:at].split()[-PLANTED_REACH:] if at >= 0 else []
    words = {w.strip(".,;:'\"()").lower() for w in (*before, *event.trigger.split())}
    return bool(words & PLANTED_DEVICE_WORDS)


def _frame_event(group: list[Event]) -> Event:
    located = [e for e in group if e.toponym is not None]
    # A place the gazetteer lacks ("the village of Shurifah") speaks only when no mention has a mapped place.
    # Of two mentions at one point, the name written inside the other ("the Tijara neighbourhood", which took
    # Damascus's point) says more than the frame's own name.
    best = min(located, key=lambda e: (PLACE_RANK.get(e.place.kind, 9) if e.place else len(PLACE_RANK) + 1,
                                       not took_frame_point(e.toponym),  # type: ignore[arg-type]
                                       -e.toponym.confidence)) if located else None  # type: ignore[union-attr]
    toponym = best.toponym if best else None
    if best is not None and best.place is not None and PLACE_RANK.get(best.place.kind, 9) >= BROADER_THAN_A_TOWN:
        # "in the Hama governorate's countryside, ... an assault on the village of Mafkar": the name the
        # gazetteer lacks, said in the same sentence, is the more specific; it takes the larger place's point.
        unknown = next((e for e in located if e.place is None and e.evidence_span == best.evidence_span), None)
        if unknown is not None:
            toponym = framed_in(unknown.toponym.mention, best.toponym)  # type: ignore[union-attr,arg-type]
    first = best or group[0]  # the mention that places the happening speaks for it
    details = dict(first.details)
    # a bomb that killed is an explosion: of the generic types, an attack says the least; a planted device
    # that went off during fighting is the happening itself ("killed by a buried bomb while battling ISIS")
    specific = sorted(([e.event_type for e in group if e.event_type not in GENERIC_TYPES or _planted_device(e)]
                       or [e.event_type for e in group if e.event_type != "attack"]),
                      key=lambda t: TYPE_RANK.get(t, 0))  # stable: the first of those that say most
    dated = [e for e in group if dict(e.details).get("date_from") == "text"]
    when = dated[0] if dated else first
    if dated:
        details["date_from"] = "text"
    mentions = tuple(dict.fromkeys(e.evidence for e in group if e.evidence != first.evidence))
    return replace(
        first,
        event_type=specific[0] if specific else first.event_type,
        toponym=toponym,
        date=when.date,
        date_precision=when.date_precision,
        confidence=round(min(0.99, max(e.confidence for e in group) + 0.02 * (len(group) - 1)), 3),
        quantities=tuple(dict.fromkeys(q for e in group for q in e.quantities)),
        actors=tuple(dict.fromkeys(a for e in group for a in e.actors)),
        actor_classes=tuple(dict.fromkeys(a for e in group for a in e.actor_classes)),
        mentions=mentions,
        details=tuple(details.items()),
        id=best.id if best else first.id,
    )
