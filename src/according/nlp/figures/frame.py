"""The frame of a reported figure (FIGURES.md "The frame"): who was counted, where, for
what period and as of when; which total it breaks down; and reasons to doubt it.

``extract`` finds a figure and the words the parse reads it from (the number, the word
counted, the word that gave the measure); this module sets its frame from the same
parse and from the document around it, in this order for each part:

- **population**, a controlled class (``records.POPULATIONS``), from the counted noun
  and its modifiers (``populations`` table: "children", "elderly women", "health
  workers", "Thai nationals"), else from what the measure implies ("224 people held" are
  hostages; people "released" are hostages or prisoners by what the sentence, then the
  document, calls them).
- **place**: a place named in the figure's own phrase or clause ("*one to Baptist
  Hospital*", "killed *in Kabul*"), then in its event ("the attack launched *on
  Israel*, which killed 1,400"), then the venue its clause's subject is ("*area
  hospitals* received 12 victims"), then where the document placed an event the clause
  names again ("after *the shootout*"). With none: a breakdown is where its total is,
  a count told again ("the six") where it was first; a running count (or one up to now,
  "have been killed") of a document about several towns of one state is the state's;
  else where the document puts the same measure elsewhere ("held *in Gaza*"); else the
  scene, the places of the nearest sentence before it that names one ("taken to Via
  Christi Hospital. Two are in critical condition"), never a venue that only points
  back ("the house"); else the headline's place for a running count; else the
  document's dateline ("HESSTON, Kansas —", "vadodara:"), then the one place the
  document names most. A venue ("the Pulse nightclub") is written with the document's
  town ("Pulse nightclub, Orlando"), unless the gazetteer knows it ("petlad town").
  Never a place that only a period ("since the attack on Israel") names.
- **period and since**: a window ("in the past 24 hours", "overnight"), a cumulative
  count ("since October 7", "so far", a toll, a state such as held or missing), else
  one incident; ``since`` is the date the since-phrase gives.
- **as_of**: the date of the statement ("said on Thursday"), else a date of the
  figure's clause that is not the start or end of a period, else the published date.
- **part_of** (``parts``): a breakdown names the figure it breaks down ("7,028 killed,
  *including* 2,913 children"; "4 released, ... and *two* elderly women").
- **flags**: a population that contradicts the measure ("released only 4
  *kidnappers*", machine translation of "4 of the kidnapped").

Word lists are data: ``populations``, ``figure_measures``, ``figure_events``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from according import places
from according.nlp.parser_text import as_written
from according.places import Place
from according.records import DateMention, Figure
from according.typography import DASHES, fold_name
from according.wordlists import load_list, load_table

__all__ = ["DocumentFrame", "Frame", "flags", "parts", "population"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_AREA_LABELS = frozenset({"GPE", "LOC"})
_MISREAD_LABELS = frozenset({"PERSON", "NORP", "ORG"})
"""Labels the small model gives some towns ("in Goma" as a person, "on Aleppo" as a
nationality): a span of them the gazetteer knows is a place."""
_LOWER_NOUNS = frozenset({"NOUN", "PROPN", "ADJ"})
"""What the tagger makes of a town's name written in lower case ("broke out in
*petlad*" as an adjective)."""
_BARE_TOWN = 15_000
"""The smallest town read from a noun no entity covers: below it, too many common words
and names are some village's name."""
_PLACE_PREPS = frozenset(
    {"in", "at", "on", "near", "inside", "outside", "across", "throughout", "into",
     "within", "around", "along", "off", "onto", "over", "to"}
)  # fmt: skip
"""Prepositions that put people somewhere ("killed *in* Kabul", "bombardments *on*
Gaza")."""
_TIME_PREPS = frozenset(
    {"since", "after", "before", "following", "until", "till", "from", "during", "amid",
     "prior", "ahead", "than", "like"}
)  # fmt: skip
"""Prepositions whose phrase is a time or a comparison, never the figure's place ("held
since the attack *on Israel*")."""
_FROM_PLACE = frozenset({"from"})
"""A preposition of time or of where people came from ("patients *from* Bapunagar"):
its own object is a place when it names one, never a place inside it."""
_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "parataxis", "xcomp"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_WINDOW_NOUNS = frozenset({"hour", "day", "week", "month", "night", "weekend", "period"})
_WINDOW_MODIFIERS = frozenset({"past", "last", "previous", "preceding", "latest", "single"})
_WINDOW_WORDS = frozenset({"overnight", "daily", "yesterday", "today", "tonight"})
_CUMULATIVE_WORDS = frozenset(
    {"toll", "tally", "total", "overall", "altogether", "cumulative", "far", "date", "all"}
)  # fmt: skip
"""Words of a running total: "the death *toll*", "so *far*", "to *date*", "in *all*"."""
_CUMULATIVE_PHRASES = (
    ("so", "far"), ("to", "date"), ("in", "all"), ("in", "total"), ("this", "year"),
    ("this", "month"),
)  # fmt: skip
_STATES = frozenset({"held_hostage", "missing", "displaced"})
"""Measures of people *in* a state: a count as of a date, not of one incident."""
_HOSTAGE_TAKING = frozenset({"kidnapped", "held_hostage"})
_OF_CAPTIVES = frozenset({"released", "held_hostage", "kidnapped"})
_BACK_PRONOUNS = frozenset({"whom", "them", "those", "these"})
_BACK_WORDS = frozenset({"that", "this", "these", "those"})
_INCLUDING = frozenset({"include", "including", "among", "incl"})
_SINCE = frozenset({"since"})
_SPAN_WORDS = frozenset({"from", "until", "till", "between", "before"})
_SCENE_SENTENCES = 8
"""How many sentences before a figure's own the scene of a figure is looked for in."""
_REPORTING_DEPS = frozenset({"ROOT", "ccomp", "parataxis"})
_VENUE_ENDINGS = ("er", "ist", "ian", "ee")
POPULATION_CONTRADICTS = "population contradicts measure"
"""The flag for a count whose people are those who do what the measure says was done
to them ("released 4 kidnappers")."""


@dataclass(frozen=True)
class _Tables:
    populations: dict[str, str]
    measures: dict[str, str]
    events: frozenset[str]
    venues: frozenset[str]
    scenes: frozenset[str]
    reporting: frozenset[str]


@functools.cache
def _tables() -> _Tables:
    return _Tables(
        populations=load_table("populations"),
        measures=load_table("figure_measures"),
        events=frozenset(load_list("figure_events")),
        venues=frozenset(load_list("venue_nouns")),
        scenes=frozenset(load_list("scene_nouns")),
        reporting=frozenset(load_list("report_verbs")),
    )


@dataclass(frozen=True)
class Frame:
    """The frame of one figure (without ``part_of``, which :func:`parts` sets)."""

    population: str
    place: str | None
    place_id: str | None
    period: str
    since: dt.date | None
    as_of: dt.date | None
    flags: tuple[str, ...]


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


# --- population ---------------------------------------------------------------------


def _noun_class(word: Token, t: _Tables) -> str | None:
    """The class a noun names by itself or with its compound: "soldiers" → soldiers,
    "health workers" → medics, "Israelis"/"Thai nationals" → None (a nationality is
    read by :func:`_nationals`)."""
    for child in word.lefts:
        if child.dep_ in ("compound", "amod"):
            pair = f"{child.lower_} {_lemma(word)}"
            if pair in t.populations:
                return t.populations[pair]
    return t.populations.get(_lemma(word)) or t.populations.get(word.lower_)


def _modifier_class(word: Token, t: _Tables) -> str | None:
    """A modifier that decides the class of a general noun: "*elderly* women" →
    elderly, "*civilian* casualties" → civilians."""
    for child in word.lefts:
        if child.dep_ in ("amod", "compound") and child.lower_ in ("elderly", "civilian"):
            return t.populations[child.lower_]
    return None


def _captives(sent: SpacySpan, doc: Doc, t: _Tables) -> str | None:
    """Whether the people of a sentence, else of its document, are hostages or
    prisoners, by what the text calls them most ("the hostages", "detainees")."""
    for span in (sent, doc[:]):
        votes = Counter(
            t.populations.get(_lemma(w))
            for w in span
            if t.populations.get(_lemma(w)) in ("hostages", "prisoners")
        )
        if votes:
            return votes.most_common(1)[0][0]
    return None


def population(
    counted: Token,
    measure: str,
    captives: Callable[[], str | None],
    nationals: Callable[[str], str | None],
) -> str:
    """The class of who a figure counts.

    >>> # "12 Thai nationals died" → "nationals:TH"; "4 soldiers were killed" →
    >>> # "soldiers"; "224 people held" → "hostages"; "2 elderly women" → "elderly"
    """
    t = _tables()
    own = _modifier_class(counted, t) or _noun_class(counted, t)
    if own is None or own == "people":
        nation = _nationals(counted, nationals)
        if nation is not None:
            return nation
    if own is not None and own != "people":
        return own
    if measure in _HOSTAGE_TAKING:
        return "hostages"
    if measure == "released":
        return captives() or "people"
    return "people"


def _nationals(counted: Token, nationals: Callable[[str], str | None]) -> str | None:
    """ "12 *Thai* nationals", "*Israelis*", "3 *American* citizens": nationals of the
    country a nationality names (``nationals`` gives its ISO code)."""
    words = [counted] if counted.ent_type_ == "NORP" else []
    words += [c for c in counted.lefts if c.dep_ in ("amod", "compound") and c.ent_type_]
    for word in words:
        code = nationals(word.text)
        if code is not None:
            return f"nationals:{code}"
    return None


# --- flags ---------------------------------------------------------------------------


def flags(counted: Token, measure: str) -> tuple[str, ...]:
    """Reasons to doubt a figure: people named for doing what the measure says was
    done to them.

    >>> # "Hamas has released only 4 kidnappers" → ("population contradicts measure",)
    """
    if measure not in _OF_CAPTIVES:
        return ()
    lemma = _lemma(counted)
    for verb, of in _tables().measures.items():
        if of in _HOSTAGE_TAKING and " " not in verb and _agent_noun(lemma, verb):
            return (POPULATION_CONTRADICTS,)
    return ()


def _agent_noun(noun: str, verb: str) -> bool:
    """Whether ``noun`` names who does ``verb``: "kidnapper" of "kidnap", "abductor"
    of "abduct"."""
    if not noun.startswith(verb) or noun == verb:
        return False
    rest = noun[len(verb) :]
    return len(rest) <= 3 and rest.endswith(("er", "or"))


# --- the document's context ------------------------------------------------------------


class DocumentFrame:
    """What the frame of every figure of one document reads from the document: its
    places (each entity span by token), where it puts each measure, its dateline and
    main place, and its dates by token."""

    def __init__(
        self,
        doc: Doc,
        dates: Sequence[DateMention],
        published: dt.date | None,
        nationals: Callable[[str], str | None] = places.country_of,
    ) -> None:
        self.doc = doc
        self.text = doc.text  # spaCy joins it anew on each call
        self.published = published
        self.nationals = nationals
        letters = [c for c in self.text[:5000] if c.isalpha()]
        self.lower_case = bool(letters) and sum(c.isupper() for c in letters) < len(letters) / 100
        self._resolved: dict[str, Place | None] = {}
        self.near: tuple[str, ...] = ()
        self.place_of: dict[int, SpacySpan] = {}
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS or (
                ent.label_ in _MISREAD_LABELS
                and _after_place_preposition(ent)
                and self.resolve(ent.text) is not None
            ):
                for token in ent:
                    self.place_of[token.i] = ent
        self.near = tuple(dict.fromkeys(e.text for e in doc.ents if e.label_ in _AREA_LABELS))[:40]
        self._resolved.clear()  # read again with the document's places near
        self._areas: list[SpacySpan] | None = None
        self.country: str | None = None
        self.country = self._country()
        self.dates = sorted(dates, key=lambda d: d.start)
        self.dateline = _dateline(doc) or self._colon_dateline()
        self.region = self._region()
        self.lead = self._lead_place()
        self.main = self._main_place() or self.region or self.lead
        self._measure_places: dict[str, SpacySpan | None] | None = None
        self._windows: dict[int, bool] = {}
        self._words: dict[int, tuple[set[str], set[tuple[str, str]]]] = {}
        self._sentence_dates: dict[tuple[int, int], list[DateMention]] = {}
        self._captives: dict[tuple[int, int], str | None] = {}
        self._sentence_places: dict[int, list[tuple[int, SpacySpan]]] = {}
        self._placed: dict[int, str] = {}
        self._place_of_figure: dict[str, tuple[str, tuple[str | None, str | None]]] = {}
        self.own_place = False
        self._line_bounds: tuple[list[int], list[int]] | None = None
        self._counts: dict[tuple[str, str], tuple[str | None, str | None]] = {}
        self._told: dict[int, list[SpacySpan]] = {}
        self._at_scene: dict[int, bool] = {}
        self._sentences: list[SpacySpan] | None = None
        self._sentence_starts: list[int] = []
        self._events: dict[str, list[tuple[int, list[SpacySpan]]]] | None = None
        """Whether the last figure placed found its place in its own clause or event."""

    def resolve(self, name: str) -> Place | None:
        """The gazetteer's place for a name as written, read near the document's other
        places ("Springfield" near "Illinois"), once per name."""
        if name not in self._resolved:
            country = getattr(self, "country", None)
            self._resolved[name] = places.resolve(name, country=country, near=self.near)
        return self._resolved[name]

    def _country(self) -> str | None:
        """The country most of the document's areas lie in (its place entities, and in
        a document written in lower case, the nouns after a place preposition), when
        it holds at least half of them."""
        votes: Counter[str] = Counter()
        for ent in self.doc.ents:
            if ent.label_ in _AREA_LABELS and (place := self.resolve(ent.text)) is not None:
                votes[place.country or ""] += 1
        if self.lower_case:
            for token in self.doc:
                if token.dep_ == "pobj" and token.head.lower_ in _PLACE_PREPS:
                    place = self.resolve(token.text) if token.pos_ in ("NOUN", "PROPN") else None
                    if place is not None:
                        votes[place.country or ""] += 1
        if not votes:
            return None
        code, n = votes.most_common(1)[0]
        return code or None if n * 2 >= sum(votes.values()) else None

    def is_area(self, span: SpacySpan) -> bool:
        """Whether a place is a town, region or country of the gazetteer (not a venue,
        a street or a neighbourhood it does not know): its last word is a word of the
        place's name, or it is an abbreviation ("L.A."), so that "Jackson South" (a
        hospital) is no part of a Jackson.

        >>> # "Herat" → Herāt: True; "northern Gaza" → Gaza Strip: True
        """
        place = self.resolve(span.text)
        if place is None:
            return False
        words = [w for w in span if w.is_alpha or "." in w.text]
        if not words:
            return False
        last = words[-1].text
        if "." in last or (last.isupper() and len(last) <= 4):
            return True
        return _plain_word(last) in {_plain_word(w) for w in place.name.replace("-", " ").split()}

    def areas(self) -> list[SpacySpan]:
        """Every mention of an area in the document, in text order: its place entities
        the gazetteer knows, and in a document written in lower case, the nouns after a
        place preposition it knows ("in godhra"); read once (the region, the main place
        and the lead all read them)."""
        if self._areas is None:
            self._areas = self._find_areas()
        return self._areas

    def _find_areas(self) -> list[SpacySpan]:
        found = [e for e in self.doc.ents if e.label_ in _AREA_LABELS and self.is_area(e)]
        if self.lower_case and self.country is not None:  # the recogniser guesses there
            found = [e for e in found if self._of_country(e)]
        if self.lower_case:
            for token in self.doc:
                if token.dep_ == "pobj" and token.head.lower_ in _PLACE_PREPS:
                    span = self._bare_area(token)
                    if span is not None:
                        found.append(span)
            found.sort(key=lambda s: s.start)
        return found

    def _of_country(self, span: SpacySpan) -> bool:
        place = self.resolve(span.text)
        return place is not None and place.country == self.country

    def _bare_area(self, head: Token) -> SpacySpan | None:
        """A noun the entity recogniser missed that names a known town or region ("in
        godhra", "in Goma" read as a person): a proper noun, or any noun of a document
        written in lower case, with its compounds; only a town of some size or a larger
        area, so that a common word is not read as a namesake village."""
        if head.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
            return None
        if not (head.pos_ == "PROPN" or (self.lower_case and head.pos_ in _LOWER_NOUNS)):
            return None
        if _lemma(head) in _tables().venues or head.is_stop or _determined(head):
            return None
        joined = ("compound", "amod") if self.lower_case else ("compound",)  # "petlad town"
        start = min([head.i, *(c.i for c in head.lefts if c.dep_ in joined)])
        lines = [w.i for w in self.doc[start : head.i] if "\n" in w.text_with_ws]
        start = max([start, *(i + 1 for i in lines)])  # never "normalcy\n\nahmedabad"
        span = self.doc[start : head.i + 1]
        place = self.resolve(span.text) or self.resolve(head.text)
        if place is None or (self.country is not None and place.country != self.country):
            return None
        if place.kind == "city" and (place.population or 0) < _BARE_TOWN:
            return None
        return span

    def _colon_dateline(self) -> SpacySpan | None:
        """The town of a dateline written with a colon that opens one of the first
        paragraphs ("ahmedabad: the violence-hit state ...", "NEW DELHI: ..."): at most
        three words the gazetteer knows as a town of the document's country, written
        in capitals or recognised as a place (any words in a text written in lower
        case)."""
        text = self.text
        starts = [0] + [i + 1 for i, c in enumerate(text[:3000]) if c == "\n"]
        for start in starts[:8]:
            colon = text.find(":", start, start + 40)
            if colon <= start or "\n" in text[start:colon]:
                continue
            town = self.doc.char_span(start, colon, alignment_mode="contract")
            if town is None or not 0 < len(town) <= 3 or not all(w.is_alpha for w in town):
                continue
            if not (self.lower_case or town.text.isupper() or town[0].ent_type_ in _AREA_LABELS):
                continue  # "Police: 3 shot" is a headline's source, not a town
            place = self.resolve(town.text)
            if place is not None and place.kind == "city" and self.country in (None, place.country):
                return town
        return None

    def _main_place(self) -> SpacySpan | None:
        """The area the document names most, when it holds at least two in five of its
        mentions of areas (else the document is about several and names none for
        all)."""
        counts: Counter[str] = Counter()
        first: dict[str, SpacySpan] = {}
        for span in self.areas():
            place = self.resolve(span.text)
            key = place.id if place is not None else fold_name(span.text)
            counts[key] += 1
            first.setdefault(key, span)
        if not counts:
            return None
        key, n = counts.most_common(1)[0]
        if n * 5 < 2 * sum(counts.values()):
            return None
        return first[key]

    def _region(self) -> SpacySpan | None:
        """The mention of the state, region or country that holds at least four in five
        of the areas of a document naming two or more towns (a state's toll written
        town by town: "gujarat")."""
        mentions = self.areas()
        found = [(m, p) for m in mentions if (p := self.resolve(m.text)) is not None]
        towns = {p.id for _, p in found if p.kind == "city"}
        if len(towns) < 2:
            return None
        for span, outer in found:
            if outer.kind == "city":
                continue
            division = _division_of(outer, [p for _, p in found])
            inside = sum(places.contains(outer, p) or p.region == division for _, p in found)
            if inside * 5 >= 4 * len(found):
                return span
        return None

    def _lead_place(self) -> SpacySpan | None:
        """The first area the headline and the lead name, the one named most of them
        when several ("13 Shot at Connecticut House Party ... a house party in
        *Bridgeport*, Connecticut")."""
        text = self.text
        first = text.find("\n\n")
        end = text.find("\n\n", first + 2) if first >= 0 else -1
        end = end if end > 0 else len(text)
        areas = self.areas()
        lead = [a for a in areas if a.start_char < end]
        if not lead:
            return None
        counts = Counter(fold_name(a.text) for a in areas)
        return max(lead, key=lambda a: counts[fold_name(a.text)])

    def at_the_scene(self, verb: Token) -> bool:
        """:func:`_at_the_scene` of ``verb``, once per verb."""
        if verb.i not in self._at_scene:
            self._at_scene[verb.i] = _at_the_scene(verb)
        return self._at_scene[verb.i]

    def window(self, verb: Token) -> bool:
        """:func:`is_window` of ``verb``, once per verb (thousands of figures may share
        one)."""
        if verb.i not in self._windows:
            self._windows[verb.i] = is_window(verb)
        return self._windows[verb.i]

    def clause_words(self, verb: Token) -> tuple[set[str], set[tuple[str, str]]]:
        """The lower-case words of ``verb``'s clause and their pairs, once per verb."""
        if verb.i not in self._words:
            words = [w.lower_ for w in own_clause(verb)]
            self._words[verb.i] = (set(words), set(itertools.pairwise(words)))
        return self._words[verb.i]

    def captives(self, sent: SpacySpan) -> str | None:
        """:func:`_captives` of a sentence, once per sentence."""
        key = (sent.start, sent.end)
        if key not in self._captives:
            self._captives[key] = _captives(sent, self.doc, _tables())
        return self._captives[key]

    def sentence_dates(self, sent: SpacySpan) -> list[DateMention]:
        """The full dates of a sentence outside a since-, from-, until- or between-
        phrase, once per sentence."""
        key = (sent.start, sent.end)
        if key not in self._sentence_dates:
            self._sentence_dates[key] = _period_free_dates(self, sent)
        return self._sentence_dates[key]

    def measure_place(self, measure: str) -> SpacySpan | None:
        """The place the document gives every word of ``measure`` it places ("their
        relatives were being *held in Gaza*"), when it gives them one place."""
        if self._measure_places is None:
            t = _tables()
            found: dict[str, set[str]] = {}
            first: dict[str, SpacySpan] = {}
            for token in self.doc:
                m = t.measures.get(_lemma(token))
                if m is None:
                    continue
                for place in self.clause_places(token):
                    if self.is_area(place):
                        found.setdefault(m, set()).add(fold_name(place.text))
                        first.setdefault(m, place)
                        break
            self._measure_places = {m: first[m] for m, keys in found.items() if len(keys) == 1}
        return self._measure_places.get(measure)

    def _places_under(self, token: Token, depth: int = 0) -> list[SpacySpan]:
        """Places in the prepositional phrases of ``token``, through a phrase of another
        preposition ("with bombardments *on Gaza*"), never through a time phrase, a
        subject or a clause of its own: place entities, an organisation's premises
        ("taken *to Jackson Memorial*") and venues (``venue_nouns``: "*at the house*")."""
        found: list[SpacySpan] = []
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in _FROM_PLACE:
                found.extend(
                    p for o in child.children if o.dep_ == "pobj" for p in self._entities_in(o)
                )
            if child.dep_ != "prep" or child.lower_ in _TIME_PREPS:
                continue
            for obj in child.children:
                if obj.dep_ not in ("pobj", "pcomp"):
                    continue
                obj = _on_its_line(child, obj)
                if child.lower_ in _PLACE_PREPS:
                    found.extend(self._entities_in(obj))
                if depth < 2:
                    found.extend(self._places_under(obj, depth + 1))
                    for acl in (c for c in obj.children if c.dep_ == "acl"):
                        found.extend(self._places_under(acl, depth + 1))
        return found

    def _entities_in(self, head: Token) -> list[SpacySpan]:
        """The places ``head`` names: its place entity, those of its compounds and
        appositions ("in *Orlando*, *Florida*"), an organisation it is ("at *Wesley
        Medical Center*"), or the venue it is ("at *the house*")."""
        if head.i in self.place_of:
            return [self.place_of[head.i]]
        if head.ent_type_ == "ORG" and head.ent_iob_ != "O":
            return [_entity_of(head)]
        found = [
            self.place_of[child.i]
            for child in head.children
            if child.dep_ in ("compound", "appos", "conj", "npadvmod") and child.i in self.place_of
        ]
        if _lemma(head) in _tables().venues and not _pointing(head):
            start = min([head.i, *(c.left_edge.i for c in head.lefts)])
            name = _venue_name(head)
            if name is not None:  # "in another locality, *shakarpura*"
                found.insert(0, self.doc[name.left_edge.i : name.i + 1])
            else:
                end = head.i + 1
                for of in (c for c in head.rights if c.lower_ == "of"):
                    if any(o.pos_ == "PROPN" or o.ent_type_ for o in of.children):
                        end = of.right_edge.i + 1  # "the 2800 block of Rimpau Boulevard"
                found.insert(0, self.doc[start:end])
        elif not found and (bare := self._bare_area(head)) is not None:
            found.append(bare)
        return found

    def clause_places(self, word: Token) -> list[SpacySpan]:
        """The places in ``word``'s own phrases, or in those of the verb it is a
        conjunct, complement or predicate of ("were shot and killed *in Chicago*",
        "were shot dead *at the bar*")."""
        node: Token | None = word
        for _ in range(4):
            if node is None:
                break
            places = self._places_under(node)
            if places:
                return places
            for conj in _shared_subject_conjuncts(node):  # "treated and released from X"
                places = self._places_under(conj)
                if places:
                    return places
            climbs = node.dep_ in ("conj", "xcomp", "acomp", "oprd", "amod", "advmod")
            node = node.head if climbs and node.head.i != node.i else None
        return []

    def event_places(self, trigger: Token) -> list[SpacySpan]:
        """The places of the event the figure's clause belongs to: the event noun it
        describes ("the attack *launched on Israel*, which killed 1,400"), the subject
        that is an event ("the blast *in Kabul* killed 12"), or the clause it is a
        participle of ("bombardments *on Gaza*, killing 7,000")."""
        t = _tables()
        verb = _clause_verb(trigger)
        if verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i:
            found = self._entities_in(verb.head) + self._noun_places(verb.head)
            event = _event_above(verb.head, t)
            if not found and event is not None:
                found = self._noun_places(event)
            if found:
                return found
        for child in verb.children:
            if child.dep_ in _SUBJECTS and _lemma(child) in t.events:
                found = self._noun_places(child)
                if found:
                    return found
        if verb.dep_ == "advcl" and not any(c.dep_ == "mark" for c in verb.children):
            return self._places_under(verb.head)
        return []

    def told_event_places(self, verb: Token) -> list[SpacySpan]:
        """The places of an event the figure's clause names as one told before ("police
        arrested three people after *the shootout*": where the document first places
        a shootout, "A shootout *on Fulton Avenue* ..."); not a plural ("in *the
        clashes*" are all of them)."""
        if verb.i not in self._told:
            self._told[verb.i] = self._told_event_places(verb)
        return self._told[verb.i]

    def _told_event_places(self, verb: Token) -> list[SpacySpan]:
        for word in own_clause(verb):
            if not (_lemma(word) in _tables().events and word.tag_ == "NN" and _definite(word)):
                continue
            for before, found in self._event_mentions().get(_lemma(word), []):
                if before < word.i:
                    return found
        return []

    def _event_mentions(self) -> dict[str, list[tuple[int, list[SpacySpan]]]]:
        """Each event noun's mentions that name a place, in text order, read once."""
        if self._events is None:
            events = _tables().events
            self._events = {}
            for token in self.doc:
                if token.pos_ == "NOUN" and _lemma(token) in events:
                    found = [
                        self.place_of[c.i]
                        for c in token.lefts
                        if c.dep_ in ("compound", "amod", "nmod") and c.i in self.place_of
                    ] or self._noun_places(token)
                    if not found and token.dep_ in _SUBJECTS:  # "a shootout broke out at X"
                        found = self._places_under(token.head)
                    found = [p for p in found if not _anaphoric(p, self.lower_case)]
                    if found:
                        self._events.setdefault(_lemma(token), []).append((token.i, found))
        return self._events

    def remember_place(
        self, counted: Token, number: Token, measure: str, place: tuple[str | None, str | None]
    ) -> None:
        """Note the place of a figure (by its number and counted word) and its measure
        for the breakdowns of it that follow."""
        key = str(len(self._place_of_figure))
        self._place_of_figure[key] = (measure, place)
        self._placed.setdefault(number.i, key)
        self._placed.setdefault(counted.i, key)

    def remember_count(
        self, number: SpacySpan, measure: str, place: tuple[str | None, str | None]
    ) -> None:
        """Note the place of the first figure of each count and measure ("six minors
        were injured") for a definite count that tells it again ("the six")."""
        self._counts.setdefault((number.text.lower(), measure), place)

    def told_count_place(
        self, number: SpacySpan, measure: str
    ) -> tuple[str | None, str | None] | None:
        """The place of the figure a definite count tells again: "*The six* are in
        stable condition" after "six minors were injured in the shooting"."""
        first = number[0]
        before = first.doc[first.i - 1] if first.i > 0 else None
        if before is None or before.lower_ != "the":
            return None
        return self._counts.get((number.text.lower(), measure))

    def total_place(
        self, counted: Token, number: Token, measure: str
    ) -> tuple[str | None, str | None] | None:
        """The place of the figure a breakdown breaks down ("Four people were found
        shot to death in the home. They were *two* of his daughters": the home), when
        it was placed before it and counts the same measure ("157 *of the deaths*" breaks
        down no count of the injured)."""
        key = _total_of(counted, number, self._placed)
        if key is None or key not in self._place_of_figure:
            return None
        of, place = self._place_of_figure[key]
        return place if of == measure else None

    def subject_places(self, verb: Token) -> list[SpacySpan]:
        """The venue that is the subject of the figure's clause, or the places its
        subject is in: where the people counted are ("*area hospitals* received 12
        victims", "doctors *at civil hospital* autopsied 123 bodies").

        >>> # "Newton Medical Center received four patients" → Newton Medical Center
        """
        verbs = [verb, verb.head] if verb.dep_ == "advcl" else [verb]  # "..., taking the toll to 9"
        for child in (c for v in verbs for c in v.children):
            if child.dep_ not in ("nsubj", "nsubjpass"):
                continue
            found = self._places_under(child)
            if _lemma(child) in _tables().venues and not _pointing(child):
                own = self._entities_in(child)
                found = [e for e in own if not _anaphoric(e, self.lower_case)] + found
            if found:
                return found
        return []

    def scene(self, word: Token, back: int, own: bool = True) -> list[SpacySpan]:
        """The places of the scene ``word`` is told in: those its own sentence names,
        else those of the nearest of the ``back`` sentences before it that names one
        ("Six victims were taken *to Via Christi Hospital*. Two victims are in critical
        condition": Via Christi Hospital). A line break ends a sentence too (a headline
        the parser runs into the lead is no part of it). Without ``own``, the sentence
        of ``word`` is passed over ("Three were pronounced dead at the scene and 12
        were taken to hospitals": the scene is before it)."""
        doc = self.doc
        starts, ends = self._lines()
        sent = self._sentence(word.i)
        lo, hi = max(sent.start, starts[word.i]), min(sent.end, ends[word.i])
        for _ in range(back + 1):
            found = [p for at, p in self.sentence_places(sent) if lo <= at < hi] if own else []
            if found or lo == 0:
                return found
            own = True
            hi = lo
            while hi > 0 and "\n" in doc[hi - 1].text:
                hi -= 1
            if hi == 0:
                return []
            sent = self._sentence(hi - 1)
            lo = max(sent.start, starts[hi - 1])
        return []

    def _sentence(self, i: int) -> SpacySpan:
        """The sentence of the token at ``i`` (``Token.sent`` walks the whole
        sentence each time)."""
        if self._sentences is None:
            self._sentences = list(self.doc.sents)
            self._sentence_starts = [s.start for s in self._sentences]
        return self._sentences[bisect.bisect_right(self._sentence_starts, i) - 1]

    def _lines(self) -> tuple[list[int], list[int]]:
        """For each token, where its line starts and ends (token indices), read once."""
        if self._line_bounds is None:
            n = len(self.doc)
            starts, ends = [0] * n, [n] * n
            start = 0
            for token in self.doc:
                starts[token.i] = start
                if "\n" in token.text:
                    start = token.i + 1
            end = n
            for token in reversed(self.doc):
                if "\n" in token.text:
                    end = token.i
                ends[token.i] = end
            self._line_bounds = (starts, ends)
        return self._line_bounds

    def sentence_places(self, sent: SpacySpan) -> list[tuple[int, SpacySpan]]:
        """The places a sentence names in its place phrases, in text order, each with
        its preposition's index, never in a time phrase ("since the attack *on
        Israel*") and never a venue that points back to one named before ("*the
        house*"), once per sentence."""
        if sent.start not in self._sentence_places:
            found: list[tuple[int, SpacySpan]] = []
            for token in sent:
                if token.dep_ != "prep" or token.lower_ not in _PLACE_PREPS or _timed(token):
                    continue
                if token.head.lower_ == "according" or _where_said(token):
                    continue
                for obj in token.children:
                    if obj.dep_ == "pobj":
                        obj = _on_its_line(token, obj)
                        found.extend(
                            (token.i, p)
                            for p in self._entities_in(obj)
                            if self._scene_place(p, obj)
                        )
            self._sentence_places[sent.start] = found
        return self._sentence_places[sent.start]

    def _scene_place(self, place: SpacySpan, obj: Token) -> bool:
        """Whether a place of a place phrase (whose object is ``obj``) sets a scene: not
        a name the recogniser gave a person or a group unless the phrase names it
        itself ("*Melton*, along with Byrd": no place), and not a venue that points back
        to one named before ("*the house*")."""
        if place.label_ in _MISREAD_LABELS and obj not in place:
            return False
        return not _anaphoric(place, self.lower_case)

    def _noun_places(self, noun: Token) -> list[SpacySpan]:
        places = self._places_under(noun)
        for child in noun.children:
            if child.dep_ in ("acl", "relcl"):
                places += self._places_under(child)
        return places

    # --- period, since and as_of ------------------------------------------------------

    def dates_in(self, lo: int, hi: int) -> list[DateMention]:
        """The dates between two character offsets."""
        return [d for d in self.dates if lo <= d.start < hi]


def _timed(prep: Token) -> bool:
    """Whether a preposition's phrase lies inside a time phrase ("since the attack *on*
    Israel")."""
    return any(a.dep_ in ("prep", "mark") and a.lower_ in _TIME_PREPS for a in prep.ancestors)


def _anaphoric(place: SpacySpan, lower_case: bool) -> bool:
    """Whether a venue only points back to a place named before: a common noun with
    "the", "this" or "that" and no name ("*the house*", "the parking lot", not "*the
    Pulse nightclub*", "the 2800 block", "the parking lot of Target"; in a text written
    in lower case, "the vs hospital" names one).

    >>> # "the house" → True; "the Pulse nightclub" → False
    """
    head = place.root
    if head.ent_type_ or head.pos_ == "PROPN":
        return False
    lefts = list(head.lefts)
    if any(
        c.pos_ == "PROPN"
        or c.ent_type_
        or c.dep_ == "nummod"
        or (lower_case and c.dep_ == "compound")
        for c in lefts
    ):
        return False
    of = [o for c in head.rights if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    if any(o.pos_ == "PROPN" or o.ent_type_ for o in of):
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in lefts)


def _venue_name(venue: Token) -> Token | None:
    """The name set beside a venue's noun after a comma ("in another locality,
    *shakarpura*"; "at a bar, *Murphy's*"), not a second venue ("at a bar and a
    store").

    >>> # "in a village, Adas" → "Adas"
    """
    for child in venue.rights:
        if child.dep_ not in ("appos", "conj"):
            continue
        between = venue.doc[venue.i + 1 : child.i]
        if any(w.dep_ == "cc" for w in between) or not any(w.text == "," for w in between):
            return None
        if any(c.dep_ == "det" for c in child.children):
            return None
        return child
    return None


def _shared_subject_conjuncts(verb: Token) -> list[Token]:
    """The verbs joined to ``verb`` that share its subject ("One patient was treated
    *and released* from Anderson Hospital"), not a clause of its own ("... and two
    others *were hurt* in Elm Park")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    return [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.pos_ == "VERB"
        and not any(g.dep_ in _SUBJECTS for g in c.children)
    ]


def _up_to_now(verb: Token) -> bool:
    """Whether a clause counts up to now, in the present perfect ("99 persons *have
    been killed* in police firing", "arrests *have crossed* 3,000"): for its place, a
    running count.

    >>> # "99 persons have been killed" → True; "99 persons were killed" → False
    """
    return verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") and _lemma(c) == "have" for c in verb.children
    )


def _on_its_line(prep: Token, obj: Token) -> Token:
    """The object of a preposition as its own line ends it: a headline the parser runs
    into the dateline below ("65 killed at Naroda Patia\n\nahmedabad: ..." makes
    "ahmedabad" the object, "Naroda Patia" its compound) ends at the line break.

    >>> # "at Naroda Patia\n\nahmedabad" → "Patia"
    """
    if obj.i < prep.i:
        return obj
    for i in range(prep.i + 1, obj.i):
        if "\n" in obj.doc[i].text:
            before = obj.doc[i - 1]
            return before if before.i > prep.i and before.head.i == obj.i else obj
    return obj


def _where_said(prep: Token) -> bool:
    """Whether a place phrase says where something was said, not where people were
    ("said *in* a statement from Geneva", "told reporters *in* Brussels", "said in his
    statements *to* Sky News": a phrase of a reporting verb, ``report_verbs``, or of the
    nouns of its phrases)."""
    reporting = _tables().reporting
    head = prep.head
    for _ in range(4):  # up through the phrases of nouns: "said in his statements to X"
        if head.pos_ in ("VERB", "AUX") or head.dep_ not in ("dobj", "dative", "pobj", "prep"):
            break
        head = head.head
    return head.pos_ in ("VERB", "AUX") and _lemma(head) in reporting


def _at_the_scene(verb: Token) -> bool:
    """Whether a clause puts its people at the place of the event told before
    ("pronounced dead *at the scene*", "died *on the spot*": ``scene_nouns``).

    >>> # "Three people were pronounced dead at the scene" → True
    """
    scenes = _tables().scenes
    return any(
        w.dep_ == "pobj" and w.head.lower_ in _PLACE_PREPS and _lemma(w) in scenes and _definite(w)
        for w in own_clause(verb)
    )


def _after_place_preposition(span: SpacySpan) -> bool:
    """Whether a span is the object of a place preposition ("in Goma"), as a town the
    recogniser took for a person or a group must be to be read as one (not "(UPI)")."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPS


def _definite(noun: Token) -> bool:
    """Whether a noun names something told of before ("*the* shootout", "*this*
    attack")."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)


def _named(place: SpacySpan) -> bool:
    """Whether a place is named (an entity, a proper noun: "Fulton Avenue"), not only
    described ("a hookah bar")."""
    return any(w.ent_type_ or w.pos_ == "PROPN" for w in place)


def _determined(noun: Token) -> bool:
    """Whether a noun has an article or a demonstrative ("at *the* time", "in *a*
    village"): a common noun, not a town's name, in a text written in lower case."""
    return any(c.dep_ == "det" for c in noun.children)


def _pointing(noun: Token) -> bool:
    """Whether a noun points back rather than names ("*that* building", "*this*
    house"): a place the reader must look for elsewhere."""
    return any(
        c.dep_ == "det" and c.lower_ in ("that", "this", "these", "those") for c in noun.children
    )


def _plain_word(word: str) -> str:
    """A word without case or diacritics ("Herāt" → "herat")."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip(".,'’")


def _event_above(word: Token, t: _Tables) -> Token | None:
    """The event noun, or the verb of the event's clause, that a relative clause's
    noun belongs to: "the attack *launched* on Israel on *October 7*, which killed
    1,400" (the clause hangs on the date of the attack)."""
    node = word
    for _ in range(5):
        if _lemma(node) in t.events and node.pos_ == "NOUN":
            return node
        if node.pos_ == "VERB":
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _entity_of(token: Token) -> SpacySpan:
    """The entity span ``token`` is part of."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def own_clause(verb: Token) -> list[Token]:
    """The words of ``verb``'s own clause, in text order: its subtree without the
    clauses of other verbs in it (a conjunct clause, a complement, a relative clause),
    so that a chain of thousands of clauses is read in time in proportion to it.

    >>> # "3 were killed in Gaza, and 4 were hurt": for "killed", "3 were killed in Gaza"
    """
    found, stack = [], [verb]
    while stack:
        node = stack.pop()
        found.append(node)
        for child in node.children:
            if child.dep_ in _CLAUSES or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")):
                continue
            stack.append(child)
    return sorted(found, key=lambda w: w.i)


def _clause_verb(token: Token) -> Token:
    """The verb or adjective that heads the clause of ``token`` (the token itself when
    it is one)."""
    node = token
    for _ in range(12):
        if node.pos_ in ("VERB", "AUX") or node.dep_ in _CLAUSES or node.head.i == node.i:
            return node
        node = node.head
    return node


def _dateline(doc: Doc) -> SpacySpan | None:
    """The town of a dateline that opens one of the first paragraphs: "MINNEAPOLIS —",
    "GAZA CITY, Oct 26 (Reuters) -", "HESSTON, Kansas –": the words before its first
    comma, when a place entity starts there, or when they are written in capitals and a
    place or a state's abbreviation follows ("DAYTON, Ohio —", "SPRINGFIELD, Ill. —")."""
    text = doc.text
    starts = [0] + [i + 1 for i, c in enumerate(text[:3000]) if c == "\n"]
    for start in starts[:8]:
        head = text[start : start + 80].split("\n", 1)[0]  # never across a line
        cut = min((head.find(d) for d in (*DASHES, " - ") if head.find(d) > 0), default=-1)
        if cut <= 0:
            continue
        comma = head.find(",", 0, cut)
        end = start + (comma if comma > 0 else cut)
        town = doc.char_span(start, end, alignment_mode="contract")
        if town is None or not 0 < len(town) <= 4 or not town[0].is_upper:
            continue
        if town[0].ent_type_ in _AREA_LABELS or any(e.label_ in _AREA_LABELS for e in town.ents):
            return town
        rest = doc.char_span(end, start + cut, alignment_mode="contract")
        capitals = all(w.is_upper for w in town if w.is_alpha)
        placed = (
            rest is not None
            and 0 < len(rest) <= 4
            and (any(w.ent_type_ in _AREA_LABELS for w in rest) or rest.text.rstrip().endswith("."))
        )
        if capitals and comma > 0 and placed:
            return town
    return None


def is_window(verb: Token) -> bool:
    """A count for a window of time: "in the *past 24 hours*", "*overnight*", "on
    *Tuesday night*" is not one (an incident's time).

    >>> # "12 people were killed in the past 24 hours" → True
    """
    for token in own_clause(verb):
        if token.lower_ in _WINDOW_WORDS and token.dep_ in ("advmod", "npadvmod", "amod"):
            return token.lower_ in ("overnight", "daily")
        if (
            _lemma(token) in _WINDOW_NOUNS
            and not is_age(token)
            and any(c.lower_ in _WINDOW_MODIFIERS or c.dep_ == "nummod" for c in token.children)
        ):
            return token.head.dep_ == "prep" or token.dep_ in ("npadvmod", "pobj")
    return False


def is_age(token: Token) -> bool:
    """Whether a time noun tells someone's age ("a 17-*month*-old girl", "two *weeks*
    old"), not a window of time.

    >>> # "the shooting death of a 17-month-old girl" → True for "month"
    """
    after = token.doc[token.i + 1 : token.i + 3]
    return token.head.lower_ == "old" or any(w.lower_ == "old" for w in after)


def since_phrase(verb: Token) -> Token | None:
    """The word opening a since-phrase of the clause ("killed *since* fighting began
    on October 7", "*since* the war began")."""
    for child in verb.children:
        if child.lower_ in _SINCE and child.dep_ in ("prep", "mark", "advmod"):
            return child
        if child.dep_ == "advcl" and any(c.lower_ in _SINCE for c in child.children):
            return next(c for c in child.children if c.lower_ in _SINCE)
    return None


def is_cumulative(
    measure: str,
    trigger: Token,
    opening: Token | None,
    words: tuple[set[str], set[tuple[str, str]]],
) -> bool:
    """A running total: a since-phrase (``opening``), "so far", "to date", "in all",
    "this year", a toll or a total, or people in a state (held, missing, displaced);
    ``words`` are the
    words of the figure's clause and their pairs.

    >>> # "the death toll rose to 57" → True; "315 soldiers have been killed since ..." →
    >>> # True; "two men were shot" → False
    """
    if measure in _STATES or opening is not None or _lemma(trigger) in _CUMULATIVE_WORDS:
        return True
    single, pairs = words
    if any(p in pairs for p in _CUMULATIVE_PHRASES):
        return True
    return bool(single & {"toll", "tally", "cumulative", "altogether", "overall"})


# --- part_of ---------------------------------------------------------------------------


def parts(figures: Sequence[Figure], words: Sequence[tuple[Token, Token]]) -> list[str | None]:
    """For each figure, the id of the figure it breaks down, else None. ``words``
    holds each figure's number and counted word.

    >>> # "7,028 killed, including 2,913 children": the 2,913 is part of the 7,028;
    >>> # "released 4 kidnappers, ... and two elderly women": the two of the 4
    """
    owner: dict[int, str] = {}
    for figure, (number, counted) in zip(figures, words, strict=True):
        owner.setdefault(number.i, figure.id)
        owner.setdefault(counted.i, figure.id)
    found: list[str | None] = []
    for figure, (number, counted) in zip(figures, words, strict=True):
        total = _total_of(counted, number, owner)
        found.append(total if total != figure.id else None)
    return found


def _total_of(counted: Token, number: Token, owner: dict[int, str]) -> str | None:
    """The figure whose count ``counted`` breaks down: through "including"/"among"
    ("*including* 2,913 children"), a list set beside the total ("4 kidnappers, ... and
    *two* women"), or a partitive ("*two of them*", "*of the dead*, 12 were children")."""
    for word in (counted, number):
        head = word.head
        if word.dep_ == "pobj" and _lemma(head) in _INCLUDING and head.head.i in owner:
            return owner[head.head.i]
        if word.dep_ == "pobj" and _lemma(head) in _INCLUDING:
            above = head.head
            if above.head.i in owner and above.dep_ in ("appos", "conj", "dobj", "nsubj"):
                return owner[above.head.i]
    node = counted
    for _ in range(4):
        if node.dep_ not in ("conj", "appos") or node.head.i == node.i:
            break
        node = node.head
        if node.i in owner and node.dep_ != "conj":
            return owner[node.i]
    own = owner.get(number.i)
    of = [c for w in (counted, number) for c in w.children if c.dep_ == "prep" and c.lower_ == "of"]
    for obj in (o for c in of for o in c.children):  # "12 of the dead", "six of whom"
        if obj.i in owner and owner[obj.i] != own:
            return owner[obj.i]
        if obj.dep_ == "pobj" and points_back(obj):
            return _figure_before(min(counted, number, key=lambda w: w.i), owner)
    return None


def points_back(word: Token) -> bool:
    """Whether the object of a partitive's "of" names a group told of before: a
    pronoun ("six of *whom*", "one of *them*") or a definite plural ("four of *the
    victims*"), not a group of its own ("two of *his neighbours'* sons" is no count's
    part).

    >>> # "Four of the victims were critically injured": "victims" points back
    """
    if word.lower_ in _BACK_PRONOUNS:
        return True
    plural = word.tag_ in ("NNS", "NNPS") or word.pos_ == "ADJ"  # "of the dead"
    return plural and any(c.dep_ == "det" and c.lower_ == "the" for c in word.children)


def _figure_before(word: Token, owner: dict[int, str]) -> str | None:
    """The last figure before ``word`` in its sentence or the one before ("31 wounded,
    six *of whom* remain in hospital": the 31; "Three men were shot. *One of them*
    died.": the three)."""
    sent = word.sent
    start = sent.start
    if start > 0:
        start = word.doc[start - 1].sent.start
    for i in range(word.i - 1, start - 1, -1):
        if i in owner:
            return owner[i]
    return None


# --- one figure ------------------------------------------------------------------------


def frame_of(
    context: DocumentFrame,
    number: SpacySpan,
    counted: Token,
    trigger: Token,
    measure: str,
    sent: SpacySpan,
    statement: Token | None,
) -> Frame:
    """The frame of one figure; ``statement`` is the reporting verb of its attribution
    when it has one ("said")."""
    verb = _clause_verb(trigger)
    opening = since_phrase(verb)
    words = context.clause_words(verb)
    single, pairs = words
    own = {w.lower_ for w in number}
    words = (single | own, pairs)
    if context.window(verb):
        period = "window"
    elif is_cumulative(measure, trigger, opening, words):
        period = "cumulative"
    else:
        period = "incident"
    root = number.root
    counts = population(counted, measure, lambda: context.captives(sent), context.nationals)
    place, place_id = _place(context, counted, trigger, measure, period, counts)
    if not context.own_place:
        told = context.total_place(counted, root, measure) or context.told_count_place(
            number, measure
        )
        if told is not None:  # a breakdown is where its total is ("two of the four"), a
            place, place_id = told  # count told again where it was first ("the six")
    context.remember_place(counted, root, measure, (place, place_id))
    context.remember_count(number, measure, (place, place_id))
    return Frame(
        population=counts,
        place=place,
        place_id=place_id,
        period=period,
        since=_since(context, opening) if opening is not None else None,
        as_of=_as_of(context, sent, verb, statement),
        flags=flags(counted, measure),
    )


def _place(
    context: DocumentFrame,
    counted: Token,
    trigger: Token,
    measure: str,
    period: str,
    counts: str = "people",
) -> tuple[str | None, str | None]:
    """The place of a figure as written, and its gazetteer id: the first named venue
    (else the first venue) and the first area (a place the gazetteer knows) of its
    phrase or clause, else of its event, its clause's subject or an event told before;
    else the region of a running count, where the document puts the measure, the scene
    of the sentences before, the headline's place of a running count, the dateline or
    main place (the module's docstring gives the order). A state or country that holds
    the document's town gives way to the town ("HESSTON, Kansas": Hesston). A venue is
    written with its area ("the house, Kensington"). Captives released that their own
    words do not place are released from where the document holds them
    (:func:`captivity_place`). :func:`frame_of` puts a breakdown or a count told again
    where its first count is."""
    found = (
        context.clause_places(counted)  # "four to Jackson South, *one to Baptist Hospital*"
        or context.clause_places(trigger)
        or context.clause_places(_clause_verb(trigger))
        or context.event_places(trigger)
        or context.subject_places(_clause_verb(trigger))
        or context.told_event_places(_clause_verb(trigger))
    )
    context.own_place = bool(found)
    venue = _first_venue(context, found)
    area = next((p for p in found if context.is_area(p)), None)
    town = context.dateline or context.main
    if area is not None and town is not None and _holds(context, area, town):
        area = town
    running = period != "incident" or _up_to_now(_clause_verb(trigger))
    if area is None and running and context.region is not None:
        area = context.region  # a running toll of a document about several towns
    if area is None and (period != "incident" or venue is not None):
        area = context.measure_place(measure)
    if area is None and venue is None:
        area = captivity_place(context, measure, counts)
    if area is None and venue is None:
        # the place the story is at ("here", "the others"); with none, a running toll is
        # the story's ("Five killed in Anand district")
        at_scene = context.at_the_scene(_clause_verb(trigger))  # "dead at the scene"
        scene = context.scene(counted, _SCENE_SENTENCES, own=not at_scene)
        if not scene and period != "incident" and context.lead is not None:
            scene = [context.lead]
        venue = _first_venue(context, scene)
        area = next((p for p in scene if context.is_area(p)), None)
    if area is None and venue is None:
        area = context.measure_place(measure)
    if area is None and (venue is None or context.resolve(venue.text) is None):
        area = town  # a venue the gazetteer knows is its own place ("petlad town")
    if venue is None:
        if area is None:
            return None, None
        resolved = context.resolve(area.text)
        return as_written(area), resolved.id if resolved is not None else None
    if area is None or fold_name(area.text) in fold_name(venue.text):
        resolved = context.resolve(venue.text)
        return as_written(venue), resolved.id if resolved is not None else None
    written = f"{as_written(venue)}, {as_written(area)}"
    resolved = context.resolve(area.text)
    return written, resolved.id if resolved is not None else None


def captivity_place(context: DocumentFrame, measure: str, counts: str) -> SpacySpan | None:
    """Where captives a figure counts as released were held: the one place the document
    gives its hostages or kidnapped ("relatives held in Gaza": four released are released
    from Gaza). Not for prisoners or detainees, whose captivity is the other side's.

    >>> # "224 people are held in Gaza ... Hamas released 4 hostages" → Gaza
    """
    if measure != "released" or counts == "prisoners":
        return None
    return context.measure_place("held_hostage") or context.measure_place("kidnapped")


def _division_of(state: Place, named: Sequence[Place]) -> str | None:
    """The key of the gazetteer's division that a state outside the US is, read from
    the places a document names with it: the one division its towns of that country
    lie in, when the document names no other state of the country (the gazetteer keys
    an Indian town's division "IN.09", Gujarat "iso:IN-GJ"; "gujarat" named beside
    "ahmedabad" and "godhra" is IN.09)."""
    if state.kind != "admin1" or state.country in (None, "US"):
        return None
    states = {p.id for p in named if p.kind == "admin1" and p.country == state.country}
    keys = {p.region for p in named if p.kind == "city" and p.country == state.country}
    if states != {state.id} or len(keys) != 1:
        return None
    return keys.pop()


def _first_venue(context: DocumentFrame, found: Sequence[SpacySpan]) -> SpacySpan | None:
    """The first named venue of ``found`` ("a hookah bar and a liquor store on *Fulton
    Avenue*"), else the first venue."""
    venues = [p for p in found if not context.is_area(p)]
    return next((p for p in venues if _named(p)), venues[0] if venues else None)


def _holds(context: DocumentFrame, area: SpacySpan, town: SpacySpan) -> bool:
    """Whether ``area`` is a state, region or country that holds the document's town,
    or that the town's dateline names after it ("HESSTON, Kansas")."""
    outer = context.resolve(area.text)
    if outer is None or outer.kind == "city":
        return False
    inner = context.resolve(town.text)
    if inner is not None:
        return inner.id != outer.id and places.contains(outer, inner)
    return (
        town is context.dateline
        and area.start_char > town.start_char - 1
        and (area.start_char - town.end_char < 4 or area.sent.start == town.sent.start)
    )


def _since(context: DocumentFrame, opening: Token) -> dt.date | None:
    """The full date of a since-phrase ("since October 7"; "since fighting began on
    October 7")."""
    subtree = list(opening.subtree)
    if opening.dep_ == "mark":
        subtree = list(opening.head.subtree)
    lo, hi = subtree[0].idx, subtree[-1].idx + len(subtree[-1])
    for mention in context.dates_in(lo, hi):
        if len(mention.value) == 10:
            return dt.date.fromisoformat(mention.value)
    return None


def _period_free_dates(context: DocumentFrame, sent: SpacySpan) -> list[DateMention]:
    """The full dates of ``sent`` that start or end no period: not inside a since-,
    from-, until- or between-phrase ("since fighting began on *October 7*")."""
    excluded: list[tuple[int, int]] = []
    for token in sent:
        if token.lower_ in _SINCE | _SPAN_WORDS and token.dep_ in ("prep", "mark", "cc"):
            head = token.head if token.dep_ == "mark" else token
            lo, hi = head.left_edge, head.right_edge
            excluded.append((lo.idx, hi.idx + len(hi)))

    def usable(mention: DateMention) -> bool:
        if len(mention.value) != 10:
            return False
        if any(lo <= mention.start < hi for lo, hi in excluded):
            return False
        before = context.text[max(sent.start_char, mention.start - 12) : mention.start].split()
        return not (before and before[-1].lower() in _SINCE | _SPAN_WORDS)

    return [m for m in context.dates_in(sent.start_char, sent.end_char) if usable(m)]


def _as_of(
    context: DocumentFrame, sent: SpacySpan, verb: Token, statement: Token | None
) -> dt.date | None:
    """The date the count holds for: the statement's date ("said on Thursday"), else a
    full date of the sentence outside a since-, from- or until-phrase and not of another
    clause (:func:`of_another_clause`), else the published date."""
    mentions = context.sentence_dates(sent)
    roots = [context.doc.char_span(m.start, m.end, alignment_mode="expand") for m in mentions]
    if statement is not None:
        for mention, found in zip(mentions, roots, strict=True):
            if found is not None and _attached_to(found.root, statement, verb):
                return dt.date.fromisoformat(mention.value)
    for mention, found in zip(mentions, roots, strict=True):
        if found is None or not of_another_clause(found.root, verb):
            return dt.date.fromisoformat(mention.value)
    return context.published


def of_another_clause(word: Token, verb: Token) -> bool:
    """Whether a date sits in a clause of its own that does not hold the figure's clause
    (whose verb is ``verb``): the date of something else the sentence tells. A date of
    the clause that holds the figure's ("On Tuesday, police said 3 were killed") is
    the figure's.

    >>> # "The toll is now 525, though stray attacks were reported on Tuesday": the
    >>> # Tuesday is the attacks' ("reported"), not the toll's
    """
    node = word
    for _ in range(12):
        if node.i == verb.i:
            return False
        if node.pos_ in ("VERB", "AUX") and node.dep_ in _CLAUSES | {"ROOT"}:
            return not node.is_ancestor(verb)
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _attached_to(word: Token, statement: Token, verb: Token) -> bool:
    """Whether a date modifies the reporting verb rather than the figure's clause."""
    node = word
    for _ in range(6):
        if node.i == statement.i:
            return True
        if node.i == verb.i or node.head.i == node.i:
            return False
        node = node.head
    return False
