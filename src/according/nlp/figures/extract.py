"""Reported figures: counts of people killed, held, released ... (FIGURES.md).

Every number expression ``numbers.find_numbers`` finds is read against the dependency
parse of its sentence:

1. **The counted word.** A number that modifies a noun counts that noun ("224
   *people*"); a number that stands alone counts itself ("22 were killed"); "dozens of
   *Palestinians*" counts the noun after "of".
2. **The measure**, from the structure around that word, never from a window of words:
   the counted noun itself ("224 *hostages*", "12 *dead*"); a word describing it
   ("*kidnapped* Israelis", "people *killed* in", "who *were wounded*"); the verb it is
   the object or passive subject of ("*killed* more than 1,400 people", "22 *were
   killed*"), or the subject of, for verbs like "die" and "flee" and for "are dead",
   "remain missing"; a toll it is the value of ("the death *toll* rose to 57", "a
   *toll* of 57"). A number in a list set beside another ("4 kidnappers, ... and two
   elderly women") takes the measure of the number it breaks down.
3. **People, not things.** The counted word must name people (``person_nouns``, a
   nationality or group, a noun ending like one, or a measure noun such as
   "hostages"); "50 vehicles were destroyed" is no figure. Projections ("could reach
   65", "expected to rise to 470") are none either.
4. **Who reported it**: the innermost attribution whose content holds the number (its
   speaker's name for a pronoun source), else a headline prefix ("Police: 3 dead"),
   else nobody (the reporter's own voice).
5. **When, where and what**: ``as_of`` is the fullest date the sentence gives, else the
   published date; ``place`` the first place the sentence names; ``event`` the event
   noun it names ("the attack", "the shooting").

Word lists are data: ``figure_measures``, ``figure_intransitive``, ``person_nouns``,
``thing_nouns``, ``figure_events`` and the helper lists of ``numbers``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from according.nlp.figures.numbers import NumberExpr, find_numbers
from according.nlp.parser_text import as_written
from according.records import AttributedTo, Attribution, DateMention, Entity, Figure, Span
from according.wordlists import load_list, load_table

__all__ = ["MeasureReader", "find_figures", "is_person_noun"]

_PERSON_ENDINGS = ("er", "ist", "ian", "ee", "ant", "ent", "ite")
"""Lemma endings of nouns for people ("protester", "journalist", "Palestinian")."""
_TOLL_WORDS = frozenset({"toll", "number", "count", "tally", "total", "figure"})
_TOLL_VERBS = frozenset(
    {"rise", "climb", "reach", "stand", "increase", "jump", "hit", "mount", "grow", "go",
     "be", "top", "surpass", "exceed", "cross", "soar", "surge", "put", "remain"}
)  # fmt: skip
_NOT_PEOPLE = frozenset({"wound", "toll", "attack", "shooting", "incident"})
"""Measure words that count no one ("multiple gunshot wounds")."""
_DWELL = frozenset({"live", "stay", "shelter", "sleep", "remain"})
_SUFFER = frozenset({"sustain", "suffer", "receive", "undergo"})
_COPULAS = frozenset({"be", "remain", "go", "lie", "stay", "become"})
_MODALS = frozenset({"could", "might", "may", "would", "should"})
_PROJECTIONS = frozenset({"expect", "fear", "predict", "project", "likely", "threaten"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them", "we", "i"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PEOPLE_LABELS = frozenset({"NORP", "PERSON"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ"})


@dataclass(frozen=True)
class _Tables:
    measures: dict[str, str]
    states: dict[str, str]
    intransitive: frozenset[str]
    persons: frozenset[str]
    things: frozenset[str]
    events: frozenset[str]
    reporting: frozenset[str]
    sources: frozenset[str]


@functools.cache
def _tables() -> _Tables:
    return _Tables(
        measures=load_table("figure_measures"),
        states=load_table("figure_states"),
        intransitive=frozenset(load_list("figure_intransitive")),
        persons=frozenset(load_list("person_nouns")),
        things=frozenset(load_list("thing_nouns")),
        events=frozenset(load_list("figure_events")),
        reporting=frozenset(load_list("report_verbs")),
        sources=frozenset(
            w for name in ("role_words", "institution_nouns") for w in load_list(name)
        ),
    )


@dataclass(frozen=True)
class _Reading:
    """How the parse reads one number: the measure, the word counted and the word that
    gave the measure."""

    measure: str
    counted: Token
    trigger: Token


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


class _Memo:
    """What the reading of one document's numbers shares: a word that many numbers
    lead to (a head with thousands of children, a long chain of conjuncts, the words
    between a number and a far head) is read once, not once per number, so that a
    document of thousands of numbers costs time in proportion to its length."""

    def __init__(self, doc: Doc) -> None:
        lines = [0]  # lines[i]: how many of the tokens before i hold a line break
        for token in doc:
            lines.append(lines[-1] + ("\n" in token.text))
        self.lines = lines
        self.doc = doc
        self.children: list[list[Token]] = [[] for _ in doc]
        for token in doc:
            if token.head.i != token.i:
                self.children[token.head.i].append(token)
        self.describing: dict[int, tuple[str, Token] | None] = {}
        self.of_object: dict[int, Token | None] = {}
        self.first_conjunct: dict[int, Token] = {}
        self.projecting: dict[int, bool] = {}
        self.text = doc.text
        self.breaks = [token.i for token in doc if "\n" in token.text]
        self.starts: list[int] | None = None  # where sentences start, when first asked
        self.places: dict[tuple[int, int], str | None] = {}
        self.events: dict[tuple[int, int], str | None] = {}

    def sentence(self, token: Token) -> tuple[int, int]:
        """Where the sentence of ``token`` starts and ends, as ``token.sent`` has them,
        without walking the sentence for each token."""
        doc = self.doc
        hooked = "sent" in doc.user_token_hooks or "sent" in doc.user_span_hooks
        if hooked or "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
            sent = token.sent
            return sent.start, sent.end
        if self.starts is None:
            self.starts = [t.i for t in doc if t.is_sent_start is True]
        k = bisect.bisect_right(self.starts, token.i)
        start = self.starts[k - 1] if k > 0 else 0
        return start, self.starts[k] if k < len(self.starts) else len(doc)


_MEMO: ContextVar[_Memo | None] = ContextVar("according_figures_memo", default=None)
"""The memo of the document whose figures are being read (set by ``find_figures``)."""


def _children(token: Token) -> list[Token]:
    """``token.children`` from the memo's index: spaCy walks the whole extent of a
    token's subtree to find its children, which is the length of the text for each
    word of a long chain ("10 and 10 and 10 ...")."""
    memo = _MEMO.get()
    if memo is not None and memo.doc is token.doc:
        return memo.children[token.i]
    return list(token.children)


def _lefts(token: Token) -> list[Token]:
    return [c for c in _children(token) if c.i < token.i]


def _rights(token: Token) -> list[Token]:
    return [c for c in _children(token) if c.i > token.i]


def _root(span: SpacySpan) -> Token:
    """``span.root`` without walking to the root of the sentence from each word when
    one word of the span is the only one whose head is outside it."""
    if "root" in span.doc.user_span_hooks:
        return span.root
    for token in span:
        if token.head.i == token.i:
            return token
    outside = [token for token in span if not span.start <= token.head.i < span.end]
    if not outside:
        return span[0]
    return outside[0] if len(outside) == 1 else span.root


def _counted(number: Token, memo: _Memo) -> Token:
    """The word a number counts: the noun it modifies, else itself."""
    head = number.head
    if number.dep_ in ("nummod", "quantmod", "amod", "compound", "npadvmod") and (
        head.pos_ in _NOMINAL and head.i != number.i and not _across_lines(number, head, memo)
    ):
        return head
    return number


def _across_lines(a: Token, b: Token, memo: _Memo) -> bool:
    lo, hi = sorted((a.i, b.i))
    return memo.lines[hi] > memo.lines[lo]


def _of_object(token: Token) -> Token | None:
    """ "dozens of *people*", "224 of the *hostages*": the noun after "of"."""
    for child in _rights(token):
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in _children(child):
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _measure_word(token: Token, t: _Tables) -> str | None:
    return t.measures.get(_lemma(token)) or t.measures.get(token.lower_)


_Found = tuple[str, Token] | None
"""A measure and the word that gave it, or None."""
_Rule = Callable[[Token, _Tables], _Found]
"""A measure rule: what it finds for a counted word, or None."""


def _first_found(rules: Sequence[_Rule], word: Token, t: _Tables) -> _Found:
    """What the first of ``rules`` that finds a measure for ``word`` finds."""
    for rule in rules:
        if (found := rule(word, t)) is not None:
            return found
    return None


# ---------------------------------------------------------------- describing rules


def _noun_itself(noun: Token, t: _Tables) -> _Found:
    """ "224 *hostages*", "12 *dead*": the counted word names the measure (a toll
    word does not: "a toll of 5")."""
    itself = _measure_word(noun, t)
    if itself and noun.pos_ in ("NOUN", "ADJ", "PROPN") and _lemma(noun) not in _TOLL_WORDS:
        return itself, noun
    return None


def _word_after(noun: Token, t: _Tables) -> _Found:
    """ "9 *dead*", "15 *wounded*": an adjective or participle right after the word."""
    after = _next_word(noun)
    beside = _measure_word(after, t) if after is not None else None
    if beside and after is not None and (after.pos_ == "ADJ" or after.tag_ == "VBN"):
        return beside, after
    return None


def _modifier(child: Token, noun: Token, t: _Tables) -> _Found:
    """ "three *kidnapped* Israelis": a modifier before the word."""
    measure = _measure_word(child, t)
    modifier = child.dep_ in ("amod", "compound") and child.i < noun.i
    if measure and modifier and _lemma(child) not in _TOLL_WORDS:
        return measure, child
    return None


def _passive_clause(child: Token, noun: Token, t: _Tables) -> _Found:
    """ "40 people *killed* in the raid", "six who *were wounded*": a clause on the
    word, unless it is active with an object of its own ("gunmen who killed 5")."""
    measure = _measure_word(child, t)
    if measure and child.dep_ in ("acl", "relcl") and not _active_with_object(child, noun):
        return measure, child
    return None


def _intransitive_clause(child: Token, noun: Token, t: _Tables) -> _Found:
    """ "30 people who *died* when ...": a clause whose verb needs no object."""
    measure = _measure_word(child, t)
    if measure and child.dep_ in ("acl", "relcl") and _lemma(child) in t.intransitive:
        return measure, child
    return None


def _relative_complement(child: Token, noun: Token, t: _Tables) -> _Found:
    """ "five people who are *missing*", "12 who are *in custody*": the complement or
    state of a relative clause."""
    if child.dep_ != "relcl":
        return None
    for grand in _children(child):
        if grand.dep_ in ("acomp", "attr") and (m := _measure_word(grand, t)):
            return m, grand
        if grand.dep_ == "prep" and (m := _state(grand, t)):
            return m, grand
    return None


def _state_phrase(child: Token, noun: Token, t: _Tables) -> _Found:
    """ "20 people *with gunshot wounds*", "14 *in hospital*": a state after the word."""
    if child.dep_ == "prep" and child.lower_ in ("with", "in") and (m := _state(child, t)):
        return m, child
    return None


def _clause_complement(child: Token, noun: Token, t: _Tables) -> _Found:
    """ "3,000 people rendered *homeless*", "two brought *dead*", "9,000 living *in
    camps*": the complement or state of a participle clause."""
    if child.dep_ != "acl":
        return None
    for grand in _children(child):
        if grand.dep_ in ("oprd", "acomp", "xcomp") and (m := _measure_word(grand, t)):
            return m, grand
        if grand.dep_ == "prep" and (m := _state(grand, t)):
            return m, grand
    return None


_DESCRIBING_CHILD: tuple[Callable[[Token, Token, _Tables], _Found], ...] = (
    _modifier,
    _passive_clause,
    _intransitive_clause,
    _relative_complement,
    _state_phrase,
    _clause_complement,
)
"""The rules for one word that depends on the counted word, in order."""


def _describing_child(noun: Token, t: _Tables) -> _Found:
    """The first child of the word (in text order) that a rule of ``_DESCRIBING_CHILD``
    finds a measure in, each child read by all the rules before the next: in "six men
    *who were wounded* ...", the clause on "men"."""
    for child in _children(noun):
        for rule in _DESCRIBING_CHILD:
            if (found := rule(child, noun, t)) is not None:
                return found
    return None


def _place_with(noun: Token, t: _Tables) -> _Found:
    """ "camps *with* 3,500 people": the word is the object of "with" after a place
    that names a state."""
    place = noun.head.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "with" and _lemma(place) in t.states:
        return t.states[_lemma(place)], place
    return None


_DESCRIBING: tuple[_Rule, ...] = (_noun_itself, _word_after, _describing_child, _place_with)
"""How the counted word, or the words that describe it, give a measure, in order."""


def _describing(noun: Token, t: _Tables) -> _Found:
    """A measure from the noun itself or the words that describe it."""
    return _first_found(_DESCRIBING, noun, t)


def _next_word(token: Token) -> Token | None:
    """The word right after ``token`` in its sentence, punctuation skipped no further."""
    i = token.i + 1  # (not token.sent.end: finding the sentence costs its length)
    doc = token.doc
    if i < len(doc) and not doc[i].is_sent_start and not doc[i].is_punct:
        return doc[i]
    return None


def _state(prep: Token, t: _Tables) -> str | None:
    """The measure a preposition's object names as a place or state ("in custody",
    "to hospital", "with gunshot wounds")."""
    for pobj in _children(prep):
        if pobj.dep_ == "pobj" and (m := t.states.get(_lemma(pobj))):
            return m
    return None


def _verb_measure(verb: Token, t: _Tables) -> str | None:
    """The measure a verb names for its object or passive subject: its lemma, or how
    it ends ("shot *to death*", "*fatally* shot", "burnt *alive*", "taken *into
    custody*")."""
    lemma = _lemma(verb)
    if (m := t.measures.get(lemma)) and lemma not in t.intransitive:
        return m
    for child in _children(verb):
        if child.dep_ in ("prt", "advmod") and (m := t.measures.get(f"{lemma} {child.lower_}")):
            return m
        if child.i > verb.i and _lemma(child) in ("hostage", "captive"):
            return "held_hostage" if lemma == "hold" else "kidnapped"
    subject = _subject(verb)
    in_care = subject is not None and t.states.get(_lemma(subject)) == "injured"
    if lemma in ("receive", "treat", "admit") and in_care:  # "hospitals received 12"
        return "injured"
    for child in _children(verb):
        if child.lower_ in ("fatally", "alive") or (
            child.dep_ in ("acomp", "oprd") and child.lower_ == "dead"
        ):
            return "killed"
        into = child.dep_ == "prep" and child.lower_ in ("to", "into", "in", "with", "under")
        if into and (m := _state(child, t)) is not None:
            return m
    return None


def _active_with_object(verb: Token, noun: Token) -> bool:
    """Whether ``verb`` is active with an object of its own (its subject, not its
    object, is ``noun``: "gunmen who killed 5")."""
    deps = {c.dep_ for c in _children(verb)}
    if "auxpass" in deps or "nsubjpass" in deps:
        return False
    return "dobj" in deps


def _toll(word: Token, t: _Tables) -> tuple[str, Token] | None:
    """The measure of ``word`` when it is a toll ("death toll", "the number of dead",
    "the toll" alone: killed), with ``word``."""
    if _lemma(word) not in _TOLL_WORDS and _measure_word(word, t) is None:
        return None
    of = _of_object(word)
    modifiers = [c for c in _children(word) if c.dep_ in ("compound", "amod")]
    for candidate in (*modifiers, *((of, *_children(of)) if of is not None else ())):
        if (m := _measure_word(candidate, t)) is not None:
            return m, word
    return ("killed", word) if _lemma(word) == "toll" else None


def _subject(verb: Token) -> Token | None:
    for child in _children(verb):
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


# ---------------------------------------------------------------- governing rules


def _acted_on(noun: Token) -> bool:
    """Whether ``noun`` is the object or passive subject of a verb, or the subject of
    a participle with no object ("four were burnt alive and two *killed*")."""
    dep, head = noun.dep_, noun.head
    elliptic = (
        dep == "nsubj" and head.tag_ == "VBN" and "dobj" not in {c.dep_ for c in _children(head)}
    )
    return (dep in ("dobj", "nsubjpass", "oprd") or elliptic) and head.pos_ in ("VERB", "AUX")


def _a_subject(noun: Token) -> bool:
    """Whether ``noun`` is the subject of a verb or an adjective."""
    return noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX", "ADJ")


def _verb_of_object(noun: Token, t: _Tables) -> _Found:
    """ "gunmen *killed* 12 people", "22 were *killed*", "5 were *shot dead*": the
    verb acting on the word names the measure."""
    if _acted_on(noun) and (m := _verb_measure(noun.head, t)) is not None:
        return m, noun.head
    return None


def _verb_complement(noun: Token, t: _Tables) -> _Found:
    """ "three people were found *dead*", "two were reported *missing*": the
    complement of the verb acting on the word."""
    if not _acted_on(noun):
        return None
    for child in _children(noun.head):
        if child.dep_ in ("xcomp", "oprd", "acomp") and (
            m := _measure_word(child, t) or _verb_measure(child, t)
        ):
            return m, child
    return None


def _left_as(noun: Token, t: _Tables) -> _Found:
    """ "the blast left 19 people *wounded*": what "leave" leaves the word as."""
    if not (_acted_on(noun) and noun.dep_ == "dobj" and _lemma(noun.head) == "leave"):
        return None
    for child in _children(noun.head):
        if child.dep_ in ("oprd", "xcomp", "ccomp", "acomp") and (m := _measure_word(child, t)):
            return m, child
    return None


def _intransitive_verb(noun: Token, t: _Tables) -> _Found:
    """ "30 people *died*", "2,000 *fled*": a verb with no object, of its subject."""
    head = noun.head
    lemma = _lemma(head)
    if _a_subject(noun) and (lemma in t.intransitive or head.lower_ in t.intransitive):
        return t.measures.get(lemma) or t.measures[head.lower_], head
    return None


def _subject_complement(noun: Token, t: _Tables) -> _Found:
    """ "two bodies were brought *dead*", "four men were found *dead*": a complement
    after the verb of the word."""
    if not _a_subject(noun):
        return None
    head = noun.head
    for child in _children(head):
        if child.dep_ in ("acomp", "oprd") and child.i > head.i and (m := _measure_word(child, t)):
            return m, child
    return None


def _dwelling(noun: Token, t: _Tables) -> _Found:
    """ "9,000 people were still living *in shelters*": where the word lives or stays."""
    if not (_a_subject(noun) and _lemma(noun.head) in _DWELL):
        return None
    for child in _children(noun.head):
        if child.dep_ == "prep" and (m := _state(child, t)):
            return m, child
    return None


def _suffering(noun: Token, t: _Tables) -> _Found:
    """ "three persons sustained serious burn *injuries*": what the word suffered."""
    if not (_a_subject(noun) and _lemma(noun.head) in _SUFFER):
        return None
    for child in _children(noun.head):
        if child.dep_ == "dobj" and (m := t.states.get(_lemma(child))):
            return m, child
    return None


def _copula(noun: Token, t: _Tables) -> _Found:
    """ "12 are *dead*", "40 remain *missing*", "six are *in hospital*": what the word
    is, remains or becomes."""
    head = noun.head
    if not (_a_subject(noun) and (_lemma(head) in _COPULAS or head.pos_ == "AUX")):
        return None
    for child in _children(head):
        if child.dep_ in ("acomp", "attr", "oprd", "xcomp") and (m := _measure_word(child, t)):
            return m, child
        if child.dep_ in ("acomp", "attr") and (m := t.states.get(_lemma(child))):
            return m, child
        if child.dep_ == "prep" and (m := _state(child, t)):
            return m, child
    return None


def _inverted_copula(noun: Token, t: _Tables) -> _Found:
    """ "*Wounded* were three women": the measure before an inverted copula."""
    head = noun.head
    if not (noun.dep_ == "attr" and _lemma(head) in _COPULAS):
        return None
    for child in _children(head):
        if (
            child.i != noun.i
            and child.dep_ in ("nsubj", "acomp", "auxpass", "advmod")
            and (m := _measure_word(child, t))
        ):
            return m, child
    return None


def _toll_of(noun: Token, t: _Tables) -> _Found:
    """ "the death *toll* rose to 57", "a *toll* of 57": the word is a toll's value."""
    valued = noun.dep_ in ("pobj", "dobj", "attr", "acomp", "npadvmod")
    if valued and noun.head.pos_ in ("ADP", "VERB", "AUX"):
        return _toll_value(noun, t)
    return None


_GOVERNING: tuple[_Rule, ...] = (
    _verb_of_object,
    _verb_complement,
    _left_as,
    _intransitive_verb,
    _subject_complement,
    _dwelling,
    _suffering,
    _copula,
    _inverted_copula,
    _toll_of,
)
"""How the verb or toll that governs the counted word gives a measure, in order."""


def _governing(noun: Token, t: _Tables) -> _Found:
    """A measure from the verb or toll that governs ``noun``."""
    if noun.head.i == noun.i:
        return None
    return _first_found(_GOVERNING, noun, t)


def _toll_value(value: Token, t: _Tables) -> tuple[str, Token] | None:
    """A number that is the value of a toll: "a death toll of 57", "the toll rose
    (from 30) to 57", "put the toll at 16", "took the number of fatalities up to 32",
    "the toll is now nearly 525"."""
    node = value
    for _ in range(4):  # up through "to", "from", "up"
        head = node.head
        if head.i == node.i or head.pos_ not in ("ADP", "ADV"):
            break
        node = head
    verb = node.head if node.i != value.i or value.dep_ == "pobj" else value.head
    if node.lower_ == "of" and (toll := _toll(verb, t)) is not None:
        return toll
    if verb.pos_ == "NOUN":  # "the spurt in the death toll from 544 to 607"
        for prep in _children(verb):
            for pobj in _children(prep):
                if prep.dep_ == "prep" and pobj.dep_ == "pobj" and (toll := _toll(pobj, t)):
                    return toll
        return None
    if _lemma(verb) not in _TOLL_VERBS and verb.pos_ not in ("VERB", "AUX"):
        return None
    for child in _children(verb):
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and (toll := _toll(child, t)):
            return toll
    return None


def _breakdown_head(noun: Token) -> Token | None:
    """The counted word a listed number breaks down ("4 kidnappers, ... and *two*
    elderly women": "kidnappers")."""
    node = noun
    for _ in range(4):
        if node.dep_ not in ("conj", "appos") or node.head.i == node.i:
            return None
        node = node.head
        if node.dep_ != "conj" and any(c.dep_ == "nummod" for c in _children(node)):
            return node
        if node.dep_ != "conj" and node.pos_ == "NUM":
            return node
    return None


def _projects(token: Token) -> bool:
    """Whether ``token`` is a verb or adjective of projection or has a modal."""
    if _lemma(token) in _PROJECTIONS:
        return True
    return any(c.dep_ == "aux" and c.lower_ in _MODALS for c in _children(token))


def _is_projection(trigger: Token, counted: Token, memo: _Memo) -> bool:
    """ "could reach 65", "expected to rise to 470", "feared dead": the trigger, the
    counted word, or a verb or adjective above the trigger up to the root of its
    clause."""
    for token in (trigger, counted):
        if token.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        if _projects(token):
            return True
        if token.dep_ in ("ROOT", "ccomp") and token.i != trigger.i:
            return False
    return trigger.head.i != trigger.i and _projecting(trigger.head, memo)


def _projecting(token: Token, memo: _Memo) -> bool:
    """Whether ``token`` or a word above it, up to the first verb or adjective that
    roots a clause ("ROOT", "ccomp"), projects: remembered for every word on the way,
    as a long chain of clauses ("3 were killed, 3 were killed, ...") is walked by each
    of its figures."""
    node, found = token, False
    path: list[int] = []
    while len(path) <= len(token.doc):
        if node.i in memo.projecting:
            found = memo.projecting[node.i]
            break
        path.append(node.i)
        if node.pos_ in ("VERB", "AUX", "ADJ"):
            if _projects(node):
                found = True
                break
            if node.dep_ in ("ROOT", "ccomp"):
                break
        if node.head.i == node.i:
            break
        node = node.head
    for i in path:
        memo.projecting[i] = found
    return found


def _names_people(word: Token, number: Token, t: _Tables) -> bool:
    if word.i == number.i or word.pos_ == "PRON":
        return True
    lemma = _lemma(word)
    if lemma in t.things or lemma in _NOT_PEOPLE:
        return False
    doc = word.doc
    if word.i + 2 < len(doc) and doc[word.i + 1].text == "-" and not word.whitespace_:
        return _names_people(doc[word.i + 2], number, t)  # "murder-suicides"
    if lemma in t.persons or word.lower_ in t.persons or word.ent_type_ in _PEOPLE_LABELS:
        return True
    if _measure_word(word, t) is not None:
        return True
    return word.pos_ in ("NOUN", "PROPN") and lemma.endswith(_PERSON_ENDINGS)


def _first_conjunct(noun: Token, memo: _Memo) -> Token:
    """ "she and her *two* sons were dead": the conjunct whose place in the clause the
    others share (remembered for every conjunct on the way)."""
    node, path = noun, []
    while node.i not in memo.first_conjunct and (
        node.dep_ == "conj" and node.head.i != node.i and node.head.pos_ in _NOMINAL
    ):
        path.append(node.i)
        node = node.head
    first = memo.first_conjunct.get(node.i, node)
    for i in (*path, node.i):
        memo.first_conjunct[i] = first
    return first


def _remembered_describing(noun: Token, t: _Tables, memo: _Memo) -> tuple[str, Token] | None:
    if noun.i not in memo.describing:
        memo.describing[noun.i] = _describing(noun, t)
    return memo.describing[noun.i]


def _remembered_of_object(noun: Token, memo: _Memo) -> Token | None:
    if noun.i not in memo.of_object:
        memo.of_object[noun.i] = _of_object(noun)
    return memo.of_object[noun.i]


def _beside(span: SpacySpan, t: _Tables) -> tuple[str, Token] | None:
    """A headline's "killed 1, wounded 7" and "9 dead": a measure word right before or
    after the number, where the parse of a headline can't be trusted."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if (
        after is not None
        and (m := _measure_word(after, t))
        and (
            after.pos_ in ("ADJ", "VERB")
            or after.tag_ in ("VBN", "VBD", "JJ")
            or (after.lower_ in t.measures)
        )
    ):
        return m, after
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.tag_ in ("VBD", "VBN", "VBZ", "NNS", "NNPS"):
        lemma = _lemma(before)
        if lemma not in t.measures and before.lower_.endswith("s"):
            lemma = before.lower_[:-1]  # a title-case headline's "Kills", tagged a noun
        if (m := t.measures.get(lemma)) and lemma not in t.intransitive:
            return m, before
    return None


def _read(number: SpacySpan, t: _Tables, memo: _Memo, depth: int = 0) -> _Reading | None:
    root = _root(number)
    noun = _counted(root, memo)
    people = _remembered_of_object(noun, memo) or noun
    first = _first_conjunct(noun, memo)
    found = (  # what happens to them ("freed four hostages") before what they are
        _governing(noun, t)
        or (_governing(first, t) if first.i != noun.i else None)
        or _remembered_describing(people, t, memo)
        or (_remembered_describing(noun, t, memo) if noun.i != people.i else None)
        or _beside(number, t)
    )
    if found is None and depth == 0 and (head := _breakdown_head(noun)) is not None:
        outer = _read(head.doc[head.i : head.i + 1], t, memo, depth + 1)
        if outer is not None:
            found = (outer.measure, outer.trigger)
    if found is None:
        return None
    measure, trigger = found
    if not _names_people(people, root, t) and found == _beside(number, t):
        # the measure word touches the number ("killed 2 people - WARNING GRAPHIC ..."),
        # so the parse's counted word is not to be trusted
        after = doc[number.end] if number.end < len(doc := number.doc) else None
        people = after if after is not None and _names_people(after, root, t) else root
    if not _names_people(people, root, t) or _is_projection(trigger, people, memo):
        return None
    return _Reading(measure, people, trigger)


def _who(counted: Token, number: SpacySpan) -> str | None:
    """The people counted, as the text names them ("people", "elderly Israeli women")."""
    if number.start <= counted.i < number.end:
        return None
    left = [
        c
        for c in _lefts(counted)
        if c.dep_ in ("amod", "compound", "nmod") and not (number.start <= c.i < number.end)
    ]
    start = min([counted.i, *(c.left_edge.i for c in left)])
    start = max(start, number.end if number.end <= counted.i else start)
    return as_written(counted.doc[start : counted.i + 1])


def _attribution_of(
    expr: NumberExpr, sent: SpacySpan, attributions: Sequence[Attribution]
) -> Attribution | None:
    """The attribution a figure belongs to. One whose content holds the number, when its
    cue is in the figure's sentence or the number is quoted: an "according to" one first
    (it names where a figure comes from), else the innermost. Else a reporting cue in
    the figure's own sentence ("..., leaving 19 people wounded, police said"): the
    nearest."""
    best: Attribution | None = None
    best_rank = (0, 0)
    doc = sent.doc
    t = _tables()
    for a in attributions:
        here = sent.start_char <= a.cue.start < sent.end_char
        for part in a.content:
            if part.start <= expr.start and expr.end <= part.end:
                if not (here or a.kind in ("direct", "mixed")):
                    continue
                if a.kind == "indirect" and not _reports(doc, a, t):
                    continue
                rank = (0 if a.kind == "according_to" else 1, part.end - part.start)
                if best is None or rank < best_rank:
                    best, best_rank = a, rank
    if best is not None:
        return best
    nearest: Attribution | None = None
    for a in attributions:
        if not expr.end <= a.cue.start < sent.end_char or a.source is None:
            continue
        if any(part.start >= a.cue.end for part in a.content) or not _reports(doc, a, t):
            continue  # "..., but Craig said investigators ...": the content is not ours
        if nearest is None or a.cue.start < nearest.cue.start:
            nearest = a
    return nearest


def _reports(doc: Doc, a: Attribution, t: _Tables) -> bool:
    """Whether an attribution's cue reports ("said", "confirmed"), not a colon or an
    action ("showing", "set on fire"); a colon reports for a role or institution
    ("Police: ...")."""
    cue = doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
    if cue is None:
        return False
    if cue.text.strip() == ":":
        source = (
            doc.char_span(a.source.start, a.source.end, alignment_mode="expand")
            if a.source
            else None
        )
        return source is not None and _lemma(source[-1]) in t.sources
    return any(_lemma(token) in t.reporting for token in cue)


def _headline_source(sent: SpacySpan, t: _Tables) -> SpacySpan | None:
    """ "Police: 3 dead", "Officials: ...": a role or institution and a colon that open
    a sentence."""
    for token in sent[:5]:
        if token.text == ":":
            words = sent[: token.i - sent.start]
            if (words and _lemma(words[-1]) in t.sources) or words.text.lower() in t.sources:
                return words
            return None
    return None


def _toll_source(reading: _Reading) -> SpacySpan | None:
    """ "the state police control room put the toll at 16": who put it there."""
    toll = reading.trigger
    verb = toll.head
    if toll.dep_ != "dobj" or _lemma(verb) not in _tables().reporting:
        return None
    subject = _subject(verb)
    if subject is None or subject.pos_ == "PRON":
        return None
    return subject.doc[subject.left_edge.i : subject.i + 1]


def _reporter(
    expr: NumberExpr,
    reading: _Reading,
    sent: SpacySpan,
    attributions: Sequence[Attribution],
    names: dict[str, str],
) -> AttributedTo | None:
    t = _tables()
    if (by := _toll_source(reading)) is not None:
        return AttributedTo(text=as_written(by))
    found = _attribution_of(expr, sent, attributions)
    if found is not None:
        speaker = names.get(found.speaker) if found.speaker else None
        source = found.source.text if found.source else None
        if source is None or source.lower() in _PRONOUNS:
            source = speaker or source
        if source is None:
            return None
        return AttributedTo(text=source, entity=found.speaker, attribution=found.id)
    headline = _headline_source(sent, t)
    if headline is not None and headline.end_char <= expr.start:
        return AttributedTo(text=as_written(headline))
    return None


_SINCE = ("since", "from", "until", "till", "before")


def _as_of(
    sent: SpacySpan, dates: Sequence[DateMention], published: dt.date | None, text: str
) -> dt.date | None:
    """The first full date of the sentence that is not the start or end of a period
    ("since October 7"), else the published date. ``text`` is the document's text
    (``doc.text``, which spaCy joins anew on each call)."""
    for mention in dates:
        if sent.start_char <= mention.start < sent.end_char and len(mention.value) == 10:
            before = text[max(sent.start_char, mention.start - 12) : mention.start].split()
            if before and before[-1].lower() in _SINCE:
                continue
            return dt.date.fromisoformat(mention.value)
    return published


def _place(sent: SpacySpan) -> str | None:
    for ent in sent.ents:
        if ent.label_ in _PLACE_LABELS:
            return as_written(ent)
    return None


def _event(sent: SpacySpan, t: _Tables) -> str | None:
    for token in sent:
        if token.pos_ == "NOUN" and _lemma(token) in t.events:
            left = [c for c in _lefts(token) if c.dep_ in ("amod", "compound")]
            start = min([token.i, *(c.left_edge.i for c in left)])
            return as_written(sent.doc[start : token.i + 1])
    return None


def _line(span: SpacySpan, memo: _Memo) -> SpacySpan:
    """The sentence of ``span``, cut at line breaks (a headline the parser ran into the
    next paragraph is a sentence of its own)."""
    start, end = memo.sentence(_root(span))
    before = bisect.bisect_left(memo.breaks, span.start) - 1  # the last break before
    if before >= 0 and memo.breaks[before] >= start:
        start = memo.breaks[before] + 1
    after = bisect.bisect_left(memo.breaks, span.end)  # the first break from its end
    if after < len(memo.breaks) and memo.breaks[after] < end:
        end = memo.breaks[after]
    return span.doc[start:end]


def _remembered(
    seen: dict[tuple[int, int], str | None],
    sent: SpacySpan,
    read: Callable[[SpacySpan], str | None],
) -> str | None:
    """``read(sent)``, once for each sentence (thousands of figures may share one)."""
    key = (sent.start, sent.end)
    if key not in seen:
        seen[key] = read(sent)
    return seen[key]


def _numbers(doc: Doc) -> Iterator[tuple[NumberExpr, SpacySpan]]:
    for expr in find_numbers(doc._.source_text or doc.text):  # as written
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is not None and len(span):
            yield expr, span


def find_figures(
    doc: Doc,
    attributions: Sequence[Attribution],
    entities: Sequence[Entity],
    dates: Sequence[DateMention],
    published: dt.date | None,
) -> tuple[Figure, ...]:
    """Every reported figure of ``doc``, in text order (ids ``F1``, ``F2``, ...)."""
    t = _tables()
    names = {e.id: e.name for e in entities}
    memo = _Memo(doc)
    reset = _MEMO.set(memo)
    try:
        return tuple(_find(doc, t, names, memo, attributions, dates, published))
    finally:
        _MEMO.reset(reset)


def _find(
    doc: Doc,
    t: _Tables,
    names: dict[str, str],
    memo: _Memo,
    attributions: Sequence[Attribution],
    dates: Sequence[DateMention],
    published: dt.date | None,
) -> list[Figure]:
    figures: list[Figure] = []
    for expr, span in _numbers(doc):
        reading = _read(span, t, memo)
        if reading is None:
            continue
        sent = _line(span, memo)
        ends = [span.start, span.end - 1, reading.counted.i, reading.trigger.i]
        lo, hi = max(min(ends), sent.start), min(max(ends) + 1, sent.end)
        evidence = doc[lo:hi]
        figures.append(
            Figure(
                id=f"F{len(figures) + 1}",
                measure=reading.measure,
                value=expr.value,
                qualifier=expr.qualifier,
                low=expr.low,
                high=expr.high,
                span=Span(evidence.start_char, evidence.end_char, as_written(evidence)),
                number=Span(expr.start, expr.end, expr.text),
                who=_who(reading.counted, span),
                place=_remembered(memo.places, sent, _place),
                event=_remembered(memo.events, sent, lambda s: _event(s, t)),
                as_of=_as_of(sent, dates, published, memo.text),
                attributed_to=_reporter(expr, reading, sent, attributions, names),
            )
        )
    return figures


# ---------------------------------------------------------------- for implied counts


def is_person_noun(word: Token) -> bool:
    """Whether a noun names people as a counted word must: a person noun ("man",
    "victim"), a nationality or group, or a noun ending like one ("firefighter",
    "Palestinian"); never a thing ("vehicle"), an event ("murder", "accident") or a
    measure word alone ("dead")."""
    t = _tables()
    lemma = _lemma(word)
    if lemma in t.things or lemma in _NOT_PEOPLE or word.pos_ not in ("NOUN", "PROPN"):
        return False
    if lemma in t.persons or word.lower_ in t.persons or word.ent_type_ in _PEOPLE_LABELS:
        return True
    if _measure_word(word, t) is not None or lemma in t.events or word.ent_type_:
        return False
    return lemma.endswith(_PERSON_ENDINGS)


class MeasureReader:
    """The measure rules of ``find_figures`` for the words of one document, for readers
    of counts the text gives without a number (``according.nlp.figures.implied``)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._memo = _Memo(doc)
        self._t = _tables()

    def measure_of(
        self, word: Token, within: tuple[int, int] | None = None
    ) -> tuple[str, Token] | None:
        """The measure the parse gives the people ``word`` names and the word that gives
        it, as a counted word is read: the verb governing it or its first conjunct ("a
        man and a boy were *killed*"), else the words describing it ("a man *killed* in
        the crash", "found a man *dead*"); only a word between the token bounds
        ``within``, when given; None for a projection ("could have been killed")."""
        reset = _MEMO.set(self._memo)
        try:
            t, memo = self._t, self._memo
            first = _first_conjunct(word, memo)
            readings: tuple[Callable[[], _Found], ...] = (
                lambda: _governing(word, t),
                lambda: _governing(first, t) if first.i != word.i else None,
                lambda: _remembered_describing(word, t, memo),
            )
            for read in readings:
                found = read()
                if found is not None and (within is None or within[0] <= found[1].i < within[1]):
                    return None if _is_projection(found[1], word, memo) else found
            return None
        finally:
            _MEMO.reset(reset)

    def predicate_measure(self, verb: Token, passive: bool) -> str | None:
        """The measure a verb gives its subject, or a subject it shares with the verb
        before it: "(a man was shot and) *killed*", "(...) *died*", "(...) *pronounced
        dead*", "(...) *taken to a hospital*", "(...) *is in stable condition*"; a
        transitive verb's own measure, and a state it puts its subject in, only when
        ``passive`` (the subject is acted on) or a copula ("*remains* in critical
        condition", not "succumbed *to her injuries*"); None for a projection."""
        reset = _MEMO.set(self._memo)
        try:
            t, memo = self._t, self._memo
            lemma = _lemma(verb)
            found = _verb_measure(verb, t) if passive else None
            if found is None and lemma in t.intransitive:
                found = t.measures.get(lemma)
            is_state = passive or lemma in _COPULAS or verb.pos_ == "AUX"
            for child in _children(verb) if found is None and is_state else ():
                if child.dep_ in ("acomp", "oprd", "attr", "xcomp"):
                    found = _measure_word(child, t) or t.states.get(_lemma(child))
                elif child.dep_ == "prep":
                    found = _state(child, t)
                if found is not None:
                    break
            if found is None or _is_projection(verb, verb, memo):
                return None
            return found
        finally:
            _MEMO.reset(reset)

    def place(self, sent: SpacySpan) -> str | None:
        """The first place ``sent`` names (a figure's ``place``)."""
        return _remembered(self._memo.places, sent, _place)

    def event(self, sent: SpacySpan) -> str | None:
        """The event noun ``sent`` names (a figure's ``event``)."""
        return _remembered(self._memo.events, sent, lambda s: _event(s, self._t))

    def as_of(
        self, sent: SpacySpan, dates: Sequence[DateMention], published: dt.date | None
    ) -> dt.date | None:
        """The date a count in ``sent`` holds for (a figure's ``as_of``)."""
        return _as_of(sent, dates, published, self._memo.text)
