"""Figures where the parser goes wrong, on parses written down by hand (as the model
parsed sentences like these in longer reports): the rules read a count and its source
from the structure the parse does give, whatever it got wrong around them."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from according.nlp.extensions import register_extensions
from according.nlp.figures.extract import find_figures
from according.records import Attribution, Figure, Span

NO_SPACE_BEFORE = frozenset({",", ".", ")"})


def parsed(rows: list[str]) -> Doc:
    """A parsed Doc from rows of "word tag pos dep head lemma" (head: the index of the
    head word)."""
    register_extensions()
    cells = [row.split(" ") for row in rows]
    words = [c[0] for c in cells]
    spaces = [
        i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE and words[i] != "("
        for i in range(len(words))
    ]
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=spaces,
        tags=[c[1] for c in cells],
        pos=[c[2] for c in cells],
        deps=[c[3] for c in cells],
        heads=[int(c[4]) for c in cells],
        lemmas=[c[5] for c in cells],
        sent_starts=[i == 0 for i in range(len(words))],
    )


def figures(doc: Doc, attributions: tuple[Attribution, ...] = ()) -> list[Figure]:
    return list(find_figures(doc, attributions, (), (), None))


def reads(found: list[Figure]) -> list[tuple[str, str, int]]:
    return [(f.number.text, f.measure, f.value) for f in found]


def span(doc: Doc, text: str) -> Span:
    start = doc.text.index(text)
    return Span(start, start + len(text), text)


# "the spokesman said that two of them - ama osei and kofi osei - were missing while
# the third was in hospital": the count hung from the names set off by dashes
DASHED_NAMES = [
    "the DT DET det 1 the",
    "spokesman NN NOUN nsubj 2 spokesman",
    "said VBD VERB ROOT 2 say",
    "that IN SCONJ mark 14 that",
    "two CD NUM nsubj 8 two",
    "of IN ADP prep 4 of",
    "them PRP PRON pobj 5 they",
    "- HYPH PUNCT punct 8 -",
    "ama NN NOUN compound 9 ama",
    "osei NN NOUN nsubj 14 osei",
    "and CC CCONJ cc 9 and",
    "kofi JJ ADJ conj 9 kofi",
    "osei NN NOUN conj 9 osei",
    "- , PUNCT punct 14 -",
    "were VBD AUX ccomp 2 be",
    "missing VBG VERB acomp 14 miss",
    ". . PUNCT punct 2 .",
]

# "two border guard personnel present at a post there were also injured": the
# phrase after the count read as a clause ("present" the subject of "injured")
PHRASE_AS_CLAUSE = [
    "two CD NUM nummod 3 two",
    "border NN NOUN compound 3 border",
    "guard NN NOUN compound 3 guard",
    "personnel NNS NOUN nsubj 4 personnel",
    "present JJ ADJ nsubjpass 11 present",
    "at IN ADP prep 4 at",
    "a DT DET det 7 a",
    "post NN NOUN pobj 5 post",
    "there EX PRON expl 9 there",
    "were VBD VERB auxpass 11 be",
    "also RB ADV advmod 11 also",
    "injured VBN VERB ROOT 11 injure",
    ". . PUNCT punct 11 .",
]


def test_a_count_hung_from_names_set_off_by_dashes_takes_their_clause() -> None:
    assert reads(figures(parsed(DASHED_NAMES))) == [("two", "missing", 2)]


def test_a_phrase_the_parse_read_as_a_clause_leaves_its_count_the_measure() -> None:
    assert reads(figures(parsed(PHRASE_AS_CLAUSE))) == [("two", "injured", 2)]


# "Wounded were two women and three men": the copula read as the participle's
# auxiliary
INVERTED_AS_AUXILIARY = [
    "Wounded VBN VERB ROOT 0 wound",
    "were VBD AUX auxpass 0 be",
    "two CD NUM nummod 3 two",
    "women NNS NOUN attr 1 woman",
    "and CC CCONJ cc 3 and",
    "three CD NUM nummod 6 three",
    "men NNS NOUN conj 3 man",
    ". . PUNCT punct 1 .",
]

# "Police say gangs are behind the shooting that killed 2, wounded 6": a headline
# whose second count the attribution's content stops short of
CUT_SHORT = [
    "Police NNS NOUN nsubj 1 police",
    "say VBP VERB ROOT 1 say",
    "gangs NNS NOUN nsubj 3 gang",
    "are VBP AUX ccomp 1 be",
    "behind IN ADP prep 3 behind",
    "the DT DET det 6 the",
    "shooting NN NOUN pobj 4 shooting",
    "that WDT PRON nsubj 8 that",
    "killed VBD VERB relcl 6 kill",
    "2 CD NUM dobj 8 2",
    ", , PUNCT punct 3 ,",
    "wounded VBD VERB conj 3 wound",
    "6 CD NUM dobj 11 6",
]


def test_an_inverted_copula_read_as_an_auxiliary_still_gives_the_measure() -> None:
    found = figures(parsed(INVERTED_AS_AUXILIARY))
    assert reads(found) == [("two", "injured", 2), ("three", "injured", 3)]


def test_a_conjunct_of_what_was_said_shares_its_source() -> None:
    doc = parsed(CUT_SHORT)
    said = Attribution(
        id="A1",
        kind="indirect",
        cue=span(doc, "say"),
        content=(span(doc, "gangs are behind the shooting that killed 2"),),
        source=span(doc, "Police"),
    )
    found = figures(doc, (said,))
    assert reads(found) == [("2", "killed", 2), ("6", "injured", 6)]
    assert [f.attributed_to.text if f.attributed_to else None for f in found] == [
        "Police",
        "Police",
    ]
