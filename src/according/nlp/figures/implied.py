"""Implied counts: victims named one by one with no number (FIGURES.md "Implied counts").

"A man and a 2-year-old boy were killed and a pregnant woman was injured" states no
number, yet it counts 2 killed and 1 injured; most single-victim stories ("A 23-year-old
man was shot and killed", "Police found a man dead", "John Smith, 34, died at the
hospital") never write one. Each such count is a :class:`Figure` with ``implied=True``;
its ``number`` (and ``who``) is the victims' noun phrases as written.

Everything is read from the dependency parse, with the measure rules of
:mod:`according.nlp.figures.extract` (:class:`MeasureReader`):

1. **A victim** is a singular noun phrase for one person (``is_victim_phrase``): an
   indefinite one ("a man", "a 17-year-old girl", "another woman", "a 23-year-old", a
   headline's bare "Man"), a named person ("John Smith, 34,"), a possessive one ("his
   6-month-old daughter"), or a definite one that a name stands beside ("the victim,
   John Smith,"). Definite mentions ("the man", "the victim"), pronouns and plurals
   are not victims: a later mention adds no one.
2. **What happened to it** (``victim_measure``): the measure the parse gives the phrase
   as it gives a counted word ("was *killed*", "*died*", "killed a man", "found a man
   *dead*"), else the measure of a verb the phrase is the subject of with no object, or
   of one coordinated with it that shares its subject ("was shot *and killed*", "was
   shot and *taken to a hospital*"). Killed outranks injured ("was wounded and later
   died" is one death). Only the measures of victims count (``VICTIM_MEASURES``): a man
   arrested is no implied count.
3. **Not a count**: a projection ("could have been killed"), a negation ("was not
   hurt"), a condition or generic ("if a child is killed"); a victim coordinated with a
   number or a plural ("a man and two children": the numbers count that group); and
   any victim of a measure the document's numbered figures count ("Two people were
   killed ... Smith, 34, died at the scene": the two count him). The series use an
   implied count where no reported figure gives one.
4. **Each victim once per document** (``count_victims``): per measure, the sentence that
   names the most distinct victims gives the count (a named victim is one however often
   it is named: the document's entity, else its last name). Headline and body telling
   the same death ("Man killed ..." / "A 23-year-old man was killed ...") count it once.
   Victims named in different sentences are not added up: an anonymous "a man" and a
   later "John Smith" may be the same person, and the simple rule never counts anyone
   twice (it may count too few).
5. "*Among the dead* were a man and ..." counts ``at_least``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from according.nlp.figures.extract import MeasureReader, first_conjunct, is_person_noun
from according.records import AttributedTo, Attribution, DateMention, Entity, Figure, Span
from according.wordlists import load_list

__all__ = [
    "VICTIM_MEASURES",
    "Victim",
    "count_victims",
    "find_implied",
    "is_victim_phrase",
    "victim_measure",
    "victims",
]

VICTIM_MEASURES = ("killed", "injured", "kidnapped", "missing")
"""The measures an implied count is read for: what happens to victims (not arrests,
releases or evacuations)."""
_KILLED_OVER = frozenset({"injured"})
"""Measures a victim's death makes moot ("was wounded and later died": killed)."""
_INDEFINITE = frozenset({"a", "an", "another"})
_NOT_ONE = frozenset(
    {"people", "person", "personnel", "staff", "crew", "family", "those", "other", "others",
     "dead", "injured", "wounded", "missing", "elderly", "police", "policemen", "troop",
     "youth", "public", "couple", "group", "crowd"}
)  # fmt: skip
"""Person words that do not name one person ("a family", "a crowd", "the dead")."""
_NOMINAL = frozenset({"NOUN", "PROPN", "ADJ", "PRON"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_SHARED = 6
"""How many coordinated verbs deep a shared subject is followed."""
_CONDITIONS = frozenset({"if", "unless", "whenever", "whether", "lest"})


@functools.cache
def _persons() -> frozenset[str]:
    return frozenset(load_list("person_nouns")) - _NOT_ONE


@dataclass(frozen=True)
class Victim:
    """One person the text names as a victim: the head of the phrase, the phrase's
    and its sentence's token bounds, what happened (``measure`` and the word
    ``trigger`` that says so), whether it is one "among" others, and the key that makes
    two mentions one person (an entity id or last name, None for an anonymous "a
    man")."""

    head: Token
    start: int
    end: int
    sentence: tuple[int, int]
    measure: str
    trigger: Token
    among: bool
    key: str | None


def _shared_population(
    reader: MeasureReader,
    group: Sequence[Victim],
    measure: str,
    sent: SpacySpan,
    dates: Sequence[DateMention],
    published: dt.date | None,
) -> str:
    """The population all the victims of an implied count share ("a boy and a girl":
    children), else people ("a man and a 2-year-old boy")."""
    found = {reader.frame(v.head, v.trigger, measure, sent, dates, published).population
             for v in group}  # fmt: skip
    return found.pop() if len(found) == 1 and None not in found else "people"


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _is_age(token: Token) -> bool:
    """ "a *23-year-old*": an age standing for a person."""
    return _lemma(token) == "old" and any(_lemma(c) == "year" for c in token.children)


def _named(token: Token) -> bool:
    """The last word of a person's name: a person the entity recogniser found ("John
    *Smith*"), or a proper noun with an age beside it ("*Smith*, 42,")."""
    if token.pos_ != "PROPN" or token.dep_ == "compound":
        return False
    aged = any(c.dep_ == "appos" and c.like_num for c in token.children)
    return token.ent_type_ == "PERSON" or (aged and token.ent_type_ not in _PLACES)


def _name_beside(token: Token) -> Token | None:
    """ "the victim, *John Smith*, 34,": a name in apposition to ``token``."""
    for child in token.children:
        if child.dep_ == "appos" and _named(child):
            return child
    return None


def _singular_person(token: Token) -> bool:
    """ "a *man*", "a *firefighter*", "a *23-year-old*", a headline's "*Man*" (tagged a
    proper noun in title case)."""
    if _is_age(token):
        return True
    if _lemma(token) in _NOT_ONE or token.lower_ in _NOT_ONE:
        return False
    if token.tag_ == "NN":
        return is_person_noun(token)
    return token.tag_ == "NNP" and token.ent_type_ == "" and token.lower_ in _persons()


def is_victim_phrase(token: Token, headline: bool = False) -> bool:
    """Whether ``token`` heads a phrase that names one person anew: indefinite ("a man",
    "another woman", "a 23-year-old", a headline's bare "Man"), a named person, or a
    definite one with a name beside it ("the victim, John Smith"), a possessive one
    ("his 6-month-old daughter", "Smith's wife"); a bare noun ("Man killed in
    crash") only in a ``headline``. A phrase in apposition to one person is that person:
    "a second victim, an 18-year-old resident," is one victim, "the victim, *a
    21-year-old woman*," one too."""
    head = token.head
    apposed = token.dep_ == "appos" and _same_line(token, head)
    if apposed and (_singular_person(head) or _named(head)):
        # one person named twice: counted at the first phrase that names someone anew
        return _names_anew(token, headline) and not _names_anew(head, headline)
    return _names_anew(token, headline)


def _names_anew(token: Token, headline: bool) -> bool:
    if _named(token) or _name_beside(token) is not None:
        return True
    if not _singular_person(token):
        return False
    dets = [c for c in token.children if c.dep_ in ("det", "poss")]
    if not dets:
        return headline
    det = dets[0]
    return det.lower_ in _INDEFINITE or det.dep_ == "poss"


def _phrase(token: Token, sentence: tuple[int, int]) -> tuple[int, int]:
    """The token bounds of a victim's phrase within its sentence: the words before it
    back to a comma ("a 2-year-old boy"; in "Man, toddler killed", "toddler"), and after
    it an apposition ("John Smith, 34", "the victim, a 21-year-old woman") or an age ("a
    woman in her 20s"), never a clause ("a man who lived nearby" is "a man")."""
    doc = token.doc
    lo = max(token.left_edge.i, sentence[0])
    for i in range(token.i - 1, lo - 1, -1):
        if doc[i].is_punct and doc[i].text not in ("-", "–", "'", "’"):
            lo = i + 1
            break
    hi = token.i
    for child in token.children:
        if child.i < token.i:
            continue
        age = child.dep_ == "prep" and child.lower_ == "in"
        age = age and any(ch.isdigit() for ch in child.right_edge.text)
        if child.dep_ == "appos" or age:
            hi = max(hi, child.right_edge.i)
    hi = min(hi, sentence[1] - 1)
    while hi > token.i and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return lo, hi + 1


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _generic(verb: Token) -> bool:
    """ "a man who *kills* his wife", "a child *is shot* every day": the simple present
    of an event outside a headline says what happens, not what happened (a state is
    present: "*is* in stable condition", "*remains* hospitalised")."""
    if verb.tag_ in ("VBZ", "VBP") and _lemma(verb) not in ("be", "remain"):
        return True
    return any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def _conditional(verb: Token) -> bool:
    """ "if a child is killed": a clause under a condition, or under a verb in one."""
    node = verb
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in node.children):
            return True
        if node.dep_ not in ("conj", "advcl", "xcomp") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _shared_verbs(verb: Token) -> Iterator[Token]:
    """Verbs coordinated with ``verb`` that share its subject and take no object:
    "was shot *and killed*", "was shot, *taken* to a hospital", a headline's "Man shot,
    *killed*" (a few: a chain of them is read no further than ``_SHARED``)."""
    todo = [verb]
    for _ in range(_SHARED):
        if not todo:
            return
        node = todo.pop(0)
        for child in node.children:
            if child.pos_ not in ("VERB", "AUX"):
                continue
            if {g.dep_ for g in child.children} & {"nsubj", "nsubjpass", "dobj", "mark"}:
                continue
            if child.dep_ == "conj" or (child.dep_ == "advcl" and child.tag_ == "VBN"):
                yield child
                todo.append(child)


def _among(
    noun: Token, reader: MeasureReader, sentence: tuple[int, int] | None
) -> tuple[str, Token] | None:
    """ "*Among the dead* were a man and ...": the measure of the group a copula puts the
    victim among."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "attr") or _lemma(verb) != "be":
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "among":
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and (found := reader.measure_of(pobj, sentence)):
                    return found
    return None


def _coordinated(noun: Token) -> list[Token]:
    """The conjuncts of the coordination ``noun`` is in, itself included (a line break
    ends it)."""
    memo = _memo(noun.doc)
    first = _first_conjunct(noun, memo)
    if first.i not in memo.coordinated:
        out, todo = [], [first]
        while todo:
            node = todo.pop()
            out.append(node)
            todo.extend(
                c
                for c in node.children
                if c.dep_ == "conj" and c.pos_ in _NOMINAL and _same_line(c, node)
            )
        memo.coordinated[first.i] = out
    return memo.coordinated[first.i]


def _first_conjunct(noun: Token, memo: _Memo) -> Token:
    return first_conjunct(
        noun, memo.first, lambda n: n.head.pos_ in _NOMINAL and _same_line(n, n.head)
    )


def _counted_by_number(noun: Token) -> bool:
    """ "a man and *two* children", "Valerie Jackson, her husband and *six* children": a
    coordination (or a list the parser read as apposition) that a number or a plural
    counts in part, which the numbered figures are for."""
    memo = _memo(noun.doc)
    key = _first_conjunct(noun, memo).i
    if key not in memo.counted:
        listed = [a for c in _coordinated(noun) for a in c.children if a.dep_ == "appos"]
        listed = [t for a in listed if not a.like_num for t in _coordinated(a)]
        memo.counted[key] = any(
            c.tag_ in ("NNS", "NNPS")
            or any(g.dep_ == "nummod" and _same_line(g, c) for g in c.children)
            for c in (*_coordinated(noun), *listed)
        )
    return memo.counted[key]


def _role(noun: Token) -> Token:
    """The word whose place in the clause ``noun`` has: its first conjunct, or the word
    a name is in apposition to ("*Her parents*, Julian Bice and Jessica Stanford, were
    taken to a hospital")."""
    first = _coordinated(noun)[0]
    if first.dep_ == "appos" and first.head.i != first.i and _same_line(first, first.head):
        return first.head
    return first


_MEMO = "according_implied_memo"
"""Where ``find_implied`` keeps its :class:`_Memo` in ``doc.user_data`` while it reads."""


class _Memo:
    """What the reading of one document's victims shares, so that a list of thousands
    of conjuncts, or a sentence of thousands of victims, costs time in proportion to its
    length: the line of each token, each coordination (by its first conjunct), whether
    numbers count it, and whether a clause under a word says its person died."""

    def __init__(self, doc: Doc) -> None:
        count, self.lines = 0, []
        for token in doc:
            self.lines.append(count)
            count += ("\n" in token.text) + ("\n" in token.whitespace_)
        self.first: dict[int, Token] = {}
        self.coordinated: dict[int, list[Token]] = {}
        self.counted: dict[int, bool] = {}
        self.died: dict[int, bool] = {}


def _memo(doc: Doc) -> _Memo:
    """The memo ``find_implied`` set, or a fresh one (a rule called on its own)."""
    memo = doc.user_data.get(_MEMO)
    return memo if isinstance(memo, _Memo) else _Memo(doc)


def _same_line(a: Token, b: Token) -> bool:
    """Whether no line break stands between two words (a parse that links words across
    one joined a headline to the text)."""
    lo, hi = sorted((a, b), key=lambda t: t.i)
    if hi.i == lo.i:
        return True
    lines = _memo(a.doc).lines
    return lines[hi.i] == lines[lo.i] and "\n" not in lo.text


def _about_another(trigger: Token, noun: Token) -> bool:
    """ "Stroger Hospital, *where he was listed in good condition*": a clause on the
    word whose subject is someone else (not "who", "that")."""
    node = trigger
    for _ in range(4):  # the clause's verb, or a word of it a few steps down
        if node.head.i == node.i or node.head.i == noun.i:
            break
        node = node.head
    if node.head.i != noun.i or node.dep_ not in ("relcl", "acl"):
        return False
    subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.tag_ not in ("WP", "WDT") and subject.lower_ != "that"


def _said_of_a_thing(role: Token, trigger: Token) -> bool:
    """ "Ethan's *death* was an accident": the phrase is what a measure noun is, not a
    person the measure befell ("*Wounded* were a man and ..." is)."""
    return role.dep_ == "attr" and trigger.dep_ == "nsubj" and trigger.pos_ in ("NOUN", "PROPN")


def _died_later(trigger: Token, reader: MeasureReader) -> bool:
    """ "was taken to a hospital, *where he was pronounced dead*": a clause under the
    word that says the person died."""
    memo = _memo(trigger.doc)
    if trigger.i not in memo.died:
        clauses = [
            clause
            for prep in trigger.children
            if prep.dep_ == "prep"
            for place in prep.children
            if place.dep_ == "pobj"
            for clause in place.children
            if clause.dep_ == "relcl"
        ]
        memo.died[trigger.i] = any(
            reader.predicate_measure(c, any(a.dep_ == "auxpass" for a in c.children)) == "killed"
            for c in clauses
        )
    return memo.died[trigger.i]


def _orphan_verb(role: Token, sentence: tuple[int, int]) -> Token | None:
    """A headline the parser ran into the next paragraph ("... shooting\n\nA man and a
    boy were killed ...") leaves words attached across the line break. When the verb
    right after the phrase (and its conjuncts) takes its subject from across the line
    break, or has none, the phrase is its subject."""
    doc = role.doc
    last = max(c.i for c in _coordinated(role))
    i = _phrase(doc[last], sentence)[1]
    while i < sentence[1] and doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
        i += 1
    if i >= sentence[1] or doc[i].pos_ != "VERB":
        return None
    verb = doc[i]
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not sentence[0] <= subject.i < sentence[1]:
        return verb
    return None


def victim_measure(
    noun: Token,
    reader: MeasureReader,
    sentence: tuple[int, int] | None = None,
    headline: bool = False,
) -> tuple[str, Token, bool] | None:
    """What happened to the person ``noun`` names: the measure, the word that says it,
    and whether the person is one "among" others; None when nothing did, or it did not
    happen (a projection, a negation, a condition, the simple present of an event
    outside a ``headline``). Words linked to it across a line break (the parse ran a
    headline into the text) are not read: ``sentence`` bounds what is.

    The measure of a verb the person is the active subject of counts only for a verb
    that says what befell its subject ("died", "is in stable condition", a headline's
    participle "Man *killed* in crash"), never for one the subject did ("Conley
    *admitted* to ...")."""
    role = _role(noun)
    found: list[tuple[str, Token]] = []
    among = _among(role, reader, sentence)
    if among is not None:
        found.append(among)
    elif (direct := reader.measure_of(role, sentence)) and not (
        _about_another(direct[1], role) or _said_of_a_thing(role, direct[1])
    ):
        found.append(direct)
    verb = role.head
    subject = role.dep_ in ("nsubj", "nsubjpass") and verb.pos_ in ("VERB", "AUX")
    subject = subject and (sentence is None or sentence[0] <= verb.i < sentence[1])
    orphan = _orphan_verb(role, sentence) if sentence is not None and not found else None
    if orphan is not None and orphan.i != verb.i:
        verb, subject, found = orphan, True, []
    if subject and among is None:
        has_object = any(c.dep_ == "dobj" for c in verb.children)
        passive = (
            role.dep_ == "nsubjpass"
            or verb.tag_ == "VBN"
            or any(c.dep_ == "auxpass" for c in verb.children)
        )
        if not found and not has_object and (m := reader.predicate_measure(verb, passive)):
            found.append((m, verb))
        for shared in _shared_verbs(verb):
            if sentence is not None and not sentence[0] <= shared.i < sentence[1]:
                continue
            if m := reader.predicate_measure(shared, passive or shared.tag_ == "VBN"):
                found.append((m, shared))
    found = [("killed" if _died_later(w, reader) else m, w) for m, w in found]
    found = [(m, w) for m, w in found if m in VICTIM_MEASURES]
    if any(m == "killed" for m, _ in found):
        found = [(m, w) for m, w in found if m not in _KILLED_OVER]
    for measure, trigger in found:
        clause = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        if _negated(clause) or _negated(verb) or _conditional(clause):
            return None
        if not headline and (_generic(clause) or _generic(verb)):
            return None
        return measure, trigger, among is not None
    return None


def _key(head: Token, names: dict[int, str]) -> str | None:
    """What makes two mentions of a named victim one person: the entity whose mention
    ends where the name does, else the last name."""
    name = head if _named(head) else _name_beside(head)
    if name is None:
        return None
    return names.get(name.idx + len(name)) or name.lower_


def sentences(doc: Doc) -> list[tuple[int, int]]:
    """The token bounds of each token's sentence, cut at line breaks (a headline the
    parser ran into the next paragraph is a sentence of its own)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for token in doc:
        if token.i > start and (token.is_sent_start or "\n" in doc[token.i - 1].text):
            bounds.extend([(start, token.i)] * (token.i - start))
            start = token.i
    bounds.extend([(start, len(doc))] * (len(doc) - start))
    return bounds


def _headline(doc: Doc, sentence: tuple[int, int]) -> bool:
    """Whether a sentence is a headline: a line of its own with no final stop ("Man
    killed in crash")."""
    words = [t for t in doc[sentence[0] : sentence[1]] if not t.is_space]
    if not words or words[-1].text in (".", "!", "?", '"', "”"):
        return False
    after = doc[sentence[1] - 1]
    return sentence[1] >= len(doc) or "\n" in after.text or "\n" in after.whitespace_


def victims(doc: Doc, reader: MeasureReader, entities: Sequence[Entity] = ()) -> list[Victim]:
    """Every victim the parse of ``doc`` names, in text order (rules 1-3 of the module
    docstring but the numbered figures)."""
    names = {m.end: e.id for e in entities if e.label == "PERSON" for m in e.mentions}
    bounds = sentences(doc)
    found: list[Victim] = []
    headlines: dict[tuple[int, int], bool] = {}
    for token in doc:
        sentence = bounds[token.i]
        if sentence not in headlines:
            headlines[sentence] = _headline(doc, sentence)
        headline = headlines[sentence]
        if not is_victim_phrase(token, headline) or _counted_by_number(token):
            continue
        read = victim_measure(token, reader, sentence, headline)
        if read is None:
            continue
        measure, trigger, among = read
        start, end = _phrase(token, sentence)
        found.append(
            Victim(token, start, end, sentence, measure, trigger, among, _key(token, names))
        )
    return found


def count_victims(found: Sequence[Victim]) -> list[tuple[str, list[Victim]]]:
    """Per measure, the victims of the sentence that names the most distinct people
    (the first such sentence), each counted once (rule 4 of the module docstring)."""
    by_measure: dict[str, dict[tuple[int, int], list[Victim]]] = {}
    for v in found:
        by_measure.setdefault(v.measure, {}).setdefault(v.sentence, []).append(v)
    out: list[tuple[str, list[Victim]]] = []
    for measure, groups in by_measure.items():
        best: list[Victim] = []
        for group in groups.values():
            distinct = _distinct(group)
            if len(distinct) > len(best):
                best = distinct
        out.append((measure, best))
    return out


def _distinct(group: Sequence[Victim]) -> list[Victim]:
    seen: set[str] = set()
    kept: list[Victim] = []
    for v in group:
        if v.key is not None:
            if v.key in seen:
                continue
            seen.add(v.key)
        kept.append(v)
    return kept


def _numbered(figures: Sequence[Figure]) -> frozenset[str]:
    """The measures the numbered figures of the document count."""
    return frozenset(f.measure for f in figures if not f.implied)


def _attributed(
    number: Span, attributions: Sequence[Attribution], entities: Sequence[Entity]
) -> AttributedTo | None:
    """The innermost attribution whose content holds the victims' words."""
    best: tuple[int, Attribution] | None = None
    for a in attributions:
        for part in a.content:
            if part.start <= number.start and number.end <= part.end:
                size = part.end - part.start
                if best is None or size < best[0]:
                    best = (size, a)
    if best is None:
        return None
    a = best[1]
    names = {e.id: e.name for e in entities}
    source = a.source.text if a.source else None
    speaker = names.get(a.speaker) if a.speaker else None
    if source is None or (speaker and source.lower() in {"he", "she", "they", "it", "we"}):
        source = speaker or source
    return AttributedTo(text=source, entity=a.speaker, attribution=a.id) if source else None


def find_implied(
    doc: Doc,
    figures: Sequence[Figure],
    attributions: Sequence[Attribution] = (),
    entities: Sequence[Entity] = (),
    dates: Sequence[DateMention] = (),
    published: dt.date | None = None,
) -> tuple[Figure, ...]:
    """The implied counts of ``doc`` (``implied=True``), at most one per measure, ids
    continuing those of ``figures`` (``F{n+1}``, ...). ``figures`` are the numbered
    figures of the document: a measure one of them counts gets no implied count (the
    document gives its number; the victims it names are among those counted).

    A figure's ``number`` and ``who`` are the victims' words ("a man and a 2-year-old
    boy"), its value their count, ``exact`` (``at_least`` for "among the dead were
    ..."); ``span`` runs from them to the word giving the measure."""
    reader = MeasureReader(doc)
    text = doc._.source_text or doc.text
    numbered = _numbered(figures)
    doc.user_data[_MEMO] = _Memo(doc)
    try:
        found = [v for v in victims(doc, reader, entities) if v.measure not in numbered]
    finally:
        del doc.user_data[_MEMO]
    out: list[Figure] = []
    order = {m: i for i, m in enumerate(VICTIM_MEASURES)}
    for measure, group in sorted(count_victims(found), key=lambda mg: order[mg[0]]):
        if not group:
            continue
        first = doc[min(v.start for v in group)]
        last = doc[max(v.end for v in group) - 1]
        number = Span(first.idx, last.idx + len(last), text[first.idx : last.idx + len(last)])
        triggers = [v.trigger for v in group]
        lo = min([first.idx, *(t.idx for t in triggers)])
        hi = max([number.end, *(t.idx + len(t) for t in triggers)])
        sent = doc[group[0].sentence[0] : group[0].sentence[1]]
        frame = reader.frame(group[0].head, group[0].trigger, measure, sent, dates, published)
        value = len(group)
        qualifier = "at_least" if any(v.among for v in group) else "exact"
        out.append(
            Figure(
                id=f"F{len(figures) + len(out) + 1}",
                measure=measure,
                value=value,
                qualifier=qualifier,
                low=value,
                high=None if qualifier == "at_least" else value,
                span=Span(lo, hi, text[lo:hi]),
                number=number,
                who=number.text,
                place=frame.place,
                place_id=frame.place_id,
                event=reader.event(sent),
                as_of=frame.as_of,
                attributed_to=_attributed(number, attributions, entities),
                population=_shared_population(reader, group, measure, sent, dates, published),
                period=frame.period,
                flags=frame.flags,
                implied=True,
            )
        )
    return tuple(out)
