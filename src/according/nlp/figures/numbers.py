"""Number expressions that could count people, found in plain text.

``find_numbers`` reads a text with compiled regular expressions and word tables, without
a parse. It finds digits ("224", "1,400", Indian "1,09,503", "1.2 million", "2.5 lakh",
"2bn"), number words ("ninety-six", "one hundred and twelve", "a dozen", "half a
million"), vague amounts ("dozens", "tens of thousands") and ranges ("between 10 and
15", "10-15", "three or four", "35 to 40,000"), each with the qualifier words before or
after it. It leaves out what never counts people: years, dates, times of day, ages,
ordinals, money, percentages, phone numbers, measures and durations, fractions, scores,
and labels ("F-16", "COVID-19", "Resolution 2334", "page 5"). Counts of things ("50
vehicles") stay: telling people from things is the caller's job.

Values and bounds follow ``FIGURES.md``:

===========  ===================================  ===========  ===========
qualifier    as written                           low          high
===========  ===================================  ===========  ===========
exact        "224", "two dozen", "went up to 488" value        value
about        "about 200", "a dozen", "20 or so"   None         None
at_least     "at least 5", "dozens", "5 or more"  value        None
more_than    "more than 1,400", "over 50"         value        None
at_most      "up to 40", "as many as 9"           None         value
less_than    "fewer than 10", "under 30"          None         value
range        "between 10 and 15", "10-15"         lower bound  upper bound
===========  ===================================  ===========  ===========

A qualifier governs only the number right after it (or, for "or so", "-odd" and "or
more", right before it). A range is "between A and B", "A to B", "A-B", "A or B",
"anywhere from A to B" or "ranging from A to B"; its value is its lower bound. A bare
lower bound before a larger bound with a scale takes that scale: "35 to 40,000" is
35,000 to 40,000, "two to three million" 2,000,000 to 3,000,000. "From A to B" alone
is a change ("the toll rose from 30 to 57"): two numbers, each exact. Two numbers
joined by a dash that make no range ("3-1", "2014-16") are a score or a date, and
neither is kept. A vague amount takes its most conservative reading ("dozens" is 24)
with qualifier ``at_least`` unless a qualifier word says otherwise.

A bare four-digit number from 1800 to 2099 is a year unless a qualifier word stands
before it and a word follows it ("more than 2000 people"); "2000 people" alone is left
out. Decimals count only with a scale ("1.5 million"; "1.500" is 1.5, not a count).
A number larger than ``MAX_COUNT`` counts no people and is left out; a numeral of more
than ``MAX_NUMERAL_DIGITS`` digits is never converted to an integer.

The word lists are data files under ``according/data``: ``number_words``,
``number_scales``, ``scale_abbreviations``, ``vague_amounts``, ``inexact_numbers``,
``qualifiers``, ``trailing_qualifiers``, ``rise_verbs``, ``number_prefixes``,
``number_suffixes``, ``street_words``, ``months`` and ``not_number_phrases``.

Speed: the work is linear in the length of the text, whatever the text: no pattern
repeats a repeat (which can try every split of a run of blanks), a run of number words
is read in one pass per phrase of at most ``MAX_PHRASE_WORDS`` words, and a list before
a number is read back over at most ``MAX_LISTED`` numbers. The text is scanned once,
lower-cased and without ``re.IGNORECASE`` (which makes a scan five times slower); the
words around each number are then read with anchored matches only. The words before a
number are matched on the reversed text by patterns written backwards, one anchored
match instead of a search through a window.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

from according.errors import DataError
from according.typography import APOSTROPHES, HYPHENS, ODD_SPACES
from according.wordlists import load_list, load_table

__all__ = ["QUALIFIERS", "RISE_QUALIFIER", "NumberExpr", "find_numbers", "parse_number_words"]

QUALIFIERS = ("exact", "about", "at_least", "more_than", "at_most", "less_than", "range")

YEARS = (1800, 2099)
"""A bare four-digit number in this range is a year (see the module docstring)."""
MAX_AGE = 120
"""A number after a name and a comma ("Smith, 42,") is an age up to this."""
RISE_QUALIFIER = "up to"
"""After a word from ``rise_verbs`` this qualifier names a rise to a total, not a bound."""
MAX_COUNT = 10**10
"""The largest count of people a number may state (more than the world's people): an
expression whose value or bound is larger is no count and is left out."""
MAX_PHRASE_WORDS = 40
"""The most words one number phrase may span ("nine hundred and ninety-nine million
nine hundred ..." needs about 20); a longer run of number words is read in pieces."""
MAX_NUMERAL_DIGITS = 15
"""A numeral with more digits (and decimals) than this is read as more than
``MAX_COUNT`` without being converted: Python refuses to convert more than 4,300
digits, and the work grows with the length."""
MAX_LISTED = 20
"""The most numbers a list before a number ("aged 5, 7 and 9") is read back over."""

_LONG_DASHES = frozenset({"EM DASH", "HORIZONTAL BAR"})
"""Characters of ``typography.HYPHENS`` that stay as written: between two numbers a long
dash sets off a clause ("killed 12—police said 15"), not a range as a hyphen or an en
dash does ("10–15"), and after a number it ends an age ("Smith, 42—a teacher")."""
# Spaces, dashes and apostrophes written other ways, and their ASCII forms: one
# character for one, so that offsets into the normalised text hold for the original.
_ODD_CHARACTERS = (
    dict.fromkeys(ODD_SPACES, " ")
    | dict.fromkeys((c for c in HYPHENS if unicodedata.name(c) not in _LONG_DASHES), "-")
    | dict.fromkeys(APOSTROPHES, "'")
)
_ODD = re.compile("[" + "".join(_ODD_CHARACTERS) + "]")
_SP = r"[^\S\r\n]+"  # blanks within a line
_JOIN = r"(?:[^\S\r\n]|-)+"  # between the words of a listed phrase; never "(?:_SP|-)+",
# whose nested repeats try every split of a run of blanks (exponential backtracking)
_NUMERAL = r"(?:\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)"
_NUMERAL_TOKEN = re.compile(_NUMERAL)
_TOKEN = re.compile(r"[^\s-]+")
_GLUED = re.compile(r"(\d[\d,.]*)([^\W\d_]+)")
_SUFFIX_ADJECTIVES = (
    "more", "additional", "further", "long", "full", "straight", "consecutive",
    "successive", "whole", "entire",
)  # fmt: skip
"""Words allowed between a number and its unit ("three more days", "two full weeks")."""
_DIRECTIONS = r"(?i:north|south|east|west|northeast|northwest|southeast|southwest|[nsew]\.?)"
"""Words between a house number and a street name ("20582 southwest 119 Avenue")."""
_RANGE_OPENERS = ("between", "anywhere from", "ranging from", "from")
"""Words before a range; "from" alone makes "from A to B" a change, not a range."""

# Touching characters that make a number part of something else: "F-16", "3-1",
# "10/26", "10:30", "#5", "+44", "1990's".
_BAD_BEFORE = re.compile(r"(?:[^\W\d_]-|\d[-/:.,]|[/#+])$")
_BAD_AFTER = re.compile(r"-[^\W\d_]|-\d|/|:\d|[.,]\d|'[^\W\d_]")
_AGE_AFTER = re.compile(rf"[,)]|\.(?!\d)|[^\S\r\n]*(?:--|—|;)|{_SP}(?:and|or){_SP}[A-Z]")
_WORD_AFTER = re.compile(rf"{_SP}[^\W\d_]")
_RANGE_GAP = re.compile(rf"-|{_SP}(?P<word>to|and|or){_SP}", re.I)
# A phone number: "+44 20 7946 0958", "(555) 123-4567", "555-123-4567", "020 7946 0958";
# a pair like "1500-2000" is a range, three small groups ("10 20 30") a list.
_PHONE = (
    r"(?:(?:\+\d{1,3}|\(\d{1,5}\))[ .-]?(?:\(\d{1,5}\)[ .-]?)?(?:\d{6,12}|\d{2,5}(?:[ .-]\d{2,5})+)"
    r"|\d{3,5}(?:[ .-]\d{2,5}){2,})(?![\w])"
)

# Backward patterns (see the module docstring), each with the forward pattern it mirrors.
# An age after a name, "Smith, 42," or after any word, "kalota (47)":
# \b[A-Z][\w'.-]*, *$|[^\W\d_] *\($
_AGE_BEFORE = re.compile(r"[^\S\r\n]*,[\w'.-]*?[A-Z](?![\w'.-])|\([^\S\r\n]*[^\W\d_]")
# Numbers listed before this one, so that a prefix before the list governs it ("aged 5
# and 7"): (?:\d{1,3}(?:,|,? (?:and|or))? )+$
# (read back over at most MAX_LISTED numbers, so that a long list costs no more per number)
_LIST_BEFORE = re.compile(
    rf"(?:{_SP}(?:,|(?:dna|ro)(?!\w){_SP},?)?\d{{1,3}}(?![\d.,])){{1,{MAX_LISTED}}}", re.I
)

# Token kinds in a number phrase, and the kinds each may follow ("start": nothing yet).
_FOLLOWS = {
    "half": {"start", "a"},
    "a": {"start", "half"},
    "numeral": {"start"},
    "unit": {"start", "ten", "hundred", "big", "and"},
    "teen": {"start", "hundred", "big", "and"},
    "ten": {"start", "hundred", "big", "and"},
    "hundred": {"a", "half", "unit", "teen", "ten", "numeral", "and a half"},
    "big": {"a", "half", "unit", "teen", "ten", "hundred", "numeral", "and a half"},
    "abbr": {"numeral"},
    "and": {"hundred", "big"},
    "and a half": {"unit", "teen", "ten", "numeral"},
}
_UNFINISHED = {"start", "half", "a", "and"}
_BEYOND = Fraction(10**MAX_NUMERAL_DIGITS)
"""The value of a numeral too long to convert: more than any count."""


@dataclass(frozen=True, slots=True)
class NumberExpr:
    """A number in a text that could count people.

    ``start``/``end`` span the number itself (for a range, the whole range: "10 and 15"
    in "between 10 and 15"); ``text`` is ``text[start:end]`` of the original text.
    ``qualifier`` is one of ``QUALIFIERS``; ``low``/``high`` are the bounds it implies
    (see the module docstring). ``qualifier_start``/``qualifier_end`` span the qualifier
    words ("more than", "between", "or so"), or are None when there are none (a plain
    number, a bare "10-15", or a qualifier the number carries itself: "dozens",
    "a dozen"). ``vague`` marks amounts like "dozens" or "tens of thousands".
    """

    start: int
    end: int
    text: str
    value: int
    qualifier: str
    low: int | None
    high: int | None
    qualifier_start: int | None
    qualifier_end: int | None
    vague: bool

    def __post_init__(self) -> None:
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"{self.qualifier!r} is not a qualifier")


@dataclass(frozen=True, slots=True)
class _Text:
    """A text as read: the original; its normalised form, same offsets; that form
    lower-cased (for the scan) and reversed (for backward patterns)."""

    original: str
    norm: str
    lower: str
    reverse: str

    @classmethod
    def of(cls, text: str) -> _Text:
        norm = _ODD.sub(lambda m: _ODD_CHARACTERS[m.group()], text)
        lower = norm.lower()
        if len(lower) != len(norm):  # a few letters lower-case to two ("İ")
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in norm)
        return cls(text, norm, lower, norm[::-1])

    def ending_at(self, pattern: re.Pattern[str], pos: int) -> re.Match[str] | None:
        """A backward ``pattern`` matched on the text that ends at ``pos``."""
        return pattern.match(self.reverse, len(self.norm) - pos)

    def span(self, m: re.Match[str], group: int | str = 0) -> tuple[int, int]:
        """The span in the text of a group of a backward match."""
        return len(self.norm) - m.end(group), len(self.norm) - m.start(group)


@dataclass(frozen=True, slots=True)
class _Atom:
    """One number before ranges are joined. ``scale`` is the multiplier of its last
    scale word or, for digits with separators, the largest power of 1000 in it; None
    for a bare number ("35", "two"). ``digits`` holds the text of a plain numeral."""

    start: int
    end: int
    value: Fraction
    scale: int | None
    vague: bool
    inherent: str
    digits: str | None


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    low: Fraction
    high: Fraction | None
    atoms: tuple[_Atom, ...]
    opener: tuple[int, int] | None  # "between" / "anywhere from" of a range


@dataclass(frozen=True, slots=True)
class _Tables:
    """The word tables and the patterns compiled from them (lower-case patterns run on
    the lower-cased text; backward ones on the reversed text)."""

    words: dict[str, int]
    scales: dict[str, int]
    abbreviations: dict[str, int]
    vague: dict[str, int]
    inexact: dict[str, str]
    qualifiers: dict[str, str]
    trailing: dict[str, str]
    atom_re: re.Pattern[str]
    qualifier_re: re.Pattern[str]  # backward
    rise_re: re.Pattern[str]  # backward
    opener_re: re.Pattern[str]  # backward
    prefix_re: re.Pattern[str]  # backward
    month_before_re: re.Pattern[str]  # backward
    month_after_re: re.Pattern[str]
    trailing_re: re.Pattern[str]
    suffix_re: re.Pattern[str]
    address_re: re.Pattern[str]


# ---------------------------------------------------------------- tables


def _key(phrase: str) -> str:
    return " ".join(_TOKEN.findall(phrase.lower()))


def _int_table(name: str) -> dict[str, int]:
    return {_key(key): int(value) for key, value in load_table(name).items()}


def _qualifier_table(name: str) -> dict[str, str]:
    table = {_key(key): value for key, value in load_table(name).items()}
    for key, value in table.items():
        if value not in QUALIFIERS:
            raise DataError(f"according/data/{name}.txt: {key!r} has no qualifier {value!r}")
    return table


def _alternation(entries: Sequence[str], *, backward: bool = False) -> str:
    """One regex for listed phrases: words apart by blanks or hyphens, whole words
    where an entry starts or ends with a letter or digit. An all-letter entry written
    with a capital matches only as written ("May"). ``backward``: for the reversed text.
    Entries are grouped by their word bounds, longest first within a group, so that a
    bound is tested once per group rather than once per entry (seven times faster)."""
    groups: dict[tuple[bool, bool], list[str]] = {}
    for entry in sorted(entries, key=len, reverse=True):
        words = [w[::-1] for w in reversed(entry.split())] if backward else entry.split()
        body = _JOIN.join(re.escape(w) for w in words)
        body = body if entry.islower() or not entry.isalpha() else f"(?-i:{body})"
        groups.setdefault((words[0][0].isalnum(), words[-1][-1].isalnum()), []).append(body)
    return "|".join(
        (r"(?<!\w)" if head else "") + f"(?:{'|'.join(bodies)})" + (r"(?!\w)" if tail else "")
        for (head, tail), bodies in groups.items()
    )


def _vague_pattern(entries: dict[str, str]) -> tuple[str, dict[str, int]]:
    """The regex for vague amounts and their values; "(of)" entries need "of" next."""
    bodies: list[tuple[str, str]] = []
    values: dict[str, int] = {}
    for entry, value in entries.items():
        phrase, needs_of = entry.removesuffix("(of)").strip().lower(), entry.endswith("(of)")
        lookahead = rf"(?={_SP}of\b)" if needs_of else ""
        bodies.append((phrase, _JOIN.join(map(re.escape, phrase.split())) + lookahead))
        values[_key(phrase)] = int(value)
    bodies.sort(key=lambda body: len(body[0]), reverse=True)
    return "(?:" + "|".join(body for _, body in bodies) + r")(?!\w)", values


def _skip_pattern(words: dict[str, int]) -> str:
    """What the scan passes over, numbers and all: phone numbers, "one in five", and
    phrases in which a number word counts nobody ("no one", "one by one")."""
    small = _alternation(list(words))
    proportion = rf"(?:one|1){_SP}in{_SP}(?:every{_SP})?(?:\d{{1,3}}(?!\d)|{small})"
    phrases = _alternation([e.lower() for e in load_list("not_number_phrases")])
    return f"{_PHONE}|{proportion}|{phrases}"


def _atom_pattern(
    words: dict[str, int], scales: dict[str, int], abbreviations: dict[str, int], vague: str
) -> re.Pattern[str]:
    """Vague amounts, digits with their scales, and runs of number words (which
    ``_word_atoms`` splits into numbers) in the lower-cased text, after what the scan
    skips. One scan for all: each extra pass over the text would cost as much."""
    number_word = _alternation([*words, *scales])
    spaced_scale = _alternation([*scales, *(a for a in abbreviations if len(a) > 1)])
    numeral = (
        rf"(?<!\d[.,])(?P<digits>{_NUMERAL})"
        rf"(?:(?P<glued>[^\W\d_]+)|(?P<scales>(?:{_SP}(?:{spaced_scale}))+))?"
    )
    opening = rf"(?:an?{_SP})?(?:half(?:{_SP}|-)(?:an?{_SP})?)?"
    joiner = rf"(?:{_SP}and{_SP}(?:a{_SP}half{_SP})?|{_JOIN})"
    number_words = rf"{opening}(?:{number_word})(?:{joiner}(?:{number_word}))*"
    return re.compile(
        rf"(?<!\w)(?:(?P<skip>{_skip_pattern(words)})|(?P<vague>{vague})"
        rf"|(?P<numeral>{numeral})|(?P<words>{number_words}))"
    )


def _address_pattern() -> re.Pattern[str]:
    """A street after a house number: up to three names, then a street word not
    followed by another name ("7050 Old State Road", but not "12 Street Crimes")."""
    name = r"(?:[A-Z][\w'.-]*|\d+(?:st|nd|rd|th)?)"
    street = _alternation(load_list("street_words"))
    return re.compile(
        rf"(?:{_SP}{_DIRECTIONS}(?!\w))?(?:{_SP}{name}){{0,3}}{_SP}(?:{street})"
        rf"(?!{_SP}[A-Z][a-z])"
    )


def _backward(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


@functools.cache
def _tables() -> _Tables:
    words = _int_table("number_words")
    scales = _int_table("number_scales")
    abbreviations = _int_table("scale_abbreviations")
    vague_re, vague = _vague_pattern(load_table("vague_amounts"))
    qualifiers = _qualifier_table("qualifiers")
    trailing = _qualifier_table("trailing_qualifiers")
    months = load_list("months")
    suffixes = _alternation(load_list("number_suffixes"))
    return _Tables(
        words=words,
        scales=scales,
        abbreviations=abbreviations,
        vague=vague,
        inexact=_qualifier_table("inexact_numbers"),
        qualifiers=qualifiers,
        trailing=trailing,
        atom_re=_atom_pattern(words, scales, abbreviations, vague_re),
        qualifier_re=_backward(rf"{_SP}(?P<q>{_alternation(list(qualifiers), backward=True)})"),
        rise_re=_backward(rf"{_SP}(?:{_alternation(load_list('rise_verbs'), backward=True)})"),
        opener_re=_backward(rf"{_SP}(?P<q>{_alternation(_RANGE_OPENERS, backward=True)})"),
        prefix_re=_backward(
            rf"[^\S\r\n]*(?:{_alternation(load_list('number_prefixes'), backward=True)})"
        ),
        month_before_re=_backward(
            rf"{_SP}\.?(?:{_alternation([m.lower() for m in months], backward=True)})"
        ),
        month_after_re=re.compile(rf"{_SP}(?:of{_SP})?(?:{_alternation(months)})", re.I),
        trailing_re=re.compile(rf"(?:{_SP}|-)(?P<q>{_alternation(list(trailing))})", re.I),
        suffix_re=re.compile(
            rf"(?:{_RANGE_GAP.pattern}\d[\d,.]*)?"  # "from 50 to 70 per cent"
            # blanks, a dash, blanks: "(?:[ ]*-)?[ ]*", not "[ ]*-?[ ]*", which tries
            # every split of a run of blanks (quadratic in its length)
            rf"(?:[^\S\r\n]*-)?[^\S\r\n]*(?:of{_SP})?(?:(?:{'|'.join(_SUFFIX_ADJECTIVES)}){_SP})?"
            rf"(?:{suffixes})",
            re.I,
        ),
        address_re=_address_pattern(),
    )


# ---------------------------------------------------------------- number phrases


def _classify(token: str, t: _Tables) -> tuple[str, Fraction] | None:
    if token in ("a", "an", "half", "and", "and a half"):
        return ("a" if token == "an" else token), Fraction(0)
    if token in t.words:
        value = t.words[token]
        return ("unit" if value < 10 else "teen" if value < 20 else "ten"), Fraction(value)
    if token in t.scales:
        value = t.scales[token]
        return ("hundred" if value < 1000 else "big"), Fraction(value)
    if token in t.abbreviations:
        return "abbr", Fraction(t.abbreviations[token])
    if _NUMERAL_TOKEN.fullmatch(token):
        digits = token.replace(",", "")
        if len(digits) > MAX_NUMERAL_DIGITS:  # never converted (see MAX_NUMERAL_DIGITS)
            return "numeral", _BEYOND
        return "numeral", Fraction(int(digits) if digits.isdigit() else digits)
    return None


_HALF = ["and", "a", "half"]


def _prefixes(
    tokens: Sequence[str], t: _Tables, start: int = 0, stop: int | None = None
) -> Iterator[tuple[int, Fraction, int | None]]:
    """Each well-formed number phrase ``tokens[start:end]`` (lower-case tokens) with
    ``end`` up to ``stop``, shortest first: ``end``, its value and the multiplier of its
    last scale. One pass that stops at the first token that cannot follow: a phrase
    that fails there fails with anything after it, so the longest phrase from
    ``start`` costs its own length, not the length of the rest of the text.

    "and a half" after at least one token is one token ("two and a half million"); a
    phrase ending inside it ("two and", "two and a") is never well formed."""
    stop = len(tokens) if stop is None else stop
    total = current = Fraction(0)
    state, scale, last_big, hundred_in_group = "start", None, None, False
    i = start
    while i < stop:
        if i > start and list(tokens[i : i + 3]) == _HALF and i + 3 <= stop:
            token, i = "and a half", i + 3
        else:
            token, i = tokens[i], i + 1
        classified = _classify(token, t)
        if classified is None or state not in _FOLLOWS[classified[0]]:
            return
        kind, value = classified
        if kind == "numeral":
            current = value
        elif kind in ("unit", "teen", "ten"):
            current += value
        elif kind == "half":
            current = (current or Fraction(1)) / 2
        elif kind == "and a half":
            current += Fraction(1, 2)
        elif kind == "a":
            current = current or Fraction(1)
        elif kind == "hundred":
            if hundred_in_group:
                return
            current, scale, hundred_in_group = current * value, int(value), True
        elif kind in ("big", "abbr"):
            if last_big is not None and value >= last_big:
                return
            total, current = total + current * value, Fraction(0)
            scale, last_big, hundred_in_group = int(value), value, False
        state = kind
        if state not in _UNFINISHED:
            yield i, total + current, scale


def _longest(
    tokens: Sequence[str], t: _Tables, start: int = 0, stop: int | None = None
) -> tuple[int, Fraction, int | None] | None:
    """The longest well-formed number phrase from ``start`` (see ``_prefixes``)."""
    last = deque(_prefixes(tokens, t, start, stop), maxlen=1)
    return last[0] if last else None


def _parse(tokens: Sequence[str], t: _Tables) -> tuple[Fraction, int | None] | None:
    """The value of a number phrase (lower-case tokens) and the multiplier of its last
    scale, or None if it is not a well-formed number phrase."""
    last = _longest(tokens, t)
    if last is None or last[0] != len(tokens):
        return None
    return last[1], last[2]


def _phrase_tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for token in _TOKEN.findall(_Text.of(text).lower):
        glued = _GLUED.fullmatch(token)
        tokens.extend(glued.groups() if glued else (token,))
    return tokens


def parse_number_words(text: str) -> int | None:
    """The whole number a number phrase states, or None if it states none.

    Number words and scales ("ninety-six", "one hundred and twelve", "a dozen", "half
    a million", "two crore fifty lakh") and digits with scales ("1.2 million", "2bn",
    "2.5 lakh"): ``parse_number_words("1.2 million") == 1200000``. A phrase that is not
    well formed ("one two", "hundred"), not a whole number ("1.5") or larger than
    ``MAX_COUNT`` gives None.
    """
    parsed = _parse(_phrase_tokens(text), _tables())
    if parsed is None or parsed[0].denominator != 1 or parsed[0] > MAX_COUNT:
        return None
    return int(parsed[0])


# ---------------------------------------------------------------- atoms


def _comma_scale(digits: str, value: Fraction) -> int | None:
    if "," not in digits:
        return None
    scale = 1
    while scale * 1000 <= value:
        scale *= 1000
    return scale


def _numeral_atom(m: re.Match[str], t: _Tables) -> _Atom | None:
    digits, glued, scales = m.group("digits", "glued", "scales")
    tokens = [digits]
    if glued:
        if glued not in t.abbreviations:
            return None  # "3rd", "1990s", "5km"
        tokens.append(glued)
    elif scales:
        tokens.extend(scales.split())
    parsed = _parse(tokens, t)
    if parsed is None:
        return None
    value, scale = parsed
    plain = len(tokens) == 1
    return _Atom(
        start=m.start(),
        end=m.end(),
        value=value,
        scale=_comma_scale(digits, value) if plain else scale,
        vague=False,
        inherent="exact",
        digits=digits if plain else None,
    )


def _word_atoms(m: re.Match[str], t: _Tables) -> Iterator[_Atom]:
    """The well-formed number phrases in a run of number words, longest first:
    "between three and four" gives "three" and "four". Each phrase spans at most
    ``MAX_PHRASE_WORDS`` words, and is found in one pass over it (``_prefixes``)."""
    found = list(_TOKEN.finditer(m.group()))
    tokens = [token.group() for token in found]
    i = 0
    while i < len(tokens):
        longest = _longest(tokens, t, i, min(len(tokens), i + MAX_PHRASE_WORDS))
        if longest is None:
            i += 1
            continue
        j, value, scale = longest
        inherent = t.inexact.get(" ".join(tokens[i:j]), "exact")
        start, end = m.start() + found[i].start(), m.start() + found[j - 1].end()
        yield _Atom(start, end, value, scale, False, inherent, None)
        i = j


def _atoms(x: _Text, t: _Tables) -> Iterator[_Atom]:
    for m in t.atom_re.finditer(x.lower):
        if m.group("skip"):
            continue
        if m.group("vague"):
            value = Fraction(t.vague[_key(m.group())])
            yield _Atom(m.start(), m.end(), value, None, True, "at_least", None)
        elif m.group("numeral"):
            atom = _numeral_atom(m, t)
            if atom is not None:
                yield atom
        else:
            yield from _word_atoms(m, t)


# ---------------------------------------------------------------- ranges


def _range_opener(
    x: _Text, a: _Atom, joiner: str, t: _Tables
) -> tuple[bool, tuple[int, int] | None]:
    """Whether the words before ``a`` allow a range starting at it, and the span of the
    words opening it. "A and B" needs "between"; "from A to B" is a change."""
    m = x.ending_at(t.opener_re, a.start)
    opener = _key(m.group("q")[::-1]) if m else ""
    if (joiner == "and" and opener != "between") or opener == "from":
        return False, None
    return True, (x.span(m, "q") if m else None)


def _range_bounds(a: _Atom, b: _Atom) -> tuple[Fraction, Fraction] | None:
    low, high = a.value, b.value
    if a.scale is None and b.scale is not None and low < high / b.scale:
        low *= b.scale  # "35 to 40,000", "two to three million"
    return (low, high) if low < high else None


def _candidates(x: _Text, atoms: list[_Atom], t: _Tables) -> Iterator[_Candidate]:
    """Single numbers and ranges; a dash joining two numbers that make no range drops
    both (a score or a date)."""
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        gap = _RANGE_GAP.fullmatch(x.norm, a.end, b.start) if b else None
        if b is not None and gap is not None and not (a.vague or b.vague):
            joiner = (gap.group("word") or "-").lower()
            allowed, opener = _range_opener(x, a, joiner, t)
            bounds = _range_bounds(a, b) if allowed else None
            if bounds is not None:
                yield _Candidate(a.start, b.end, bounds[0], bounds[1], (a, b), opener)
                i += 2
                continue
            if joiner == "-":
                i += 2
                continue
        yield _Candidate(a.start, a.end, a.value, None, (a,), None)
        i += 1


# ---------------------------------------------------------------- filters


def _year_like(atom: _Atom) -> bool:
    return (
        atom.digits is not None
        and len(atom.digits) == 4
        and atom.digits.isdigit()
        and YEARS[0] <= atom.value <= YEARS[1]
    )


def _is_age(x: _Text, c: _Candidate) -> bool:
    """ "Smith, 42," or "Smith (42)"."""
    atom = c.atoms[0]
    return (
        len(c.atoms) == 1
        and atom.digits is not None
        and atom.value <= MAX_AGE
        and x.ending_at(_AGE_BEFORE, c.start) is not None
        and _AGE_AFTER.match(x.norm, c.end) is not None
    )


def _is_date(x: _Text, c: _Candidate, t: _Tables) -> bool:
    """A day beside a month: "October 7", "Oct. 7", "march 21", "7 October", "7-9 of
    May". Before a day any case is a month; after a number "May" and "March" need
    their capital ("30 may have died", "thousands march")."""
    if not any(a.digits is not None and len(a.digits) <= 2 for a in c.atoms):
        return False
    return bool(x.ending_at(t.month_before_re, c.start) or t.month_after_re.match(x.norm, c.end))


def _not_a_count(x: _Text, c: _Candidate, head: int, tail: int, t: _Tables) -> bool:
    """Whether the words touching a number make it money, a unit, a date, an age, an
    address, a label. ``head`` is where its qualifier starts; ``tail`` where a trailing one ends."""
    if _BAD_BEFORE.search(x.norm[max(0, c.start - 2) : c.start]):
        return True
    if _BAD_AFTER.match(x.norm, tail) or t.suffix_re.match(x.norm, tail):
        return True
    if t.address_re.match(x.norm, tail):
        return True
    listed = x.ending_at(_LIST_BEFORE, head)
    heads = {c.start, head, x.span(listed)[0] if listed else head}
    if any(x.ending_at(t.prefix_re, pos) for pos in heads):
        return True
    return _is_date(x, c, t) or _is_age(x, c)


def _qualifier_before(x: _Text, start: int, t: _Tables) -> tuple[str, int, int] | None:
    m = x.ending_at(t.qualifier_re, start)
    if m is None:
        return None
    phrase = _key(m.group("q")[::-1])
    q_start, q_end = x.span(m, "q")
    if phrase == RISE_QUALIFIER and x.ending_at(t.rise_re, q_start):
        return None  # "has gone up to 488": a rise to a total
    return t.qualifiers[phrase], q_start, q_end


def _qualifier_after(x: _Text, end: int, t: _Tables) -> tuple[str, int, int] | None:
    m = t.trailing_re.match(x.norm, end)
    if m is None:
        return None
    return t.trailing[_key(m.group("q"))], m.start("q"), m.end("q")


def _bounds(qualifier: str, value: int) -> tuple[int | None, int | None]:
    if qualifier == "exact":
        return value, value
    if qualifier in ("at_least", "more_than"):
        return value, None
    if qualifier in ("at_most", "less_than"):
        return None, value
    return None, None


def _whole(value: Fraction | None) -> bool:
    return value is None or (value.denominator == 1 and value >= 1)


def _expression(x: _Text, c: _Candidate, t: _Tables) -> NumberExpr | None:
    """The candidate as a number expression, or None when it counts nobody."""
    if not (_whole(c.low) and _whole(c.high)):
        return None
    if max(c.low, c.high or 0) > MAX_COUNT:
        return None  # no count of people
    atom = c.atoms[0]
    is_range = c.high is not None
    before = None if is_range else _qualifier_before(x, c.start, t)
    after = None if is_range or before or atom.vague else _qualifier_after(x, c.end, t)
    tail = after[2] if after else c.end
    head = c.opener[0] if c.opener else before[1] if before else c.start
    if _not_a_count(x, c, head, tail, t):
        return None
    if all(_year_like(a) for a in c.atoms) and (
        is_range or before is None or not _WORD_AFTER.match(x.norm, c.end)
    ):
        return None
    value = int(c.low)
    if c.high is not None:
        return _build(x, c, "range", (value, int(c.high)), c.opener)
    found = before or after
    qualifier = found[0] if found else atom.inherent
    return _build(x, c, qualifier, _bounds(qualifier, value), found[1:] if found else None)


def _build(
    x: _Text,
    c: _Candidate,
    qualifier: str,
    bounds: tuple[int | None, int | None],
    span: tuple[int, int] | None,
) -> NumberExpr:
    return NumberExpr(
        start=c.start,
        end=c.end,
        text=x.original[c.start : c.end],
        value=int(c.low),
        qualifier=qualifier,
        low=bounds[0],
        high=bounds[1],
        qualifier_start=span[0] if span else None,
        qualifier_end=span[1] if span else None,
        vague=len(c.atoms) == 1 and c.atoms[0].vague,
    )


def find_numbers(text: str) -> list[NumberExpr]:
    """Every number expression in ``text`` that could count people, in text order and
    not overlapping (see the module docstring for what is found and what is left out)."""
    t = _tables()
    x = _Text.of(text)
    found = (_expression(x, c, t) for c in _candidates(x, list(_atoms(x, t)), t))
    return [expr for expr in found if expr is not None]
