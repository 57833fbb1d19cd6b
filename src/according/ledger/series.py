"""Figure series across documents: one series per measure, people counted and place,
each point a report with its value, qualifier, as-of date, source and documents.

**Events.** Given each document's event (``according.ledger.events``), a series is
keyed by event, measure and population (``series_population``: within one incident,
the children, women or elderly counted are its people, so "a 15-year-old boy was
killed" and "one person was killed" are one series): the event settles the incident
and its place. The rest of this paragraph is how the figures of documents
of no event are grouped.

**Grouping.** A series is keyed by the measure, the class of people counted and the
place (``series_key``). "People", "persons", "hostages", "abductees", "captives" ... are
one class (for "held hostage" they are the same people); other heads keep their own
class ("soldiers", "children"). A place is normalised (``place_key``: case, a leading
"the", words like "province" or "Strip" dropped) so "the Gaza Strip" meets "Gaza". A
figure that names no place joins the series of its measure and people when that series
has exactly one place; when several places are named, it stays in a series of its own
(no place) rather than be counted for the wrong one. The event is kept as the series'
most named event, not used to split. The store keeps each figure's class and place key
with it (``according.store.rows.series_keys``), so that ``according figures`` groups and
filters series in SQL (``according.store.queries.figure_series``).

**One report per repost cluster.** Figures of documents that are copies of one original
(``originals``: document id → its cluster's original) with the same measure, value and
qualifier are one point, the original's, with the copies in ``copies`` (a copy may
reword the source: "the relief agency" → "the humanitarian agency").

**What a series says.** ``latest``: the count as of the latest as-of date
(``latest_count``: of the reports of that day, the count most of them give).
``by_source``: each source's latest point. ``spread``: for each as-of date two or more
sources speak for, the lowest and highest value. ``conflicts``:

- ``disagree``: two sources' points for the same as-of date whose intervals
  (``interval``: the bounds the qualifier implies, "about" ±10%) do not meet;
- ``backwards``: a cumulative measure (killed, injured, kidnapped, arrested, released,
  evacuated) that one source puts lower at a later date than it did before, beyond the
  qualifiers. Counts of people *in* a state (held hostage, missing, displaced) may fall.

Sources are the speaker's entity name when the figure's attribution resolved one, else
the source's words without what a clause adds (", which ...", ", whose ..."), else the
reporting outlet (the document's site) for the reporter's own voice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from according.typography import plain

__all__ = [
    "CUMULATIVE",
    "DEMOGRAPHIC",
    "Point",
    "Series",
    "build_series",
    "comparable",
    "counted",
    "fold",
    "interval",
    "latest_count",
    "lone_place",
    "merge_copies",
    "most_given",
    "most_reported",
    "place_key",
    "place_order",
    "series_key",
    "series_of",
    "series_population",
    "source_key",
    "who_class",
]

CUMULATIVE = frozenset({"killed", "injured", "kidnapped", "arrested", "released", "evacuated"})
"""Measures that only grow: a source putting one lower later has gone backwards."""
ABOUT = 0.1
"""How far "about N" reaches either side of N."""

DEMOGRAPHIC = frozenset({"children", "women", "elderly"})
"""Populations that say who the people are, not what they were (soldiers, hostages):
within one incident, counts of them are counts of its people."""

_PEOPLE = frozenset(
    {"people", "person", "persons", "individual", "individuals", "hostage", "hostages",
     "abductee", "abductees", "captive", "captives", "kidnappee", "kidnappees", "victim",
     "victims", "others", "whom", "them", "those", "who", "civilian", "civilians"}
)  # fmt: skip
_PLACE_WORDS = frozenset(
    {"the", "strip", "province", "region", "district", "governorate", "state", "city",
     "county", "town", "village", "area", "territory", "territories"}
)  # fmt: skip
_CLAUSE_TAIL = re.compile(
    r",\s*(?:which|who|whose|whom|where|that|set up|a|an|the)\b.*$|\s+\(.*$", re.IGNORECASE
)
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


def fold(text: str) -> str:
    """``text`` for matching: no case, no diacritics, ASCII dashes and quotes."""
    return plain(text).casefold()


def who_class(who: str | None) -> str:
    """The class of people a figure counts: "people" for generic heads, else the head
    noun in the singular ("soldiers" → "soldier")."""
    if not who:
        return "people"
    words: list[str] = _WORD.findall(fold(who.split(",")[0].split("(")[0]))
    if not words:
        return "people"
    head = words[-1]
    if head in _PEOPLE:
        return "people"
    if head.endswith("ies") and len(head) > 4:
        return head[:-3] + "y"
    if head.endswith("men"):
        return head[:-3] + "man"
    if head.endswith("s") and not head.endswith("ss"):
        return head[:-1]
    return head


def place_key(place: str | None) -> str | None:
    """A place normalised for matching ("the Gaza Strip" → "gaza"), or None."""
    if not place:
        return None
    words = [w for w in _WORD.findall(fold(place)) if w not in _PLACE_WORDS]
    return " ".join(words) or None


def source_key(text: str | None) -> str | None:
    """A source's words without the clause that follows it ("Hearthline International,
    whose staff ..." → "Hearthline International"; "the health ministry" → "Health
    ministry"), or None."""
    if not text:
        return None
    cleaned = _CLAUSE_TAIL.sub("", text).strip(" ,;:-") or text.strip()
    cleaned = re.sub(r"^(?:the|a|an)\s+", "", cleaned, flags=re.IGNORECASE)
    return cleaned[:1].upper() + cleaned[1:]


def interval(qualifier: str, value: int, low: int | None, high: int | None) -> tuple[float, float]:
    """The values a reported figure allows."""
    inf = float("inf")
    if qualifier == "exact":
        return float(value), float(value)
    if qualifier == "about":
        return value * (1 - ABOUT), value * (1 + ABOUT)
    if qualifier == "at_least":
        return float(value), inf
    if qualifier == "more_than":
        return value + 0.5, inf
    if qualifier == "at_most":
        return 0.0, float(value)
    if qualifier == "less_than":
        return 0.0, value - 0.5
    if qualifier == "range":
        return float(low if low is not None else value), float(high if high is not None else value)
    return float(value), float(value)


@dataclass(frozen=True, slots=True)
class Point:
    """One report of a figure: from one document, or one original and its copies."""

    measure: str
    value: int
    qualifier: str
    low: int | None
    high: int | None
    who: str | None
    place: str | None
    event: str | None
    as_of: dt.date | None
    source: str
    source_entity: str | None
    document: str
    published: dt.date | None
    number: str
    span: str
    copies: tuple[str, ...] = ()
    population: str = "people"
    place_id: str | None = None
    period: str = "incident"
    part_of: str | None = None
    implied: bool = False

    @property
    def interval(self) -> tuple[float, float]:
        return interval(self.qualifier, self.value, self.low, self.high)

    @property
    def when(self) -> tuple[dt.date, dt.date]:
        """Sort key: as-of date, then published date (unknown dates first)."""
        return (self.as_of or dt.date.min, self.published or dt.date.min)

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "qualifier": self.qualifier,
            "low": self.low,
            "high": self.high,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "source": self.source,
            "source_entity": self.source_entity,
            "document": self.document,
            "published": self.published.isoformat() if self.published else None,
            "copies": list(self.copies),
            "who": self.who,
            "place": self.place,
            "event": self.event,
            "number": self.number,
            "span": self.span,
            "population": self.population,
            "place_id": self.place_id,
            "period": self.period,
            "part_of": self.part_of,
            "implied": self.implied,
        }


@dataclass
class Series:
    """The points of one measure, class of people and place, in time order."""

    measure: str
    who: str
    place: str | None
    event: str | None
    points: list[Point] = field(default_factory=list)
    event_id: int | None = None
    """The event across documents its points' documents report (``ledger.events``)."""

    @property
    def key(self) -> dict[str, str | int | None]:
        return {"measure": self.measure, "who": self.who, "place": self.place,
                "event": self.event, "event_id": self.event_id}  # fmt: skip

    def latest(self) -> Point | None:
        """The point giving the series' count as of its latest as-of date (see
        :func:`latest_count`), among the points that count the whole (:func:`counted`)."""
        return latest_count(counted(self.points))

    def by_source(self) -> dict[str, Point]:
        return dict(sorted(_latest_per_source(self.points).items()))

    def spread(self) -> list[dict[str, Any]]:
        out = []
        for day, points in sorted(_by_day(self.points).items()):
            latest = _latest_per_source(points)
            if len(latest) >= 2:
                values = [p.value for p in latest.values()]
                out.append(
                    {"as_of": day.isoformat(), "low": min(values), "high": max(values),
                     "sources": len(latest)}
                )  # fmt: skip
        return out

    def conflicts(self) -> list[dict[str, Any]]:
        """Disagreements between comparable points only (:func:`comparable`), and a
        source's cumulative count going backwards."""
        found: list[dict[str, Any]] = []
        for day, points in sorted(_by_day(counted(self.points)).items()):
            latest = sorted(_latest_per_source(points).values(), key=lambda p: p.source)
            for i, a in enumerate(latest):
                for b in latest[i + 1 :]:
                    if comparable(a, b) and not _meet(a.interval, b.interval):
                        found.append(
                            {"kind": "disagree", "as_of": day.isoformat(),
                             "points": [a.to_json(), b.to_json()]}
                        )  # fmt: skip
        if self.measure in CUMULATIVE:
            found.extend(self._backwards())
        return found

    def _backwards(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        per_source: dict[str, list[Point]] = defaultdict(list)
        for p in counted(self.points):
            if p.as_of is not None and p.period != "window":
                per_source[p.source].append(p)
        for source in sorted(per_source):
            highest: Point | None = None
            for p in sorted(per_source[source], key=lambda p: p.when):
                later = highest is not None and p.as_of != highest.as_of
                if later and highest is not None and p.interval[1] < highest.interval[0]:
                    out.append(
                        {"kind": "backwards", "as_of": (p.as_of or dt.date.min).isoformat(),
                         "points": [highest.to_json(), p.to_json()]}
                    )  # fmt: skip
                if highest is None or p.interval[0] > highest.interval[0]:
                    highest = p
        return out

    def to_json(self) -> dict[str, Any]:
        latest = self.latest()
        return {
            "series": self.key,
            "points": [p.to_json() for p in sorted(self.points, key=lambda p: p.when)],
            "latest": latest.to_json() if latest else None,
            "by_source": {s: p.to_json() for s, p in self.by_source().items()},
            "spread": self.spread(),
            "conflicts": self.conflicts(),
        }


def counted(points: Sequence[Point]) -> list[Point]:
    """The points that give a series its count: those counting the whole (not a
    breakdown: ``part_of`` unset), reported ones only when any is reported (a count
    implied from a list of victims fills in only where no report gives a number).

    >>> p = Point("killed", 2, "exact", None, None, None, None, None, None, "s", None,
    ...           "d", None, "2", "2 killed")
    >>> [q.value for q in counted([p, replace(p, value=3, implied=True)])]
    [2]
    """
    whole = [p for p in points if p.part_of is None]
    reported = [p for p in whole if not p.implied]
    return reported or whole


def latest_count(points: Sequence[Point]) -> Point | None:
    """The point that gives the count as of the latest as-of date of ``points``.

    Only points of the kind of period most of them have count: an incident's counts,
    not a month's or a year's tally a report sets beside them (or a war's running
    totals, not one day's). Of the points of that date, a count of an incident's people
    rather than of its children, women or elderly (:func:`series_population`). Each
    report's count is the
    one it gives most often (a report repeats its count in the headline, the lead and
    the body; its other counts of one state are parts: "four men were wounded ... two
    victims were taken to hospital"); the count is the one most reports give. A tie goes
    to the larger (counts of the dead and hurt grow as news comes in). Of the points
    giving it, the one published last.

    >>> p = Point("injured", 4, "exact", None, None, None, None, None, dt.date(2013, 2, 7),
    ...           "Police", None, "a", None, "4", "four men were wounded")
    >>> part = replace(p, value=2, number="2", span="two victims were taken")
    >>> latest_count([p, part, p, replace(p, value=3, document="b")]).value
    4
    """
    if not points:
        return None
    kinds = Counter(p.period for p in points)
    kind = max(kinds, key=lambda k: (kinds[k], k == "incident", k == "cumulative"))
    points = [p for p in points if p.period == kind]
    last = max(p.as_of or dt.date.min for p in points)
    of_day = [p for p in points if (p.as_of or dt.date.min) == last]
    whole = [p for p in of_day if series_population(p.population, p.period) == p.population]
    of_day = whole or of_day
    given: dict[str, list[int]] = defaultdict(list)
    for p in of_day:
        given[p.document].append(p.value)
    value = most_given(most_given(values) for values in given.values())
    return max((p for p in of_day if p.value == value), key=lambda p: p.when)


def most_given(values: Iterable[int]) -> int:
    """The value given most often, the larger on a tie.

    >>> most_given([1, 3, 2, 3, 2, 5])
    3
    """
    votes = Counter(values)
    return max(votes, key=lambda v: (votes[v], v))


def comparable(a: Point, b: Point) -> bool:
    """Whether two points of one series and one as-of date may conflict: both count the
    whole (a breakdown never conflicts with its total or with other totals) and both
    the same kind of period (a window's count never with a cumulative one) and the same
    population (an incident's count of children may be part of its count of people).

    >>> p = Point("killed", 2, "exact", None, None, None, None, None, None, "s", None,
    ...           "d", None, "2", "2 killed")
    >>> comparable(p, replace(p, value=5)), comparable(p, replace(p, period="window"))
    (True, False)
    >>> comparable(p, replace(p, population="children"))
    False
    """
    return (
        a.part_of is None
        and b.part_of is None
        and a.period == b.period
        and a.population == b.population
    )


def _meet(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _by_day(points: Iterable[Point]) -> dict[dt.date, list[Point]]:
    out: dict[dt.date, list[Point]] = defaultdict(list)
    for p in points:
        if p.as_of is not None:
            out[p.as_of].append(p)
    return out


def _latest_per_source(points: Sequence[Point]) -> dict[str, Point]:
    out: dict[str, Point] = {}
    for p in sorted(points, key=lambda p: p.when):
        out[p.source] = p
    return out


def series_population(population: str, period: str | None) -> str:
    """The population a point's series is keyed by: an incident's children, women or
    elderly (:data:`DEMOGRAPHIC`) are its people; a running total or a window's count of
    them is their own series, as is every other population.

    >>> series_population("children", "incident"), series_population("children", "cumulative")
    ('people', 'children')
    >>> series_population("soldiers", "incident")
    'soldiers'
    """
    if population in DEMOGRAPHIC and period in (None, "incident"):
        return "people"
    return population


def series_key(point: Point) -> tuple[str, str]:
    """The measure and class of people of a point (the place is settled per group)."""
    return point.measure, who_class(point.who)


def merge_copies(
    points: Sequence[Point], originals: Mapping[str, str]
) -> list[tuple[int, tuple[str, ...]]]:
    """The reports among ``points``, each as the index of the point that stands for it
    and the documents of its copies, in the order the reports first appear.

    One point per report: a figure that copies of one original repeat (same measure,
    value and qualifier) is the original's point, with the copies listed, even when a
    copy rewords its source ("the relief agency" → "the humanitarian agency"). Within
    one document, two sources giving the same number stay two points."""
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for i, p in enumerate(points):
        cluster = originals.get(p.document, p.document)
        groups[(cluster, p.measure, p.value, p.qualifier)].append(i)
    reports: list[tuple[int, tuple[str, ...]]] = []
    for (cluster, *_), members in groups.items():
        members.sort(
            key=lambda i: (
                points[i].document != cluster,
                points[i].published or dt.date.max,
                points[i].document,
            )
        )
        head_document = points[members[0]].document
        heads = [i for i in members if points[i].document == head_document]
        copies: dict[int, set[str]] = defaultdict(set)
        for i in members:
            p = points[i]
            if p.document == head_document:
                continue
            same = [k for k, h in enumerate(heads) if points[h].source == p.source]
            copies[same[0] if same else 0].add(p.document)
        reports.extend((h, tuple(sorted(copies[k]))) for k, h in enumerate(heads))
    return reports


def lone_place(places: Iterable[str | None]) -> str | None:
    """The place key that the figures naming no place join, among the place keys of one
    measure and class of people: the only one there is, else None (with several, a
    figure naming none stays in a series of its own rather than be counted for the
    wrong one)."""
    named = set(places) - {None}
    return next(iter(named)) if len(named) == 1 else None


def place_order(key: str | None) -> tuple[bool, str]:
    """Sort key of a place key among one measure's and class's: by key, no place last."""
    return key is None, key or ""


def series_of(measure: str, who: str, points: Iterable[Point], names: Iterable[str]) -> Series:
    """The series of ``points`` (reports of one measure, class of people and place key),
    in time order, named by the most frequent of ``names`` (the place names of its
    points whose own place key is the series') and by its most frequent event."""
    members = list(points)
    named = Counter(names)
    events = Counter(p.event for p in members if p.event)
    return Series(
        measure=measure,
        who=who,
        place=named.most_common(1)[0][0] if named else None,
        event=events.most_common(1)[0][0] if events else None,
        points=sorted(members, key=lambda p: p.when),
    )


def most_reported(series: Iterable[Series]) -> list[Series]:
    """``series`` in the order they are listed: most points first, then by measure,
    class of people and place."""
    return sorted(series, key=lambda s: (-len(s.points), s.measure, s.who, s.place or ""))


def build_series(
    points: Iterable[Point],
    originals: Mapping[str, str] | None = None,
    events: Mapping[str, int] | None = None,
) -> list[Series]:
    """Group points into series (see the module docstring), most reported first.

    With ``events`` (ledger id → the id of its document's event, ``ledger.events``), the
    points of an event's documents are grouped by event, measure and population (the
    event settles the place and the incident: two shootings in one city a week apart
    are two events, so two series); the points of documents of no event as before."""
    given = list(points)
    merged = [replace(given[i], copies=c) for i, c in merge_copies(given, originals or {})]
    events = events or {}
    out: list[Series] = []
    of_event: dict[tuple[int, str, str], list[Point]] = defaultdict(list)
    groups: dict[tuple[str, str], list[Point]] = defaultdict(list)
    for p in merged:
        event = events.get(p.document)
        if event is None:
            groups[series_key(p)].append(p)
        else:
            of_event[event, p.measure, series_population(p.population, p.period)].append(p)
    for (event, measure, population), pts in sorted(of_event.items()):
        found = series_of(measure, population, pts, [p.place for p in pts if p.place])
        found.event_id = event
        out.append(found)
    for (measure, who), members in sorted(groups.items()):
        keys = [place_key(p.place) for p in members]
        joins = lone_place(keys)
        by_place: dict[str | None, list[Point]] = defaultdict(list)
        for p, key in zip(members, keys, strict=True):
            by_place[joins if key is None else key].append(p)
        for key, pts in sorted(by_place.items(), key=lambda kv: place_order(kv[0])):
            names = [p.place for p in pts if p.place and place_key(p.place) == key]
            out.append(series_of(measure, who, pts, names))
    return most_reported(out)
