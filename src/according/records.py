"""The ledger's types: every record that comes from text carries its span.

All offsets are character offsets into :attr:`Document.text`. The JSON form of a
:class:`Ledger` is the contract described in DESIGN.md; :meth:`Ledger.to_json` and
:meth:`Ledger.from_json` are its only writer and reader.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from according.errors import AccordingError

__all__ = [
    "ATTRIBUTION_KINDS",
    "MEASURES",
    "PERIODS",
    "POPULATIONS",
    "QUALIFIERS",
    "AttributedTo",
    "Attribution",
    "DateMention",
    "Document",
    "Entity",
    "Figure",
    "Ledger",
    "RecordError",
    "Span",
    "SpanError",
    "is_population",
]

JSON = dict[str, Any]

ATTRIBUTION_KINDS = ("direct", "indirect", "mixed", "according_to")
MEASURES = (
    "killed",
    "injured",
    "kidnapped",
    "held_hostage",
    "released",
    "missing",
    "displaced",
    "arrested",
    "evacuated",
)
QUALIFIERS = ("exact", "about", "at_least", "more_than", "at_most", "less_than", "range")
POPULATIONS = (
    "people",
    "civilians",
    "children",
    "women",
    "elderly",
    "soldiers",
    "police",
    "fighters",
    "suspects",
    "hostages",
    "prisoners",
    "medics",
    "journalists",
    "aid_workers",
    "nationals",
)
"""Who a figure counts, as a controlled class (FIGURES.md "The frame"). ``police`` holds
police and security forces, ``fighters`` fighters and militants, ``prisoners`` prisoners
and detainees, ``medics`` medics and health workers. Nationals of a country are written
``nationals:XX`` with the country's ISO 3166 alpha-2 code ("Thai nationals" →
``nationals:TH``)."""
PERIODS = ("cumulative", "window", "incident")
"""A running total since a start, a count for a window of time, or one incident's count."""

AttributionKind = Literal["direct", "indirect", "mixed", "according_to"]


class RecordError(AccordingError, ValueError):
    """A record that breaks the ledger's rules (still a ValueError, as these were before
    they joined :class:`AccordingError`)."""


class SpanError(RecordError):
    """A span whose offsets or text do not fit the text it points into."""


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start:end`` of a text, with those characters.

    Invariant: ``0 <= start <= end`` and ``len(text) == end - start``.
    """

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise SpanError(f"bad span offsets {self.start}:{self.end}")
        if len(self.text) != self.end - self.start:
            raise SpanError(f"span text {self.text!r} does not fit {self.start}:{self.end}")

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``."""
        if end > len(text):
            raise SpanError(f"span {start}:{end} runs past a text of {len(text)} characters")
        return cls(start, end, text[start:end])

    def to_json(self) -> JSON:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


def _span_or_none(data: Mapping[str, Any] | None) -> Span | None:
    return Span.from_json(data) if data else None


def _date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class Document:
    """One news report as ingested: its main text and what is known about it.

    ``id`` is the input as given (a path or URL; ``PATH:LINE`` for a line of a JSON Lines
    file, the record's URL for a WARC record or feed entry). ``text`` is the main text;
    for a ``.txt`` input it is the file's content exactly as read, so offsets index the
    file. ``boilerplate`` holds the site furniture found in the text (see
    :mod:`according.boilerplate`).
    """

    id: str
    text: str
    title: str | None = None
    site: str | None = None
    url: str | None = None
    published: dt.date | None = None
    author: str | None = None
    language: str | None = None
    boilerplate: tuple[Span, ...] = ()

    def __post_init__(self) -> None:
        if not self.id:
            raise RecordError("a document needs an id")

    @property
    def key(self) -> str:
        """What makes two ingests the same document: its URL, else its text."""
        if self.url:
            return "url:" + self.url
        import hashlib

        return "sha256:" + hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def analysed_text(self) -> str:
        """``text`` with its :attr:`boilerplate` blanked: every character of a furniture
        span but a line break becomes a space. It has the length of ``text``, so an
        offset into one is an offset into the other; it is what the analysis, search and
        repost signatures read, so that furniture stays out of them while ``text`` stays
        the input as given.

        >>> furniture = (Span(7, 16, "Read more"),)
        >>> Document("d", "Hello.\nRead more\n", boilerplate=furniture).analysed_text
        'Hello.\n         \n'
        """
        if not self.boilerplate:
            return self.text
        chars = list(self.text)
        for span in self.boilerplate:
            for i in range(span.start, min(span.end, len(chars))):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)

    def with_published(self, published: dt.date | None) -> Document:
        """This document with its published date replaced (when one is given)."""
        return self if published is None else replace(self, published=published)


@dataclass(frozen=True, slots=True)
class Entity:
    """A named actor or place as one document mentions it (people, organisations,
    places, groups). ``name`` is its fullest mention; ``label`` a spaCy label
    (PERSON, ORG, GPE, LOC, NORP, FAC); ``descriptions`` roles and titles the text gives it.
    """

    id: str
    name: str
    label: str
    mentions: tuple[Span, ...]
    descriptions: tuple[str, ...] = ()

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "mentions": [m.to_json() for m in self.mentions],
            "descriptions": list(self.descriptions),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Entity:
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            label=str(data["label"]),
            mentions=tuple(Span.from_json(m) for m in data.get("mentions") or ()),
            descriptions=tuple(data.get("descriptions") or ()),
        )


@dataclass(frozen=True, slots=True)
class Attribution:
    """Something a source is reported to have said, written or believed.

    ``content`` has one span, or several when a quote is interrupted ("..., he said, ...").
    """

    id: str
    kind: AttributionKind
    cue: Span
    content: tuple[Span, ...]
    source: Span | None = None
    speaker: str | None = None
    medium: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ATTRIBUTION_KINDS:
            raise RecordError(f"unknown attribution kind {self.kind!r}")
        if not self.content:
            raise RecordError("an attribution needs content")

    def to_json(self) -> JSON:
        content: JSON | list[JSON] = (
            self.content[0].to_json()
            if len(self.content) == 1
            else [c.to_json() for c in self.content]
        )
        return {
            "id": self.id,
            "kind": self.kind,
            "source": self.source.to_json() if self.source else None,
            "speaker": self.speaker,
            "cue": self.cue.to_json(),
            "content": content,
            "medium": self.medium,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Attribution:
        content = data["content"]
        spans = content if isinstance(content, list) else [content]
        return cls(
            id=str(data["id"]),
            kind=data["kind"],
            cue=Span.from_json(data["cue"]),
            content=tuple(Span.from_json(c) for c in spans),
            source=_span_or_none(data.get("source")),
            speaker=data.get("speaker"),
            medium=data.get("medium"),
        )


@dataclass(frozen=True, slots=True)
class AttributedTo:
    """Who reported a figure: the source's words, its entity and attribution if known."""

    text: str
    entity: str | None = None
    attribution: str | None = None

    def to_json(self) -> JSON:
        return {"text": self.text, "entity": self.entity, "attribution": self.attribution}


@dataclass(frozen=True, slots=True)
class Figure:
    """A reported count of people (FIGURES.md). ``low``/``high`` are the bounds the
    qualifier implies; ``attributed_to`` is None for the reporter's own voice. The frame
    (``population``, ``place_id``, ``period``, ``since``, ``part_of``, ``flags``) is set
    by the analysis; ``population`` and ``period`` are None only in a figure made
    without it (a ledger written before it, or one built by hand)."""

    id: str
    measure: str
    value: int
    qualifier: str
    span: Span
    number: Span
    low: int | None = None
    high: int | None = None
    who: str | None = None
    place: str | None = None
    event: str | None = None
    as_of: dt.date | None = None
    attributed_to: AttributedTo | None = None
    population: str | None = None
    place_id: str | None = None
    period: str | None = None
    since: dt.date | None = None
    part_of: str | None = None
    flags: tuple[str, ...] = ()
    implied: bool = False

    def __post_init__(self) -> None:
        if self.measure not in MEASURES:
            raise RecordError(f"unknown measure {self.measure!r}")
        if self.qualifier not in QUALIFIERS:
            raise RecordError(f"unknown qualifier {self.qualifier!r}")
        if self.population is not None and not is_population(self.population):
            raise RecordError(f"unknown population {self.population!r}")
        if self.period is not None and self.period not in PERIODS:
            raise RecordError(f"unknown period {self.period!r}")

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "measure": self.measure,
            "value": self.value,
            "qualifier": self.qualifier,
            "low": self.low,
            "high": self.high,
            "who": self.who,
            "span": self.span.to_json(),
            "number": self.number.to_json(),
            "place": self.place,
            "event": self.event,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "attributed_to": self.attributed_to.to_json() if self.attributed_to else None,
            "population": self.population,
            "place_id": self.place_id,
            "period": self.period,
            "since": self.since.isoformat() if self.since else None,
            "part_of": self.part_of,
            "flags": list(self.flags),
            "implied": self.implied,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Figure:
        att = data.get("attributed_to")
        return cls(
            id=str(data["id"]),
            measure=str(data["measure"]),
            value=int(data["value"]),
            qualifier=str(data["qualifier"]),
            span=Span.from_json(data["span"]),
            number=Span.from_json(data["number"]),
            low=data.get("low"),
            high=data.get("high"),
            who=data.get("who"),
            place=data.get("place"),
            event=data.get("event"),
            as_of=_date_or_none(data.get("as_of")),
            attributed_to=(
                AttributedTo(att["text"], att.get("entity"), att.get("attribution"))
                if att
                else None
            ),
            population=data.get("population"),
            place_id=data.get("place_id"),
            period=data.get("period"),
            since=_date_or_none(data.get("since")),
            part_of=data.get("part_of"),
            flags=tuple(str(f) for f in data.get("flags") or ()),
            implied=bool(data.get("implied", False)),
        )


def is_population(value: str) -> bool:
    """Whether ``value`` is one of :data:`POPULATIONS` or ``nationals:XX``.

    >>> is_population("hostages"), is_population("nationals:TH"), is_population("cats")
    (True, True, False)
    """
    if value in POPULATIONS:
        return True
    head, _, code = value.partition(":")
    return head == "nationals" and len(code) == 2 and code.isascii() and code.isupper()


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date the text mentions, normalised to ISO: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``
    (as precise as the text is)."""

    start: int
    end: int
    text: str
    value: str

    def to_json(self) -> JSON:
        return {"start": self.start, "end": self.end, "text": self.text, "value": self.value}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DateMention:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]), str(data["value"]))


@dataclass(frozen=True, slots=True)
class Ledger:
    """Everything the analysis found in one document."""

    document: Document
    entities: tuple[Entity, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    figures: tuple[Figure, ...] = ()
    dates: tuple[DateMention, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> JSON:
        """The ledger JSON object of DESIGN.md."""
        d = self.document
        return {
            "id": d.id,
            "title": d.title,
            "site": d.site,
            "url": d.url,
            "published": d.published.isoformat() if d.published else None,
            "author": d.author,
            "language": d.language,
            "text": d.text,
            "boilerplate": [b.to_json() for b in d.boilerplate],
            "entities": [e.to_json() for e in self.entities],
            "attributions": [a.to_json() for a in self.attributions],
            "figures": [f.to_json() for f in self.figures],
            "dates": [x.to_json() for x in self.dates],
            **self.extra,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Ledger:
        known = {
            "id", "title", "site", "url", "published", "author", "language", "text",
            "boilerplate", "entities", "attributions", "figures", "dates",
        }  # fmt: skip
        document = Document(
            id=str(data["id"]),
            text=str(data["text"]),
            title=data.get("title"),
            site=data.get("site"),
            url=data.get("url"),
            published=_date_or_none(data.get("published")),
            author=data.get("author"),
            language=data.get("language"),
            boilerplate=tuple(Span.from_json(b) for b in data.get("boilerplate") or ()),
        )
        return cls(
            document=document,
            entities=tuple(Entity.from_json(e) for e in data.get("entities") or ()),
            attributions=tuple(Attribution.from_json(a) for a in data.get("attributions") or ()),
            figures=tuple(Figure.from_json(f) for f in data.get("figures") or ()),
            dates=tuple(DateMention.from_json(x) for x in data.get("dates") or ()),
            extra={k: v for k, v in data.items() if k not in known},
        )
