"""Events across documents: the documents that report one incident or episode, however
each outlet words it (reposts, :mod:`according.ledger.reposts`, are the special case of
the same words).

**Sketch.** Each document is read once into a :class:`Sketch` (:func:`sketch`): the days
it speaks of (its published date and the full dates its text gives from a month before
to a day after), the places it names (its figures' places and its place entities,
folded with ``series.place_key``), the people it names (person entities of two words
or more, folded with ``typography.fold_name``), the numbers its figures give (measure
and value, implied counts aside) and the content words of its title and lead, cut to
their first letters (:func:`lead_words`).

**Candidates, never all pairs.** An :class:`EventIndex` keeps, for each event, blocking
keys (:func:`blocking_keys`): each place × ISO week of each day, and each person's name.
A document is compared only with the events that share one of its keys (a key held by
more than :data:`CROWDED` events says nothing and is skipped), so assigning a document
costs the same at a thousand documents as at a million.

**Score.** :func:`score` weighs what a document shares with an event: people named
(the strongest sign: a follow-up months later names the victim or the accused), a
place on days close together (:data:`NEAR_DAYS`), the numbers of its figures and the
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

from according.ledger.series import place_key
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
    "group",
    "lead_words",
    "probe_keys",
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
the document speaks of."""

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_STOP = frozenset(load_list("repost_stopwords"))


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


def _days(ledger: Ledger) -> frozenset[dt.date]:
    published = ledger.document.published
    days: set[dt.date] = set()
    if published is not None:
        days.add(published)
    for mention in ledger.dates:
        try:
            day = dt.date.fromisoformat(mention.value)
        except ValueError:
            continue  # a month or a year: too coarse to place an incident
        if published is None or -1 <= (published - day).days <= BEFORE:
            days.add(day)
    return frozenset(days)


LEAD = 400
"""How many characters of the text after the title count as its lead."""
STEM = 5
"""Words are compared by their first characters ("shoots", "shooting" → "shoot")."""


def lead_words(title: str | None, text: str) -> frozenset[str]:
    """The content words of a document's title and lead, cut to :data:`STEM` characters.

    >>> sorted(lead_words("Toddler shoots sister", "Toddler shoots sister\n\nPolice said"))
    ['polic', 'said', 'shoot', 'siste', 'toddl']
    """
    body = text[len(title) :] if title and text.startswith(title) else text
    words = _WORD.findall(plain(f"{title or ''} {body[:LEAD]}").casefold())
    return frozenset(w[:STEM] for w in words if len(w) > 2 and w not in _STOP)


def sketch(ledger: Ledger) -> Sketch:
    """The sketch of a document's ledger (see the module docstring): "Four shot in
    Brighton Park" with a figure "four people were shot" in Chicago and a person
    entity "Lavelle Jones" gives places {"brighton park", "chicago"}, names {"lavelle
    jones"}, numbers {("injured", 4)} and title words {"four", "shot", "brighton",
    "park"}."""
    places = {place_key(f.place) for f in ledger.figures}
    places |= {place_key(e.name) for e in ledger.entities if e.label in _PLACE_LABELS}
    names = {
        fold_name(e.name)
        for e in ledger.entities
        if e.label == "PERSON" and len(e.name.split()) >= 2
    }
    numbers = {(f.measure, f.value) for f in ledger.figures if not f.implied}
    return Sketch(
        document=ledger.document.id,
        days=_days(ledger),
        places=frozenset(p for p in places if p),
        names=frozenset(names),
        numbers=frozenset(numbers),
        words=lead_words(ledger.document.title, ledger.document.text),
        published=ledger.document.published,
    )


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def blocking_keys(s: Sketch) -> set[str]:
    """The keys under which an event holding ``s`` is found: ``p:PLACE@WEEK`` for each
    place and ISO week of each of its days, ``n:NAME`` for each person named.

    >>> sorted(blocking_keys(Sketch("d", days=frozenset({dt.date(2017, 3, 10)}),
    ...     places=frozenset({"chicago"}), names=frozenset({"lavelle jones"}))))
    ['n:lavelle jones', 'p:chicago@2017-W10']
    """
    keys = {f"n:{name}" for name in s.names}
    weeks = {_week(day) for day in s.days}
    keys.update(f"p:{place}@{week}" for place in s.places for week in weeks)
    return keys


def probe_keys(s: Sketch) -> set[str]:
    """The keys to look up for ``s``: its own, with the weeks of the days next to its
    days (an incident on a Sunday is reported on Monday, in another ISO week)."""
    keys = {f"n:{name}" for name in s.names}
    weeks = {
        _week(day + dt.timedelta(days=shift))
        for day in s.days
        for shift in range(-NEAR_DAYS, NEAR_DAYS + 1)
    }
    keys.update(f"p:{place}@{week}" for place in s.places for week in weeks)
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

    def add(self, s: Sketch) -> None:
        self.documents.append(s.document)
        self.days.update(s.days)
        self.places.update(s.places)
        self.names.update(s.names)
        self.numbers.update(s.numbers)
        self.words.update(s.words)
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
    return frozenset(w for w in place.split() if not w[:1].isdigit())


def share_place(
    mine: Iterable[str], theirs: Iterable[str], my_words: Iterable[str], their_words: Iterable[str]
) -> bool:
    """Whether two documents (or a document and an event) name a place in common: the
    same place key; one's words all among the other's, house numbers aside ("fannin"
    and "3704 fannin st"); or a one-word place of one among the lead words of the other
    ("Terrell toddler shoots sister" and a report naming Terrell).

    >>> share_place({"3704 fannin st"}, {"fannin"}, (), ())
    True
    >>> share_place({"chicago"}, {"evansville"}, {"shoot"}, {"chica"})
    True
    >>> share_place({"washington park"}, {"washington avenue"}, (), ())
    False
    """
    mine, theirs = set(mine), set(theirs)
    if mine & theirs:
        return True
    words = [_place_words(p) for p in mine]
    others = [_place_words(p) for p in theirs]
    if any(a and b and (a <= b or b <= a) for a in words for b in others):
        return True
    stems, their_stems = set(my_words), set(their_words)
    return any(" " not in p and p[:STEM] in their_stems for p in mine) or any(
        " " not in p and p[:STEM] in stems for p in theirs
    )


def score(s: Sketch, event: Event) -> float:
    """How well ``s`` fits ``event``: 0 when it cannot join it.

    - each person both name: 2 (at most 4); a follow-up may come up to
      :data:`FAR_DAYS` later on this alone;
    - otherwise the document must be close in time (within :data:`NEAR_DAYS` of a day
      of the event); either way it must share a place (an official named in many
      reports does not join them);
    - a shared place: 1; each shared number of a figure (measure and value): 0.75 (at
      most 1.5); the title words' overlap (Dice coefficient of the sets): up to 2.

    Two reports of one shooting, a day apart, naming the city and "2 killed" and
    sharing half their title words, score 1 + 0.75 + 1 = 2.75; a shooting in the same
    city a week later, with no name in common, scores 0.
    """
    gap = _gap(s.days, event.days)
    shared_names = len(s.names & event.names.keys())
    if shared_names:
        published = [d for d in (s.published, event.first) if d is not None]
        if len(published) == 2 and abs((published[0] - published[1]).days) > FAR_DAYS:
            return 0.0
        named = 2.0 * min(shared_names, 2)
    else:
        named = 0.0
        if gap is None or gap > NEAR_DAYS:
            return 0.0
    if not share_place(s.places, event.places.keys(), s.words, event.words.keys()):
        return 0.0
    total = named + 1.0
    total += min(0.75 * len(s.numbers & event.numbers.keys()), 1.5)
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
