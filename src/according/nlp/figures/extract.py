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
5. **The frame** (``frame``): population, place, period, as-of date, the total a
   breakdown is part of and reasons to doubt it; ``event`` is the event noun the
   sentence names ("the attack", "the shooting").

Word lists are data: ``figure_measures``, ``figure_intransitive``, ``person_nouns``,
``thing_nouns``, ``figure_events`` and the helper lists of ``numbers``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from according.nlp.figures.frame import DocumentFrame, Frame, frame_of, parts
from according.nlp.figures.numbers import RISE_QUALIFIER, NumberExpr, find_numbers
from according.nlp.parser_text import as_written
from according.places import country_of
from according.records import AttributedTo, Attribution, DateMention, Entity, Figure, Span
from according.wordlists import load_list, load_table

__all__ = ["MeasureReader", "find_figures", "first_conjunct", "is_person_noun"]

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
_PEOPLE_LABELS = frozenset({"NORP", "PERSON"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ"})
_LOSE = frozenset({"lose", "claim", "take", "cost"})
"""Verbs whose object is what people lost ("lost their lives", "claimed 19 lives")."""
_VALUE_PREPS = frozenset({"to", "from", "at", "of", "up", "by", "past", "above", "beyond"})
"""Prepositions that lead from a toll's verb to its value ("rose *to* 57", "put it *at*
16"); not "with" ("..., with an additional 60 sustaining injuries")."""
_STAND_INS = frozenset({"total", "group", "batch", "further", "tally"})
"""Nouns that stand for the number after "of" ("a *total* of 26 policemen were killed")."""
_ENDED = frozenset({"released", "killed", "evacuated", "injured"})
"""Measures that end a hostage's or a prisoner's holding ("24 released hostages")."""
_CASUALTY_VERBS = frozenset({"stab"})
"""Verbs of hurting whose count may mix the dead and the hurt ("stabbed two, one of
whom died"): injured only when no one of them is said to have died."""
_SWAPS = frozenset({"exchange", "swap", "return"})
"""Nouns of an exchange of people ("in *exchange* for 90 detainees")."""
_INCLUDING = frozenset({"include", "including", "among"})
"""Words that open a breakdown of a count ("22 people, *including* 8 children")."""


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
    losses: dict[str, str]
    manners: dict[str, str]
    qualifiers: frozenset[str]


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
        losses=load_table("figure_losses"),
        manners=load_table("figure_manners"),
        qualifiers=frozenset(k for k in load_table("qualifiers") if " " not in k),
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
        self.events: dict[tuple[int, int], str | None] = {}
        self.closing: dict[tuple[int, int], list[tuple[int, SpacySpan]]] = {}
        self.clause_top: dict[int, Token] = {}

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
        return _phrase_head(head, memo)
    return number


def _phrase_head(noun: Token, memo: _Memo) -> Token:
    """The head of the noun phrase a number opens, when the parse hangs the number from
    a compound before it: "Twelve Thai *nationals*" (the number on "Thai"), "took 12
    passengers *hostage*"."""
    node = noun
    for _ in range(3):
        head = node.head
        if node.dep_ != "compound" or head.i <= node.i or head.pos_ not in ("NOUN", "PROPN"):
            break
        if _across_lines(node, head, memo):
            break
        node = head
    return node


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


def _state_ended(noun: Token, t: _Tables) -> _Found:
    """ "24 *released* hostages", "hostages *freed* on Sunday": a word describing people
    held that says the holding ended (before the noun's own "hostages")."""
    if _measure_word(noun, t) not in ("held_hostage", "arrested"):
        return None
    found = _describing_child(noun, t)
    return found if found is not None and found[0] in _ENDED else None


_DESCRIBING: tuple[_Rule, ...] = (
    _state_ended,
    _noun_itself,
    _word_after,
    _describing_child,
    _place_with,
)
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
    custody*"); a hurt that ends in death kills ("stabbed *to death*", "*fatally*
    wounded")."""
    lemma = _lemma(verb)
    if (m := t.measures.get(lemma)) and lemma not in t.intransitive:
        return "killed" if m == "injured" and _ends_in_death(verb, t) else m
    for child in _children(verb):
        if child.dep_ in ("prt", "advmod") and (m := t.measures.get(f"{lemma} {child.lower_}")):
            return m
        if child.i > verb.i and child.lower_ in ("hostage", "captive"):  # "took 12 hostage"
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
        if into and not _counts_others(child) and (m := _state(child, t)) is not None:
            return m
    return None


def _ends_in_death(verb: Token, t: _Tables) -> bool:
    """Whether a verb of hurting says the hurt killed: "stabbed *to death*", "*fatally*
    wounded"."""
    for child in _children(verb):
        if child.lower_ == "fatally":
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and _state(child, t) == "killed":
            return True
    return False


def _some_died(verb: Token, t: _Tables) -> bool:
    """Whether a clause on a casualty verb says that some of those it counts died
    ("two persons were stabbed ..., *one of whom later succumbed*"): then the count mixes
    the dead and the hurt, and is no figure (FIGURES.md, the casualties rule)."""
    for token in verb.subtree:
        if token.dep_ != "nsubj" or token.head.i == verb.i:
            continue
        of_them = any(
            c.dep_ == "prep" and c.lower_ == "of" and any(p.pos_ == "PRON" for p in _children(c))
            for c in _children(token)
        )
        if of_them and t.measures.get(_lemma(token.head)) == "killed":
            return True
    return False


def _counts_others(prep: Token) -> bool:
    """Whether a state phrase counts people of its own ("the toll reached 35, with *an
    additional 60* sustaining injuries"), so that it does not describe the verb's."""
    return any(
        c.dep_ == "pobj" and any(n.dep_ == "nummod" for n in _children(c)) for c in _children(prep)
    )


def _active_with_object(verb: Token, noun: Token) -> bool:
    """Whether ``verb`` is active with an object of its own (its subject, not its
    object, is ``noun``: "gunmen who killed 5")."""
    deps = {c.dep_ for c in _children(verb)}
    if "auxpass" in deps or "nsubjpass" in deps:
        return False
    return "dobj" in deps


def _toll(word: Token, t: _Tables, of_value: bool = False) -> tuple[str, Token] | None:
    """The measure of ``word`` when it is a toll ("death toll", "the number of dead",
    "the toll" alone: killed; "*deaths* rose to 45", and with ``of_value`` "the *death* of
    four persons"; "bringing the *total* to 61" after "the virus claimed 7 more lives":
    the clause it continues), with ``word``."""
    own = _measure_word(word, t)
    total = any(
        c.dep_ in ("amod", "compound") and _lemma(c) in _TOLL_WORDS for c in _children(word)
    )
    if _lemma(word) not in _TOLL_WORDS and not total:
        rises = word.dep_ == "nsubj" and _lemma(word.head) in _TOLL_VERBS - {"be", "put"}
        rises = rises or of_value
        return (own, word) if own is not None and rises and word.pos_ in ("NOUN", "ADJ") else None
    of = _of_object(word)
    modifiers = [c for c in _children(word) if c.dep_ in ("compound", "amod")]
    for candidate in (*modifiers, *((of, *_children(of)) if of is not None else ())):
        if (m := _measure_word(candidate, t)) is not None:
            return m, word
    if _lemma(word) == "toll":
        return "killed", word
    verb = word.head
    continues = word.dep_ == "dobj" and verb.dep_ in ("advcl", "conj", "xcomp")
    if continues and verb.head.i != verb.i and (m := _clause_measure(verb.head, t)) is not None:
        return m, word
    return None


def _clause_measure(verb: Token, t: _Tables) -> str | None:
    """The measure of a clause: its verb's ("*killed* 16 worshippers") or what its object
    names ("claimed 7 more *lives*", "caused 41 *deaths*")."""
    if (m := _verb_measure(verb, t) or t.measures.get(_lemma(verb))) is not None:
        return m  # "killed", and "died" (no object of its own)
    for child in _children(verb):
        if child.dep_ == "dobj" and (
            (m := t.losses.get(_lemma(child))) is not None
            or (m := _measure_word(child, t)) is not None
        ):
            return m
    return None


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
    perfect = any(c.dep_ == "aux" and _lemma(c) == "have" for c in _children(head))
    elliptic = (
        dep == "nsubj"
        and head.tag_ == "VBN"
        and not perfect  # "90 people have died": active, not "two (were) killed"
        and "dobj" not in {c.dep_ for c in _children(head)}
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


_HOUSE = frozenset({"house", "shelter", "accommodate", "host"})
"""Verbs by which a place keeps people ("the camp *houses* 500 people")."""


def _housed(noun: Token, t: _Tables) -> _Found:
    """ "the relief camp at Varn, which *houses* around 500 people": the object of a
    verb of housing whose subject (or the noun its relative clause describes, or the
    place that noun names) is a place or state (``figure_states``)."""
    verb = noun.head
    if noun.dep_ != "dobj" or _lemma(verb) not in _HOUSE:
        return None
    place = verb.head if verb.dep_ == "relcl" else _subject(verb)
    if place is None or place.i == verb.i:
        return None
    for _ in range(3):  # "the camp at Varn, which houses": the clause on the name
        if (m := t.states.get(_lemma(place))) is not None:
            return m, verb
        if place.dep_ not in ("pobj", "prep", "appos", "compound"):
            break
        place = place.head
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
        if child.dep_ == "advcl" and (m := t.measures.get(child.lower_)):
            return m, child  # "2 others went *missing*", parsed as a clause
        if child.dep_ in ("acomp", "attr") and (m := t.states.get(_lemma(child))):
            return m, child
        if child.dep_ == "prep" and (m := _state(child, t)):
            return m, child
    return None


def _inverted_copula(noun: Token, t: _Tables) -> _Found:
    """ "*Wounded* were three women": the measure before an inverted copula (which the
    parse may make the participle's auxiliary)."""
    head = noun.head
    if not (noun.dep_ == "attr" and _lemma(head) in _COPULAS):
        return None
    verb = head.head
    if head.dep_ in ("aux", "auxpass") and verb.i < head.i and (m := _measure_word(verb, t)):
        return m, verb
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


def _lost(noun: Token, t: _Tables) -> _Found:
    """ "the shelling *claimed* 19 lives", "the brigade *lost* 14 servicemen", "14 people
    lost their *lives*", "9 lost *limbs*": what was lost, or who lost it."""
    verb = noun.head
    if _lemma(verb) not in _LOSE:
        return None
    if noun.dep_ == "dobj" and (m := t.losses.get(_lemma(noun))) is not None:
        return m, verb
    if noun.dep_ == "dobj" and _lemma(verb) == "lose":
        return "killed", verb
    if noun.dep_ == "nsubj":
        for child in _children(verb):
            if child.dep_ == "dobj" and (m := t.losses.get(_lemma(child))) is not None:
                return m, child
    return None


def _lives_of(noun: Token, t: _Tables) -> _Found:
    """ "claimed the *lives* of 26 children": the people whose lives were lost."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of":
        return None
    lost = prep.head
    if lost.dep_ == "dobj" and _lemma(lost.head) in _LOSE and (m := t.losses.get(_lemma(lost))):
        return m, lost
    return None


def _qualified_object(noun: Token, t: _Tables) -> _Found:
    """ "*wounded* over 42", "between 120 and 150 civilians were *killed*": a count
    after a qualifier the parse hangs from the verb as a preposition is the verb's
    object or passive subject."""
    prep = noun.head
    verb = prep.head
    qualifier = prep.lower_ in t.qualifiers or prep.lower_ == "between"
    if noun.dep_ != "pobj" or noun.left_edge.i != prep.i + 1 or not qualifier:
        return None
    if prep.dep_ != "prep" or verb.pos_ != "VERB":
        return None
    if any(c.dep_ == "dobj" for c in _children(verb)):
        return None
    m = _verb_measure(verb, t)
    return (m, verb) if m is not None else None


def _among(noun: Token, t: _Tables) -> _Found:
    """ "Two women were among the hostages *released*", "Among the 90 *dead* were 14
    medics": what describes the group they were among."""
    head = noun.head
    if noun.dep_ not in ("nsubj", "attr") or _lemma(head) not in _COPULAS:
        return None
    for prep in _children(head):
        if prep.dep_ == "prep" and prep.lower_ == "among":
            for group in _children(prep):
                if group.dep_ == "pobj" and (found := _describing(group, t)) is not None:
                    return found
                nominal = any(c.dep_ == "det" for c in _children(group))  # "the *wounded*"
                if group.dep_ == "pobj" and nominal and (m := _measure_word(group, t)):
                    return m, group
    return None


def _partitive_of(noun: Token, t: _Tables) -> _Found:
    """ "Of the *dead*, 41 were children and 23 were women", "Of those *killed*, 320
    were women": the measure of the group a clause's subject is taken from."""
    head = noun.head
    if noun.dep_ != "nsubj" or _lemma(head) not in _COPULAS:
        return None
    clauses = [noun, head, head.head] if head.dep_ == "conj" else [noun, head]
    for clause in clauses:  # "Of those killed" hangs from the clause or from "320"
        for prep in _children(clause):
            if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i < noun.i:
                for group in _children(prep):
                    if group.dep_ == "pobj" and (found := _describing(group, t)) is not None:
                        return found
    return None


def _group_includes(noun: Token, t: _Tables) -> _Found:
    """ "Those *released* included 8 foreign nationals", "The *dead* include 5 children":
    what describes the group the counted people are part of."""
    verb = noun.head
    if noun.dep_ != "dobj" or _lemma(verb) not in ("include", "comprise"):
        return None
    group = _subject(verb)
    return _describing(group, t) if group is not None else None


def _up_from(noun: Token, t: _Tables) -> _Found:
    """ "4,237 children had been *killed*, up from 3,900": an earlier value of the
    count the verb gives."""
    prep = noun.head
    if not (noun.dep_ == "pobj" and prep.lower_ == "from" and prep.head.lower_ in ("up", "down")):
        return None
    verb = prep.head.head
    m = _clause_measure(verb, t) if verb.pos_ in ("VERB", "AUX") else None
    return (m, verb) if m is not None else None


def _exchanged(noun: Token, t: _Tables) -> _Found:
    """ "released three hostages in *exchange* for 90 detainees": the people given in
    an exchange are released."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "for" and _lemma(prep.head) in _SWAPS:
        return "released", prep.head
    return None


def _stand_in(noun: Token, t: _Tables) -> _Found:
    """ "a *total* of 26 policemen were killed": the noun "of" hangs from stands for the
    people counted."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or _lemma(prep.head) not in _STAND_INS:
        return None
    total = prep.head
    return None if total.head.i == total.i else _first_found(_GOVERNING, total, t)


_GOVERNING: tuple[_Rule, ...] = (
    _verb_of_object,
    _verb_complement,
    _left_as,
    _intransitive_verb,
    _subject_complement,
    _dwelling,
    _housed,
    _suffering,
    _copula,
    _inverted_copula,
    _lost,
    _lives_of,
    _qualified_object,
    _among,
    _partitive_of,
    _group_includes,
    _up_from,
    _exchanged,
    _toll_of,
    _stand_in,
)
"""How the verb or toll that governs the counted word gives a measure, in order."""


def _governing(noun: Token, t: _Tables) -> _Found:
    """A measure from the verb or toll that governs ``noun``."""
    if noun.head.i == noun.i:
        return None
    return _first_found(_GOVERNING, noun, t)


_DASHES = frozenset({"-", "–", "—", "--"})


def _split_phrase(noun: Token) -> Token | None:
    """The word whose place in the clause a counted word shares when the parse split
    its phrase: a phrase after it the parse read as a clause ("two *personnel present
    at the gate* were injured": "present" the subject), or names set off by dashes
    that it hung the count from ("two of them - *Ama Boateng* and Kofi Mensah - were
    missing")."""
    head = noun.head
    if head.i == noun.i:
        return None
    if noun.dep_ == "nsubj" and head.pos_ == "ADJ" and head.dep_ in ("nsubj", "nsubjpass"):
        return head
    if noun.pos_ == "NUM" and head.pos_ in ("NOUN", "PROPN") and head.i > noun.i:
        doc = noun.doc
        between = doc[noun.right_edge.i + 1 : head.i]
        if any(w.text in _DASHES and (w.whitespace_ or doc[w.i - 1].whitespace_) for w in between):
            while head.dep_ == "compound" and head.head.i > head.i:
                head = head.head  # "*Ama* Boateng": the name's head
            return head
    return None


def _toll_value(value: Token, t: _Tables) -> tuple[str, Token] | None:
    """A number that is the value of a toll: "a death toll of 57", "the toll rose
    (from 30) to 57", "put the toll at 16", "took the number of fatalities up to 32",
    "the toll is now nearly 525"."""
    node = value
    for _ in range(4):  # up through "to", "from", "up"
        head = node.head
        if head.i == node.i or head.pos_ not in ("ADP", "ADV"):
            break
        if head.pos_ == "ADP" and head.lower_ not in _VALUE_PREPS:
            break
        node = head
    verb = node.head if node.i != value.i or value.dep_ == "pobj" else value.head
    if node.lower_ == "of" and (toll := _toll(verb, t, of_value=True)) is not None:
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
    return _toll_described(verb, t) or _from_value(value, t)


def _toll_described(verb: Token, t: _Tables) -> tuple[str, Token] | None:
    """A toll the value's verb describes: "took the number of fatalities *recorded* at
    the hospital up to 32" (the parse hangs "up to 32" from "recorded")."""
    if verb.dep_ != "acl":
        return None
    noun = verb.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        return _toll(noun.head.head, t)
    return None


def _from_value(value: Token, t: _Tables) -> tuple[str, Token] | None:
    """The value "to" reaches takes the measure of the value it rose from: "the figure
    was up from 59 *dead* on Wednesday to 69"."""
    prep = value.head
    if value.dep_ != "pobj" or prep.lower_ != "to" or prep.head.i == prep.i:
        return None
    verb = prep.head
    adverbs = [c for c in _children(verb) if c.dep_ == "advmod"]
    starts = [verb] if verb.lower_ == "from" else []  # "from 40 dead ... to 52"
    for holder in (verb, *adverbs):
        starts += [c for c in _children(holder) if c.dep_ == "prep" and c.lower_ == "from"]
    for start in starts:
        for word in _children(start):
            if word.dep_ == "pobj" and word.i < prep.i and (m := _measure_word(word, t)):
                return m, word
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
        if node.i == noun.head.i and _apposed(noun):
            return node  # "The freed hostages, 39 women and teenagers, ..."
    return None


def _apposed(noun: Token) -> bool:
    """Whether a counted noun stands in apposition, right after a comma ("The freed
    hostages, *39 women* and teenagers"; the parse may call it a conjunct)."""
    edge = noun.left_edge.i
    return noun.pos_ != "NUM" and edge > 0 and noun.doc[edge - 1].text == ","


def _included_in(noun: Token, memo: _Memo) -> Token | None:
    """The count a breakdown is part of: the word "including" hangs from ("22 people,
    including 8 children"), or the number before it in the clause of the verb it hangs
    from ("the toll had risen to 8,306, including 3,457 children")."""
    node = _first_conjunct(noun, memo)
    prep = node.head
    if node.dep_ != "pobj" or not (_lemma(prep) in _INCLUDING or prep.lower_ in _INCLUDING):
        return None
    host = prep.head
    if host.i == prep.i:
        return None
    nominal = host.pos_ in ("NOUN", "PROPN", "PRON")
    if host.pos_ == "NUM" or (nominal and any(c.pos_ == "NUM" for c in _children(host))):
        return host
    while host.pos_ not in ("VERB", "AUX") and host.head.i != host.i:
        host = host.head  # "released during the truce, including ...": the verb's clause
    doc = noun.doc
    for token in reversed(doc[host.left_edge.i : prep.i]):
        if token.pos_ == "NUM":
            return token
    return None


def _refers_back(noun: Token, memo: _Memo) -> Token | None:
    """The word by which a count refers to people counted before it: "*9 of them* police
    officers", "Five *of them* were women", "*among them* 3 women", "*The victims* were
    11 children and 17 adults"."""
    node = _first_conjunct(noun, memo)
    for word in {noun.i: noun, node.i: node}.values():
        for child in _children(word):
            if child.dep_ == "prep" and child.lower_ in ("of", "among"):
                for pobj in _children(child):
                    if pobj.dep_ == "pobj" and _lemma(pobj) in ("they", "those", "whom"):
                        return pobj
        for number in _children(word):
            if number.pos_ == "NUM" and number.i != word.i:
                for child in _children(number):
                    if child.dep_ == "prep" and child.lower_ == "of":
                        for pobj in _children(child):
                            if pobj.dep_ == "pobj" and pobj.pos_ == "PRON":
                                return pobj
    head = node.head
    if node.dep_ in ("attr", "nsubj") and _lemma(head) in _COPULAS:
        for other in _children(head):
            before = other.i < node.i and other.dep_ in ("nsubj", "attr")
            if before and _lemma(other) in ("victim", "they", "those"):
                return other
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
    if lemma in t.things or lemma in _NOT_PEOPLE or lemma in t.events:
        return False  # "43 massacres", "12 airstrikes": events, not people
    if t.losses.get(lemma) == "killed":  # "claimed 19 lives": a life lost is a person
        return word.dep_ == "dobj" and _lemma(word.head) in _LOSE  # not "saved 9 lives"
    doc = word.doc
    if (
        word.i + 2 < len(doc)
        and doc[word.i + 1].text == "-"
        and not word.whitespace_
        and doc[word.i + 2].pos_ in ("NOUN", "PROPN")  # not "passers-by"
    ):
        return _names_people(doc[word.i + 2], number, t)  # "murder-suicides"
    if lemma in t.persons or word.lower_ in t.persons or word.ent_type_ in _PEOPLE_LABELS:
        return True
    if _measure_word(word, t) is not None:
        return True
    return word.pos_ in ("NOUN", "PROPN") and lemma.endswith(_PERSON_ENDINGS)


def _first_conjunct(noun: Token, memo: _Memo) -> Token:
    """ "she and her *two* sons were dead": the conjunct whose place in the clause the
    others share."""
    return first_conjunct(noun, memo.first_conjunct, lambda n: n.head.pos_ in _NOMINAL)


def first_conjunct(noun: Token, seen: dict[int, Token], joins: Callable[[Token], bool]) -> Token:
    """The first of the conjuncts ``noun`` is one of, up through each conjunct that
    ``joins`` its head, remembered in ``seen`` for every conjunct on the way (a list of
    thousands of names stays linear).

    >>> # "she and her *two* sons were dead": "she"
    """
    node, path = noun, []
    while node.i not in seen and node.dep_ == "conj" and node.head.i != node.i and joins(node):
        path.append(node.i)
        node = node.head
    first = seen.get(node.i, node)
    for i in (*path, node.i):
        seen[i] = first
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
    of = _remembered_of_object(noun, memo)
    people = noun if of is None or (noun.i != root.i and _names_people(noun, root, t)) else of
    first = _first_conjunct(noun, memo)
    found = (  # what happens to them ("freed four hostages") before what they are
        _governing(noun, t)
        or (_governing(first, t) if first.i != noun.i else None)
        or _remembered_describing(people, t, memo)
        or (_remembered_describing(noun, t, memo) if noun.i != people.i else None)
        or _beside(number, t)
    )
    if found is None and (split := _split_phrase(noun)) is not None:
        found = _governing(split, t)
    if found is None and depth < 2 and (host := _included_in(noun, memo)) is not None:
        outer = _read(host.doc[host.i : host.i + 1], t, memo, depth + 1)
        if outer is not None:
            found = (outer.measure, outer.trigger)
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


def _read_back(
    number: SpacySpan, t: _Tables, memo: _Memo, before: tuple[str, int] | None
) -> _Reading | None:
    """A count that refers back to people counted just before (in its sentence or the
    one before; ``before`` is the last figure's measure and first word) takes their
    measure: "The blast killed 15 people. *Seven of them* were students". Not when
    another number stands between (its people are not a figure: "35 people have been
    shot"), unless the count says how they fared (``figure_manners``): "eight of them
    *fatally*", "15 of them *seriously*"."""
    if before is None:
        return None
    root = _root(number)
    noun = _counted(root, memo)
    anaphor = _refers_back(noun, memo)
    if anaphor is None or not _names_people(noun, root, t):
        return None
    for child in _children(noun):  # "15 of them *seriously*"
        if child.dep_ == "advmod" and (manner := t.manners.get(child.lower_)) is not None:
            return _Reading(manner, noun, child)
    if _first_conjunct(noun, memo).dep_ in ("dobj", "pobj", "nsubjpass"):
        return None  # "we will not forget a single one of them": no count of them
    start = memo.sentence(root)[0]
    previous = memo.sentence(noun.doc[start - 1])[0] if start > 0 else 0
    measure, at = before
    between = noun.doc[max(at + 1, start) : min(noun.left_edge.i, anaphor.i)]
    if at < previous or any(token.pos_ == "NUM" for token in between):
        return None
    return _Reading(measure, noun, anaphor)


@dataclass(frozen=True)
class _Last:
    """The last figure read: its measure, its first word and the last word of the
    phrase that names its people."""

    measure: str
    start: int
    end: int
    named: bool
    """Whether the figure's people are named by a noun ("three *women*"), not by the
    number alone."""


def _phrase_end(counted: Token, number: SpacySpan) -> int:
    """The last word of the phrase a figure's people are named in: "three *women*",
    "one 25-year-*old*" (a bare number with the words that describe it)."""
    node = counted if counted.i >= number.end else number[-1]
    doc, end = counted.doc, node.i
    while end + 1 < len(doc) and (
        (word := doc[end + 1]).tag_ == "HYPH"
        or (word.pos_ in ("NUM", "NOUN", "ADJ", "PROPN") and _under(word, node))
    ):
        end += 1
    return end


def _under(word: Token, node: Token) -> bool:
    """Whether ``node`` is among the nearest heads of ``word`` (a few steps up)."""
    for _ in range(4):
        if word.head.i == word.i:
            return False
        word = word.head
        if word.i == node.i:
            return True
    return False


_LIST_WORDS = frozenset({"and", ",", ";"})


def _listed(number: SpacySpan, t: _Tables, memo: _Memo, last: _Last | None) -> _Reading | None:
    """A count listed right after the last figure, joined to it by nothing but "and"
    or a dash, whatever the parse made of the list, takes its measure: "Wounded were
    three women — *two* teenagers and *one* pensioner — and *four* men"."""
    if last is None or not 0 < number.start - last.end - 1 <= 3:
        return None  # "— and", "and", ", and": a list's joints are short
    doc = number.doc
    root = _root(number)
    if memo.sentence(root)[0] != memo.sentence(doc[last.start])[0]:
        return None
    between = doc[last.end + 1 : number.start]
    dash = any(w.text in _DASHES and w.tag_ != "HYPH" for w in between)
    if not between or not (dash or any(w.lower_ == "and" for w in between)):
        return None
    if not all(w.lower_ in _LIST_WORDS or w.text in _DASHES for w in between):
        return None
    noun = _counted(root, memo)
    if noun.pos_ == "ADJ":
        noun = root  # "one 19-year-old": the number stands for the person
    if not (last.named or noun.i != root.i) or not _names_people(noun, root, t):
        return None  # a list of bare numbers ("10 and 10 and 10") names no one
    return _Reading(last.measure, noun, root)


def _toll_bounds(
    expr: NumberExpr, reading: _Reading, text: str
) -> tuple[str, int | None, int | None]:
    """The qualifier and bounds of a figure: the number's, except that "up to" before a
    toll's value names a rise to a total, not a bound ("took the number of fatalities
    recorded at the hospital up to 32", where no rise verb stands right before it)."""
    start, end = expr.qualifier_start, expr.qualifier_end
    phrase = text[start:end].lower() if start is not None and end is not None else ""
    if phrase == RISE_QUALIFIER and _lemma(reading.trigger) in _TOLL_WORDS:
        return "exact", expr.value, expr.value
    return expr.qualifier, expr.low, expr.high


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
    expr: NumberExpr, sent: SpacySpan, attributions: Sequence[Attribution], reading: _Reading
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
    counted, trigger = reading.counted, reading.trigger
    attributions = [a for a in attributions if not _acts_on(a, counted, t)]
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
    if (shared := _conjunct_content(trigger, sent, attributions)) is not None:
        return shared
    nearest: Attribution | None = None
    for a in attributions:
        if not expr.end <= a.cue.start < sent.end_char or a.source is None:
            continue
        after = [p for p in a.content if p.start >= a.cue.end and not _trailing(doc, a, p)]
        if after or not _reports(doc, a, t):
            continue  # "..., but Craig said investigators ...": the content is not ours
        if nearest is None or a.cue.start < nearest.cue.start:
            nearest = a
    return nearest


def _conjunct_content(
    trigger: Token, sent: SpacySpan, attributions: Sequence[Attribution]
) -> Attribution | None:
    """The attribution whose content holds the clause a figure's clause is a conjunct
    of, when the content was cut short before it: "Police say the gang is behind the
    shooting that killed 1, *wounded 7*" (the cue in the sentence, before its
    content)."""
    node = _clause_top(trigger)
    if node.i == trigger.i:
        return None
    for a in attributions:
        if not sent.start_char <= a.cue.start < sent.end_char:
            continue
        for part in a.content:
            if a.cue.end <= part.start <= node.idx < part.end <= trigger.idx:
                return a
    return None


def _clause_top(verb: Token) -> Token:
    """The first of the conjuncts ``verb`` is one of (remembered for each on the way:
    a chain of thousands of clauses is walked once)."""
    memo = _MEMO.get()
    tops = memo.clause_top if memo is not None and memo.doc is verb.doc else {}
    node, path = verb, []
    while node.i not in tops and node.dep_ == "conj" and node.head.i < node.i:
        path.append(node.i)
        node = node.head
    top = tops.get(node.i, node)
    for i in (*path, node.i):
        tops[i] = top
    return top


def _acts_on(a: Attribution, counted: Token, t: _Tables) -> bool:
    """Whether an attribution's cue is the figure's own verb, not a report: "The group
    *released* three hostages", "The shelling *claimed* 19 lives" (a cue that names a
    measure or a loss, whose object holds the people counted)."""
    node = counted
    for _ in range(4):
        head = node.head
        if a.cue.start <= head.idx < a.cue.end:
            acts = _measure_word(head, t) is not None or _lemma(head) in _LOSE
            return acts and node.dep_ in ("dobj", "nsubjpass")
        if node.dep_ not in ("pobj", "prep", "dobj") or head.i == node.i:
            return False
        node = head
    return False


def _trailing(doc: Doc, a: Attribution, part: Span) -> bool:
    """Whether a part of an attribution's content lies in a participle clause on its
    cue ("..., the ministry said, *citing hospital records*"): a trailing phrase, not
    what was said."""
    cue = doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
    for token in cue if cue is not None else ():
        for child in _children(token):
            if child.dep_ in ("advcl", "xcomp", "conj") and child.tag_ == "VBG":
                end = child.right_edge.idx + len(child.right_edge)
                if child.idx <= part.start and part.end <= end:
                    return True
    return False


def _cue_subject(doc: Doc, a: Attribution) -> str | None:
    """The subject of an attribution's cue, when the attribution names no source: "...,
    *the defence ministry* said"."""
    cue = doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
    for token in cue if cue is not None else ():
        subject = _subject(token)
        if subject is not None and subject.dep_ == "nsubj" and subject.pos_ != "PRON":
            return as_written(doc[subject.left_edge.i : subject.right_edge.i + 1])
    return None


def _reports(doc: Doc, a: Attribution, t: _Tables) -> bool:
    """Whether an attribution's cue reports ("said", "confirmed"), not a colon or an
    action ("showing", "set on fire"); a colon reports for a role or institution
    ("Police: ..."); "according to" always reports."""
    if a.kind == "according_to":
        return True
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


_OWN_CONTENT = frozenset({"ccomp", "dobj", "xcomp", "advcl", "conj", "attr", "dative"})
"""Dependents by which a reporting verb has content of its own ("said *that ...*")."""


def _named_subject(verb: Token) -> SpacySpan | None:
    """The subject of a reporting verb when it names someone (no pronoun): "*a
    consulate spokesperson in Lisbon* said"."""
    subject = next((c for c in _children(verb) if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON" or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    return subject.doc[subject.left_edge.i : subject.right_edge.i + 1]


def _closing_cue(sent: SpacySpan, number: SpacySpan, t: _Tables) -> SpacySpan | None:
    """The source of a reporting verb that closes the sentence after a comma with no
    content of its own, when the parse did not make it the head of what was said:
    "five others were missing, *a consulate spokeswoman in Varn* said on Tuesday"
    (only a trailing phrase after the verb; the source is the words between the comma
    and the verb, or the subject after it: "..., said *a police spokesman*")."""
    memo = _MEMO.get()
    key = (sent.start, sent.end)
    if memo is None or memo.doc is not sent.doc:
        cues = _closing_cues(sent, t)
    else:
        if key not in memo.closing:
            memo.closing[key] = _closing_cues(sent, t)
        cues = memo.closing[key]
    for comma, source in cues:
        if comma >= number.end:
            return source
    return None


def _closing_cues(sent: SpacySpan, t: _Tables) -> list[tuple[int, SpacySpan]]:
    """The closing cues of a sentence (read once for all its figures): the comma
    before each and its source."""
    cues = []
    for verb in sent:
        if verb.pos_ != "VERB" or _lemma(verb) not in t.reporting:
            continue
        if verb.tag_ not in ("VBD", "VBZ", "VBP"):
            continue
        if any(c.dep_ in _OWN_CONTENT and c.i > verb.i for c in _children(verb)):
            continue
        found = _before_cue(sent, verb) or _after_cue(sent, verb)
        if found is not None:
            cues.append(found)
    return cues


def _closes(sent: SpacySpan, verb: Token, after: int) -> bool:
    """Whether nothing but a trailing phrase of ``verb`` (a time, a place) or
    punctuation follows token ``after`` in the sentence."""
    trailing = {
        w.i
        for c in _children(verb)
        if c.i > verb.i and c.dep_ in ("prep", "npadvmod", "advmod", "punct")
        for w in c.subtree
    }
    return all(w.i in trailing or w.is_punct or w.is_space for w in sent.doc[after : sent.end])


def _noun_phrase(words: SpacySpan) -> bool:
    return (
        0 < len(words) <= 12
        and any(w.pos_ in ("NOUN", "PROPN") for w in words)
        and not any(w.pos_ in ("VERB", "AUX", "PRON") or w.is_punct for w in words)
    )


def _before_cue(sent: SpacySpan, verb: Token) -> tuple[int, SpacySpan] | None:
    """ "..., *a consulate spokeswoman in Varn* said on Tuesday": the comma and the
    source."""
    doc = sent.doc
    start = max(sent.start, verb.i - 13)
    comma = next((w for w in reversed(doc[start : verb.i]) if w.text == ","), None)
    if comma is None or not _closes(sent, verb, verb.i + 1):
        return None
    words = doc[comma.i + 1 : verb.i]
    return (comma.i, words) if _noun_phrase(words) else None


def _after_cue(sent: SpacySpan, verb: Token) -> tuple[int, SpacySpan] | None:
    """ "..., said *a police spokesman* in Varn": the comma and the source."""
    if verb.i - 1 < sent.start or verb.doc[verb.i - 1].text != ",":
        return None
    subject = next((c for c in _children(verb) if c.dep_ == "nsubj" and c.i > verb.i), None)
    if subject is None:
        return None
    words = sent.doc[verb.i + 1 : subject.right_edge.i + 1]
    if not _noun_phrase(words) or not _closes(sent, verb, subject.right_edge.i + 1):
        return None
    return verb.i - 1, words


def _that_clause_source(counted: Token, number: SpacySpan, t: _Tables) -> SpacySpan | None:
    """The source of a reporting verb a "that" clause holding the figure hangs from,
    when the parse hung the clause on a noun of the verb's phrase instead: "the sheriff
    confirmed at a news conference *that four people were dead*" (the clause read as
    relative to "conference")."""
    node, through_that = counted, False
    for _ in range(8):
        if node.dep_ in ("relcl", "acl", "ccomp"):
            marks = [c for c in _children(node) if c.dep_ == "mark"]
            through_that = through_that or any(_lemma(m) == "that" for m in marks)
        head = node.head
        if head.i == node.i:
            return None
        if through_that and head.pos_ == "VERB" and _lemma(head) in t.reporting:
            source = _named_subject(head)
            if source is not None and source.end <= number.start:
                return source
            return None
        node = head
    return None


def _that_clauses(verb: Token) -> list[Token]:
    """The "that" clauses a verb governs, directly or on a noun of its phrase ("confirmed
    at a news conference *that* ..."): their heads."""
    near = [verb, *(g for c in _children(verb) if c.dep_ == "prep" for g in _children(c))]
    return [
        clause
        for word in near
        for clause in _children(word)
        if clause.dep_ in ("ccomp", "relcl")
        and any(m.dep_ == "mark" and _lemma(m) == "that" for m in _children(clause))
    ]


def _conjunct_of_cue(trigger: Token, number: SpacySpan, t: _Tables) -> SpacySpan | None:
    """The source of a reporting verb whose "that" clause the figure's clause goes on
    from, when the parse made it a conjunct of the verb: "the sheriff confirmed that
    four people were dead, and *14 others were wounded*"."""
    top = _clause_top(trigger)
    if top.i == trigger.i or top.pos_ != "VERB" or _lemma(top) not in t.reporting:
        return None
    if not any(clause.i < trigger.i for clause in _that_clauses(top)):
        return None
    source = _named_subject(top)
    return source if source is not None and source.end <= number.start else None


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
    if _lemma(toll) not in _TOLL_WORDS:
        return None  # "the disease claimed the *lives* of 26": no toll put by anyone
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
    found = _attribution_of(expr, sent, attributions, reading)
    if found is not None:
        speaker = names.get(found.speaker) if found.speaker else None
        source = found.source.text if found.source else _cue_subject(sent.doc, found)
        if source is None or source.lower() in _PRONOUNS:
            source = speaker or source
        if source is None:
            return None
        return AttributedTo(text=source, entity=found.speaker, attribution=found.id)
    number = sent.doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if number is not None:
        by = (
            _that_clause_source(reading.counted, number, t)
            or _conjunct_of_cue(reading.trigger, number, t)
            or _closing_cue(sent, number, t)
        )
        if by is not None:
            return AttributedTo(text=as_written(by))
    headline = _headline_source(sent, t)
    if headline is not None and headline.end_char <= expr.start:
        return AttributedTo(text=as_written(headline))
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
    nationals: Callable[[str], str | None] = country_of,
) -> tuple[Figure, ...]:
    """Every reported figure of ``doc``, in text order (ids ``F1``, ``F2``, ...), with
    its frame (``frame``). ``nationals`` gives the country code of a nationality
    ("Thai" → "TH") for the population ``nationals:XX``."""
    t = _tables()
    names = {e.id: e.name for e in entities}
    memo = _Memo(doc)
    reset = _MEMO.set(memo)
    try:
        # the frame reads the whole document (and the gazetteer): only once a figure
        # is found, so that a document of none pays nothing for it
        context = functools.cache(lambda: DocumentFrame(doc, dates, published, nationals))
        return tuple(_find(doc, t, names, memo, attributions, context))
    finally:
        _MEMO.reset(reset)


def _statement(
    doc: Doc, attributed: AttributedTo | None, by_id: dict[str, Attribution]
) -> Token | None:
    """The reporting verb of a figure's attribution ("said")."""
    if attributed is None or attributed.attribution is None:
        return None
    found = by_id.get(attributed.attribution)
    if found is None:
        return None
    cue = doc.char_span(found.cue.start, found.cue.end, alignment_mode="expand")
    return cue.root if cue is not None and len(cue) else None


def _find(
    doc: Doc,
    t: _Tables,
    names: dict[str, str],
    memo: _Memo,
    attributions: Sequence[Attribution],
    context: Callable[[], DocumentFrame],
) -> list[Figure]:
    figures: list[Figure] = []
    words: list[tuple[Token, Token]] = []
    by_id = {a.id: a for a in attributions}
    last: _Last | None = None
    for expr, span in _numbers(doc):
        before = (last.measure, last.start) if last is not None else None
        reading = (
            _read(span, t, memo)
            or _read_back(span, t, memo, before)
            or _listed(span, t, memo, last)
        )
        if reading is None:
            continue
        if _lemma(reading.trigger) in _CASUALTY_VERBS and _some_died(reading.trigger, t):
            continue
        named = not span.start <= reading.counted.i < span.end
        last = _Last(reading.measure, span.start, _phrase_end(reading.counted, span), named)
        sent = _line(span, memo)
        bounds = _toll_bounds(expr, reading, memo.text)
        ends = [span.start, span.end - 1, reading.counted.i, reading.trigger.i]
        lo, hi = max(min(ends), sent.start), min(max(ends) + 1, sent.end)
        evidence = doc[lo:hi]
        attributed = _reporter(expr, reading, sent, attributions, names)
        frame = frame_of(
            context(),
            span,
            reading.counted,
            reading.trigger,
            reading.measure,
            sent,
            _statement(doc, attributed, by_id),
        )
        figures.append(
            Figure(
                id=f"F{len(figures) + 1}",
                measure=reading.measure,
                value=expr.value,
                qualifier=bounds[0],
                low=bounds[1],
                high=bounds[2],
                span=Span(evidence.start_char, evidence.end_char, as_written(evidence)),
                number=Span(expr.start, expr.end, expr.text),
                who=_who(reading.counted, span),
                place=frame.place,
                place_id=frame.place_id,
                event=_remembered(memo.events, sent, lambda s: _event(s, t)),
                as_of=frame.as_of,
                attributed_to=attributed,
                population=frame.population,
                period=frame.period,
                since=frame.since,
                flags=frame.flags,
            )
        )
        words.append((_root(span), reading.counted))
    return [
        replace(figure, part_of=total)
        for figure, total in zip(figures, parts(figures, words), strict=True)
    ]


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
        self._context: DocumentFrame | None = None

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

    def frame(
        self,
        counted: Token,
        trigger: Token,
        measure: str,
        sent: SpacySpan,
        dates: Sequence[DateMention],
        published: dt.date | None,
    ) -> Frame:
        """The frame of a count of the people ``counted`` names, as a numbered figure's
        (``frame.frame_of``)."""
        if self._context is None:
            self._context = DocumentFrame(self.doc, dates, published, country_of)
        span = self.doc[counted.i : counted.i + 1]
        return frame_of(self._context, span, counted, trigger, measure, sent, None)

    def event(self, sent: SpacySpan) -> str | None:
        """The event noun ``sent`` names (a figure's ``event``)."""
        return _remembered(self._memo.events, sent, lambda s: _event(s, self._t))
