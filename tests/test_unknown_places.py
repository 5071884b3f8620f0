"""Places the gazetteer lacks or spells differently, recognised from what the text says about them.

The sentences are written for this test. Village and site names are invented ("Tanduga", "Kolbari
Square"), so no list of the project can know them: only the general cues can find them. Each negative
sentence holds a cue word where no place is named ("a Biden town hall", "the Rohingya community").
"""

from __future__ import annotations

import pytest

from geomap.nlp.words import UNKNOWN_PLACE
from geomap.records import Usage


def _places(pipeline, text: str) -> dict[str, object]:
    return {t.mention.surface: t for t in pipeline.geoparser.parse(text)}


@pytest.mark.parametrize(("text", "names"), [
    # a place noun after the name, with no preposition before it
    ("Gunmen invaded Tanduga village in the night, burning houses and killing at least nine people.", ["Tanduga"]),
    # a list of names that ends with a plural place noun
    ("Armed herders attacked the Ankpeyo, Mbakor and Tse-Gbuan villages on Sunday.",
     ["Ankpeyo", "Mbakor", "Tse-Gbuan"]),
    # a locative preposition and a known place that frames the name
    ("Rebels staged an assault on Bir Sallam in North Darfur state, residents said.", ["Bir Sallam"]),
    ("Shelling hit homes on the outskirts of Kafr Jalis, near Idlib, overnight.", ["Kafr Jalis"]),
    ("Gunmen burned ten houses at Kitemba, in the territory of Masisi, on Sunday.", ["Kitemba"]),
    # "in the area of", "in the vicinity of" a name
    ("Militiamen killed nine herders in the area of Umm Dukhn on Friday.", ["Umm Dukhn"]),
    # a list after "villages:", and an area a known place's possessive holds
    ("Gunmen raided three villages: Tanduga, Kwarmbe and Dilgam on Sunday.", ["Tanduga", "Kwarmbe", "Dilgam"]),
    ("A bomb went off at a school in the Swat Valley's Kolbar area on Monday.", ["Kolbar"]),
    # letters joined by an apostrophe (an ayn or a hamza), or an ayn at the end of the name
    ("Rebels shelled the village of Ma’arzita overnight.", ["Ma’arzita"]),
    ("Jets struck the hamlet of Umm Khafsa’ near Manbij on Sunday.", ["Umm Khafsa"]),
    # a zone (Ethiopia's second level) of a known region
    ("Militias burned homes in the East Hararghe zone of Oromia region on Sunday.", ["Hararghe"]),
    # a site's name after "the" and a describing word or two, up to its site word
    ("Rebels captured the strategic Mahmoudli Dam on Monday.", ["Mahmoudli Dam"]),
    ("Jets struck the sprawling Kuweires Air Base overnight.", ["Kuweires Air Base"]),
    # "X village of Y" without an article: X's own noun, not "the Basque city of Bilbao"
    ("Gunmen raided Kwaganda village of Gwoza local government area on Monday.", ["Kwaganda"]),
    # a distance or direction from another place after a comma
    ("A bomb exploded at a market in Sabbah al-Nour, just north of Baghdad, killing four.", ["Sabbah al-Nour"]),
    ("Jets bombed Kallimadu, some 40 kilometres (25 miles) from Jaffna, on Tuesday.", ["Kallimadu"]),
    # a name opened by an Arabic word for a hill, village or ruin
    ("Rebels stormed army positions on the slopes of Tal Al-Kharab at dawn.", ["Tal Al-Kharab"]),
    # an ayn written as an opening quote
    ("Fighters entered the village of ‘Arbeen after a night of shelling.", ["Arbeen"]),
    # a site's name ends with its type word, which the span keeps
    ("Police fired tear gas at protesters gathered near Kolbari Square on Friday.", ["Kolbari Square"]),
    ("Troops captured the Wadi Harun Refugee Camp after two days of fighting.", ["Wadi Harun Refugee Camp"]),
    ("Militants seized the Tuwaynan Gas Fields after a night of fighting.", ["Tuwaynan Gas Fields"]),
    ("Artillery shells hit the Mansuri Cement Factory on the edge of the city.", ["Mansuri Cement Factory"]),
    # the site word is also a capitalised name word ("Checkpoint"): it still ends the site
    ("A suicide bomber struck the Al-Rakhim Checkpoint, killing three soldiers.", ["Al-Rakhim Checkpoint"]),
    # a direction from a known place right after the name, with no comma
    ("Gunmen attacked a checkpoint in Qaryat Bilal north of Kirkuk on Tuesday.", ["Qaryat Bilal"]),
    # an appositive that says what kind of place the name is
    ("A car bomb exploded in Sabunji, a small village near Tal Afar, killing nine.", ["Sabunji"]),
    ("Mortar rounds fell on Darwaza, a mostly Shiite neighbourhood of Mosul, at dawn.", ["Darwaza"]),
])
def test_names_the_text_calls_places(pipeline, text: str, names: list[str]) -> None:
    found = _places(pipeline, text)
    for name in names:
        assert name in found, f"{name!r} not recognised in {text!r}: {sorted(found)}"
        assert found[name].mention.usage == Usage.LITERAL


@pytest.mark.parametrize(("text", "surface", "country"), [
    # a site named after the known place it serves is found at that place's point
    ("Two rockets hit the Kandahar Airport before dawn on Sunday.", "Kandahar Airport", "AF"),
    ("Drones attacked the Mosul Dam overnight, officials said.", "Mosul Dam", "IQ"),
    # a unit's name after its type word, in a spelling the gazetteer holds only loosely
    ("Jets struck warehouses in the southern province of Muthana on Friday.", "Muthana", "IQ"),
    # a first-level region under a variant spelling, after a locative preposition
    ("Federal troops clashed with rebels in Ingushetia on Tuesday.", "Ingushetia", "RU"),
    ("Barrel bombs fell on two villages in Dara’a province overnight.", "Dara’a", "SY"),
    # one skeleton for "Ezzor" and "ez-Zor"
    ("Fighting spread to the countryside in Deir Ezzor after the airport fell.", "Deir Ezzor", "SY"),
    # the short names news uses for countries and provinces
    ("A NATO jet was shot down while patrolling over Bosnia in 1995.", "Bosnia", "BA"),
    ("Separatists attacked a gas pipeline in Baluchistan.", "Baluchistan", "PK"),
])
def test_variant_spellings_resolve(pipeline, text: str, surface: str, country: str) -> None:
    found = _places(pipeline, text)
    assert surface in found, f"{surface!r} not recognised in {text!r}: {sorted(found)}"
    place = found[surface].place
    assert place is not None and place.country_code == country, place


@pytest.mark.parametrize(("text", "not_places"), [
    ("The senator spoke at a Biden town hall before the Kabul city council met.", ["Biden"]),
    ("Aid groups said the Rohingya community had received no food for a week.", ["Rohingya"]),
    ("The Department of Homeland Security said the Trump camp had not replied.", ["Homeland", "Homeland Security", "Trump"]),
    ("Fighters withdrew from ISIS territory as the coalition advanced.", ["ISIS"]),
    ("President Mahama, some 30 kilometres from the border, addressed the troops.", ["Mahama"]),
    # an appositive whose place noun heads another phrase: a person's office, not a place
    ("Police questioned Haddad, a city councillor, about the funds.", ["Haddad"]),
    ("Reporters met Okafor, a village elder near the river, on Monday.", ["Okafor"]),
])
def test_cue_words_without_a_place(pipeline, text: str, not_places: list[str]) -> None:
    found = _places(pipeline, text)
    for name in not_places:
        toponym = found.get(name)
        assert toponym is None or toponym.mention.label != UNKNOWN_PLACE and (
            toponym.place is None or toponym.mention.usage not in (Usage.LITERAL, Usage.METONYMIC)), (
            f"{name!r} read as a place in {text!r}")


def test_a_possessive_alone_does_not_make_a_name_a_place(pipeline) -> None:
    """"Morocco's Parliament in Rabat": a body after a country's possessive is no place of its own."""
    found = _places(pipeline, "Graduates protested in front of Morocco's Parliament in Rabat on Monday.")
    assert "Parliament" not in found and "Rabat" in found
