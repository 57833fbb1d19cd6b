"""Events across documents: the documents that report one incident or episode, however
each outlet words it (reposts, :mod:`according.ledger.reposts`, are the special case of
the same words).

**Sketch.** Each document is read once into a :class:`Sketch` (:func:`sketch`): the days
it speaks of (its published date, the full dates its text gives from a month before to
a day after, and the weekdays of its lead, :func:`lead_weekdays`), the days further
back it recalls (a follow-up naming the day of the shooting), the places it names (its
figures' places and its place entities, folded with ``series.place_key``, each also as
the gazetteer town it resolves to, and a town the recogniser took for an
organisation), the people it names (:func:`person_key`: full names, titles, nicknames
and initials aside), the numbers its figures give (measure and value, implied counts
aside) and the content words of its title and lead, cut to their first letters
(:func:`lead_words`; the capitalised ones also apart, :func:`proper_words`).

**Candidates, never all pairs.** An :class:`EventIndex` keeps, for each event, blocking
keys (:func:`blocking_keys`): each word of its places and capitalised word of its lead
× ISO week of each day, and each person's name; so a report finds every event that
:func:`share_place` would accept, however each writes the place.
A document is compared only with the events that share one of its keys (a key held by
more than :data:`CROWDED` events says nothing and is skipped), so assigning a document
costs the same at a thousand documents as at a million.

**Score.** :func:`score` weighs what a document shares with an event: people named
(the strongest sign: a follow-up months later names the victim or the accused in its
lead), a place on days close together (:func:`close`), the numbers of its figures and the
words of its title and lead. Every join needs a shared place (:func:`share_place`); a
document far in time from an event joins it only on a shared name as well, one close
in time needs more than the place (two shootings in one city a week apart stay apart;
so do two on one day that share nothing else). It joins the best-scoring event at or
above :data:`THRESHOLD`, else starts its own.

**Incremental.** Documents are assigned as they arrive (:meth:`EventIndex.add`); an
event never merges with another afterwards, so a document's event is fixed when it is
stored. The same documents in the same order always give the same events; in any
order, reports that each join the others directly meet (tested); a report that meets an
event only through another (the victims named days later, joining through the report
that named one of them) depends on the order (tested too).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from according.dating import WEEKDAYS
from according.ledger.names import name_key
from according.ledger.series import place_key
from according.places import Place, resolve
from according.records import Ledger
from according.typography import fold_name, plain
from according.wordlists import load_list

__all__ = [
    "CROWDED",
    "NEAR_DAYS",
    "THRESHOLD",
    "Event",
    "EventIndex",
    "Sketch",
    "best_event",
    "blocking_keys",
    "close",
    "group",
    "in_lead",
    "lead_weekdays",
    "lead_words",
    "person_key",
    "place_stems",
    "probe_keys",
    "proper_words",
    "score",
    "share_place",
    "sketch",
]

NEAR_DAYS = 2
"""How many days apart a document and an event may be and still be close in time."""
FAR_DAYS = 400
"""How many days after an event a follow-up naming its people may come."""
THRESHOLD = 1.25
"""The least score at which a document joins an event (set on the even half of
series-dev's incidents, checked on the odd half)."""
CROWDED = 64
"""A blocking key held by more events than this is skipped (a common name, a big
city's week): it would only add candidates that share nothing else."""
BEFORE = 31
"""How many days before its publication a date in the text may be and still be a day
the document speaks of; a date further back (up to :data:`FAR_DAYS`) is a day it
recalls (a follow-up naming the day of the shooting)."""
RECALL_DAYS = 1
"""How many days apart a day a document recalls and a day of an event may be for the
document to be close in time to the event."""

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_STOP = frozenset(load_list("repost_stopwords"))
_NICKNAME = re.compile(r"[\"\u201c][^\"\u201c\u201d]{1,30}[\"\u201d]")
#: Words that never name one place ("hospital", "east", "downtown").
_VAGUE_WORDS = frozenset(w.casefold() for w in load_list("place_generic"))
#: Words of a place that never tell one place from another ("street", "county", "bar").
_GENERIC_PLACE_WORDS = frozenset(
    w.casefold()
    for name in ("place_generic", "street_words", "venue_nouns")
    for w in load_list(name)
)
#: The kinds of gazetteer place that stand for the place a report writes otherwise
#: ("Elmira City", "the hospital, Elmira" → Elmira); a state or a country is too broad.
_TOWN_KINDS = frozenset({"city", "admin2"})


@dataclass(frozen=True, slots=True)
class Sketch:
    """What a document says of the event it reports, for grouping."""

    document: str
    days: frozenset[dt.date] = frozenset()
    places: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    numbers: frozenset[tuple[str, int]] = frozenset()
    words: frozenset[str] = frozenset()
    published: dt.date | None = None
    recalled: frozenset[dt.date] = frozenset()
    proper: frozenset[str] = frozenset()


def _days(ledger: Ledger) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """The days a document speaks of, and the days further back that it recalls."""
    published = ledger.document.published
    days: set[dt.date] = set()
    recalled: set[dt.date] = set()
    if published is not None:
        days.add(published)
    for mention in ledger.dates:
        try:
            day = dt.date.fromisoformat(mention.value)
        except ValueError:
            continue  # a month or a year: too coarse to place an incident
        if published is None or -1 <= (published - day).days <= BEFORE:
            days.add(day)
        elif BEFORE < (published - day).days <= FAR_DAYS:
            recalled.add(day)
    return frozenset(days), frozenset(recalled)


def person_key(name: str) -> str | None:
    """A person's name as the reports of one incident write it, or None when it is no
    full name: titles, a quoted nickname and initials aside (one report writes the
    middle initial, another not).

    >>> person_key("Roman M. Kellough"), person_key("Antonio \u201cCheeto\u201d Clark")
    ('roman kellough', 'antonio clark')
    >>> person_key("Sgt. Lewis") is None
    True
    """
    words = name_key(_NICKNAME.sub(" ", name), label="PERSON").split()
    full = [w for w in words if len(w) > 1]
    return " ".join(full) if len(full) >= 2 else None


def _town(place: Place | None) -> str | None:
    return place_key(place.name) if place is not None and place.kind in _TOWN_KINDS else None


def _places(ledger: Ledger) -> set[str]:
    """The places of a document's figures and place entities as written, each also as
    the town or county of the gazetteer it resolves to ("Elmira City", "the hospital,
    Elmira" → "elmira"), and the organisations named exactly as a town of a country
    the document names elsewhere too (:func:`_org_towns`)."""
    written = [f.place for f in ledger.figures if f.place]
    written += [e.name for e in ledger.entities if e.label in _PLACE_LABELS]
    places = {place_key(name) for name in written}
    resolved = [resolve(name) for name in written]
    places |= {_town(place) for place in resolved}
    places |= _org_towns(ledger, [p for p in resolved if p is not None])
    return {p for p in places if p}


def _org_towns(ledger: Ledger, resolved: list[Place]) -> set[str]:
    """The towns the recogniser took for organisations ("Evansville" labelled ORG): an
    organisation named exactly as a town or county of the gazetteer, when another place
    or organisation of the document lies in the same country ("Evansville" beside
    "Vanderburgh County"; a lone "Metro", a town in Indonesia, is no place of a report
    from Las Vegas)."""
    orgs = {e.name: resolve(e.name) for e in ledger.entities if e.label == "ORG"}
    found = [(name, p) for name, p in orgs.items() if p is not None]
    countries = Counter(p.country for p in [*resolved, *(p for _, p in found)])
    towns = {
        place_key(name)
        for name, p in found
        if p.kind in _TOWN_KINDS
        and fold_name(p.name) == fold_name(name)
        and countries[p.country] >= 2
    }
    return {t for t in towns if t}


LEAD = 400
"""How many characters of the text after the title count as its lead."""
STEM = 5
"""Words are compared by their first characters ("shoots", "shooting" → "shoot")."""


def _lead(title: str | None, text: str) -> str:
    """A document's title and the first :data:`LEAD` characters of the text after it."""
    body = text[len(title) :] if title and text.startswith(title) else text
    return f"{title or ''} {body[:LEAD]}"


_FULL_WEEKDAYS = [day for day in WEEKDAYS if len(day) > 5]  # "monday", not "mon"
_WEEKDAY = re.compile(
    r"(?<!\bnext )\b(" + "|".join(d.capitalize() for d in _FULL_WEEKDAYS) + r")\b"
)


def lead_weekdays(lead: str, published: dt.date) -> frozenset[dt.date]:
    """The days the weekdays of a lead name: each the latest such day on or before
    publication (not after "next"). The analysis reads dates only where the recogniser
    found one; a lead's "Late Sunday evening" still names the Sunday.

    >>> sorted(lead_weekdays("Late Sunday evening, the girl was shot", dt.date(2016, 5, 19)))
    [datetime.date(2016, 5, 15)]
    """
    days = set()
    for m in _WEEKDAY.finditer(lead):
        back = (published.weekday() - WEEKDAYS[m.group(1).lower()]) % 7
        days.add(published - dt.timedelta(days=back))
    return frozenset(days)


_CAPITAL = re.compile(r"(?<![\w'’-])[A-Z][^\W\d_]+")
_LOWER = re.compile(r"(?<![\w'’-])[a-z][^\W\d_]{3,}")


def proper_words(title: str | None, text: str) -> frozenset[str]:
    r"""The capitalised words of a document's lead, folded (names of places and people,
    and a few words that begin a sentence); of its title too unless every longer word
    of it is capitalised ("Man Shot Near Park").

    >>> sorted(proper_words("Girl shot in Memphis", "Girl shot in Memphis\n\nPolice said."))
    ['girl', 'memphis', 'police']
    """
    body = text[len(title) :] if title and text.startswith(title) else text
    lead = body[:LEAD]
    if title and _LOWER.search(title):
        lead = f"{title} {lead}"
    words = (plain(w).casefold() for w in _CAPITAL.findall(lead))
    return frozenset(w for w in words if len(w) > 2 and w not in _STOP)


def lead_words(title: str | None, text: str) -> frozenset[str]:
    r"""The content words of a document's title and lead, cut to :data:`STEM` characters.

    >>> sorted(lead_words("Toddler shoots sister", "Toddler shoots sister\n\nPolice said"))
    ['polic', 'said', 'shoot', 'siste', 'toddl']
    """
    words = _WORD.findall(plain(_lead(title, text)).casefold())
    return frozenset(w[:STEM] for w in words if len(w) > 2 and w not in _STOP)


def sketch(ledger: Ledger) -> Sketch:
    """The sketch of a document's ledger (see the module docstring): "Four shot in
    Brighton Park" with a figure "four people were shot" in Chicago and a person
    entity "Lavelle Jones" gives places {"brighton park", "chicago"}, names {"lavelle
    jones"}, numbers {("injured", 4)} and title words {"four", "shot", "brighton",
    "park"}."""
    names = {person_key(e.name) for e in ledger.entities if e.label == "PERSON"}
    numbers = {(f.measure, f.value) for f in ledger.figures if not f.implied}
    days, recalled = _days(ledger)
    doc = ledger.document
    if doc.published is not None:
        days |= lead_weekdays(_lead(doc.title, doc.text), doc.published)
    return Sketch(
        document=ledger.document.id,
        days=days,
        places=frozenset(_places(ledger)),
        names=frozenset(n for n in names if n),
        numbers=frozenset(numbers),
        words=lead_words(ledger.document.title, ledger.document.text),
        published=ledger.document.published,
        recalled=recalled,
        proper=proper_words(doc.title, doc.text),
    )


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def place_stems(places: Iterable[str]) -> set[str]:
    """The words of places that may tell one place from another, cut to :data:`STEM`
    characters: house numbers and words such as "street", "county" or "bar" aside.

    >>> sorted(place_stems({"3704 fannin st", "dallas independent school"}))
    ['dalla', 'fanni', 'indep']
    """
    return {
        w[:STEM]
        for place in places
        for w in place.split()
        if len(w) > 2 and not w[:1].isdigit() and w not in _GENERIC_PLACE_WORDS
    }


def _weeks(days: Iterable[dt.date], around: int = 0) -> set[str]:
    return {
        _week(day + dt.timedelta(days=shift))
        for day in days
        for shift in range(-around, around + 1)
    }


def blocking_keys(s: Sketch) -> set[str]:
    """The keys under which an event holding ``s`` is found: ``w:STEM@WEEK`` for each
    word of its places (:func:`place_stems`) and capitalised word of its lead
    (:func:`proper_words`), and each ISO week of its days (the words of its places also
    in the weeks of the days it recalls); ``n:NAME`` for each person named.

    >>> sorted(blocking_keys(Sketch("d", days=frozenset({dt.date(2017, 3, 10)}),
    ...     places=frozenset({"brighton park"}), names=frozenset({"lavelle jones"}))))
    ['n:lavelle jones', 'w:brigh@2017-W10']
    """
    keys = {f"n:{name}" for name in s.names}
    stems = place_stems(s.places)
    proper = {w[:STEM] for w in s.proper}
    keys.update(f"w:{stem}@{week}" for stem in stems | proper for week in _weeks(s.days))
    keys.update(f"w:{stem}@{week}" for stem in stems for week in _weeks(s.recalled))
    return keys


def probe_keys(s: Sketch) -> set[str]:
    """The keys to look up for ``s``: its names; the words of its places and the
    capitalised words of its lead (one report names "Dallas", another only "Dallas
    Independent School District", a third writes Memphis only in its lead) in the weeks
    of its days and the days next to them (an incident on a Sunday is reported on
    Monday, in another ISO week), and the words of its places in the weeks of the days
    it recalls; and ``p:PLACE@WEEK``, the place keys of a store made before place
    words."""
    keys = {f"n:{name}" for name in s.names}
    near = _weeks(s.days, NEAR_DAYS)
    recalled = _weeks(s.recalled, RECALL_DAYS)
    stems = place_stems(s.places)
    proper = {w[:STEM] for w in s.proper}
    keys.update(f"w:{stem}@{week}" for stem in stems | proper for week in near)
    keys.update(f"w:{stem}@{week}" for stem in stems for week in recalled)
    keys.update(f"p:{place}@{week}" for place in s.places for week in near | recalled)
    return keys


@dataclass
class Event:
    """Documents reporting one incident, and what they say of it taken together."""

    id: int
    documents: list[str] = field(default_factory=list)
    days: Counter[dt.date] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    numbers: Counter[tuple[str, int]] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)
    published: list[dt.date] = field(default_factory=list)
    recalled: Counter[dt.date] = field(default_factory=Counter)
    proper: Counter[str] = field(default_factory=Counter)

    def add(self, s: Sketch) -> None:
        self.documents.append(s.document)
        self.days.update(s.days)
        self.places.update(s.places)
        self.names.update(s.names)
        self.numbers.update(s.numbers)
        self.words.update(s.words)
        self.recalled.update(s.recalled)
        self.proper.update(s.proper)
        if s.published is not None:
            self.published.append(s.published)

    def to_json(self) -> dict[str, Any]:
        """The event's state, to store and read back (:meth:`from_json`)."""
        return {
            "id": self.id,
            "documents": list(self.documents),
            "days": {d.isoformat(): n for d, n in sorted(self.days.items())},
            "places": dict(sorted(self.places.items())),
            "names": dict(sorted(self.names.items())),
            "numbers": [[m, v, n] for (m, v), n in sorted(self.numbers.items())],
            "words": dict(sorted(self.words.items())),
            "published": [d.isoformat() for d in self.published],
            "recalled": {d.isoformat(): n for d, n in sorted(self.recalled.items())},
            "proper": dict(sorted(self.proper.items())),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Event:
        return cls(
            id=int(data["id"]),
            documents=[str(d) for d in data["documents"]],
            days=Counter({dt.date.fromisoformat(d): int(n) for d, n in data["days"].items()}),
            places=Counter({str(k): int(n) for k, n in data["places"].items()}),
            names=Counter({str(k): int(n) for k, n in data["names"].items()}),
            numbers=Counter({(str(m), int(v)): int(n) for m, v, n in data["numbers"]}),
            words=Counter({str(k): int(n) for k, n in data["words"].items()}),
            published=[dt.date.fromisoformat(d) for d in data["published"]],
            recalled=Counter(
                {dt.date.fromisoformat(d): int(n) for d, n in data.get("recalled", {}).items()}
            ),
            proper=Counter({str(k): int(n) for k, n in data.get("proper", {}).items()}),
        )

    @property
    def first(self) -> dt.date | None:
        """The earliest publication date of its documents."""
        return min(self.published) if self.published else None

    @property
    def last(self) -> dt.date | None:
        return max(self.published) if self.published else None

    @property
    def place(self) -> str | None:
        """The place its documents name most often (ties: alphabetically first)."""
        if not self.places:
            return None
        return min(self.places.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _gap(days: Iterable[dt.date], others: Iterable[dt.date]) -> int | None:
    """The fewest days between a day of ``days`` and one of ``others``."""
    mine, theirs = sorted(days), sorted(others)
    if not mine or not theirs:
        return None
    return min(abs((a - b).days) for a in mine for b in theirs)


def _place_words(place: str) -> frozenset[str]:
    """The words of a place that name it: house numbers and words that never name one
    place ("hospital", "east", "central") aside; none when only words such as "avenue"
    or "bar" are left ("Central Avenue" names no one street).

    >>> sorted(_place_words("3704 central avenue")), sorted(_place_words("college avenue"))
    ([], ['avenue', 'college'])
    """
    words = frozenset(w for w in place.split() if not w[:1].isdigit() and w not in _VAGUE_WORDS)
    return words if words - _GENERIC_PLACE_WORDS else frozenset()


def share_place(
    mine: Iterable[str], theirs: Iterable[str], my_words: Iterable[str], their_words: Iterable[str]
) -> bool:
    """Whether two documents (or a document and an event) name a place in common: the
    same place key; one's words all among the other's, house numbers aside ("fannin"
    and "3704 fannin st"); or a one-word place of one among the capitalised words of the
    lead of the other (:func:`proper_words`: "Terrell toddler shoots sister" and a
    report naming Terrell; whole words, so "Vensolmi" is not "Vensolsol Heights"). Words
    that never name one place do not count: "hospital" is no place two reports share,
    "the hospital, Elmira" and "Elmira" are.

    >>> share_place({"3704 fannin st"}, {"fannin"}, (), ())
    True
    >>> share_place({"chicago"}, {"evansville"}, {"police"}, {"chicago"})
    True
    >>> share_place({"springfield"}, {"spring"}, (), ())
    False
    >>> share_place({"washington park"}, {"washington avenue"}, (), ())
    False
    >>> share_place({"hospital"}, {"children's hospital"}, {"hospital"}, {"hospital"})
    False
    """
    words = {p: _place_words(p) for p in mine}
    others = {p: _place_words(p) for p in theirs}
    words = {p: w for p, w in words.items() if w}
    others = {p: w for p, w in others.items() if w}
    if words.keys() & others.keys():
        return True
    if any(a <= b or b <= a for a in words.values() for b in others.values()):
        return True
    proper, their_proper = set(my_words), set(their_words)
    return any(" " not in p and p in their_proper for p in words) or any(
        " " not in p and p in proper for p in others
    )


def close(s: Sketch, event: Event) -> bool:
    """Whether ``s`` is close in time to ``event``: a day of one within
    :data:`NEAR_DAYS` of a day of the other, or a day one recalls within
    :data:`RECALL_DAYS` of a day of the other (a follow-up two months later that names
    "the Nov. 26 shooting").

    >>> nov26 = Event(1, days=Counter({dt.date(2016, 11, 26): 1}))
    >>> close(Sketch("d", days=frozenset({dt.date(2017, 1, 25)}),
    ...     recalled=frozenset({dt.date(2016, 11, 26)})), nov26)
    True
    >>> close(Sketch("d", days=frozenset({dt.date(2017, 1, 25)}),
    ...     recalled=frozenset({dt.date(2016, 11, 20)})), nov26)
    False
    """
    gap = _gap(s.days, event.days)
    if gap is not None and gap <= NEAR_DAYS:
        return True
    gaps = (_gap(s.recalled, event.days), _gap(s.days, event.recalled))
    return any(g is not None and g <= RECALL_DAYS for g in gaps)


def in_lead(name: str, words: Iterable[str], their_words: Iterable[str]) -> bool:
    """Whether a person's surname is among the title and lead words of a document or
    an event: the person the report is about.

    >>> in_lead("jarnell carter", {"teen", "carte", "charg"}, {"shoot"})
    True
    >>> in_lead("peggy chiampas", {"bridg", "shoot"}, {"shoot", "tysha"})
    False
    """
    stem = name.split()[-1][:STEM]
    return stem in set(words) or stem in set(their_words)


def score(s: Sketch, event: Event) -> float:
    """How well ``s`` fits ``event``: 0 when it cannot join it.

    - each person both name: 2 (at most 4); a follow-up may come up to
      :data:`FAR_DAYS` later on this alone, on a person named in the title or lead of
      one of them (:func:`in_lead`: the victim or the accused, not the judge or the
      police spokesman quoted further down in reports of other shootings);
    - otherwise the document must be close in time (:func:`close`); either way it must
      share a place (an official named in many reports does not join them);
    - a shared place: 1; each shared number of a figure (measure and value): 0.75 (at
      most 1.5); a day one recalls that is a day of the other (the follow-up names the
      day of the shooting): 0.75; the title words' overlap (Dice coefficient of the
      sets): up to 2.

    Two reports of one shooting, a day apart, naming the city and "2 killed" and
    sharing half their title words, score 1 + 0.75 + 1 = 2.75; a shooting in the same
    city a week later, with no name in common, scores 0.
    """
    shared = set(s.names & event.names.keys())
    near = close(s, event)
    if not near:
        shared = {name for name in shared if in_lead(name, s.words, event.words.keys())}
    if shared:
        published = [d for d in (s.published, event.first) if d is not None]
        if len(published) == 2 and abs((published[0] - published[1]).days) > FAR_DAYS:
            return 0.0
        named = 2.0 * min(len(shared), 2)
    else:
        named = 0.0
        if not near:
            return 0.0
    if not share_place(s.places, event.places.keys(), s.proper, event.proper.keys()):
        return 0.0
    total = named + 1.0
    total += min(0.75 * len(s.numbers & event.numbers.keys()), 1.5)
    if s.recalled & event.days.keys() or s.days & event.recalled.keys():
        total += 0.75
    if s.words and event.words:
        theirs = event.words.keys()
        total += 2.0 * 2 * len(s.words & theirs) / (len(s.words) + len(theirs))
    return total


def best_event(
    s: Sketch, candidates: Mapping[int, Event], threshold: float = THRESHOLD
) -> int | None:
    """The event of ``candidates`` that ``s`` joins: the best score at or above
    ``threshold`` (ties: the earliest event), or None."""
    best: tuple[float, int] | None = None
    for eid in sorted(candidates):
        points = score(s, candidates[eid])
        if points >= threshold and (best is None or points > best[0]):
            best = (points, eid)
    return None if best is None else best[1]


class EventIndex:
    """Events as documents arrive, found through their blocking keys."""

    def __init__(self, threshold: float = THRESHOLD, crowded: int = CROWDED) -> None:
        self.threshold = threshold
        self.crowded = crowded
        self.events: dict[int, Event] = {}
        self.keys: dict[str, set[int]] = {}

    def candidates(self, s: Sketch) -> list[int]:
        """The events sharing a blocking key with ``s`` (crowded keys skipped), by id."""
        found: set[int] = set()
        for key in probe_keys(s):
            held = self.keys.get(key)
            if held and len(held) <= self.crowded:
                found |= held
        return sorted(found)

    def best(self, s: Sketch) -> int | None:
        """The event ``s`` joins, or None (:func:`best_event` of its candidates)."""
        found = {eid: self.events[eid] for eid in self.candidates(s)}
        return best_event(s, found, self.threshold)

    def add(self, s: Sketch) -> int:
        """Assign ``s`` to its event (a new one when none fits); return the event id."""
        eid = self.best(s)
        if eid is None:
            eid = len(self.events) + 1
            self.events[eid] = Event(eid)
        self.events[eid].add(s)
        for key in blocking_keys(s):
            self.keys.setdefault(key, set()).add(eid)
        return eid

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events.values())


def group(sketches: Iterable[Sketch], threshold: float = THRESHOLD) -> list[Event]:
    """The events of ``sketches``, assigned in the order given."""
    index = EventIndex(threshold)
    for s in sketches:
        index.add(s)
    return list(index)
