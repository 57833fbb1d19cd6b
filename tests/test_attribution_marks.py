"""The attribution modules read their marks from according.typography, and read them as
they did before it (the taggers and the ranker were trained on those readings)."""

from __future__ import annotations

import ast
import re

import spacy

from according.nlp.attribution.extent import text_key
from according.nlp.attribution.features import quote_states
from conftest import shared_path


def test_quote_states_open_close_and_turn_by_the_token() -> None:
    nlp = spacy.blank("en")
    words = ["“", "a", "”", "``", "b", "’’", "‘‘", "c", "''", '"', "d", '"', "‘", "e"]
    doc = spacy.tokens.Doc(nlp.vocab, words=words)
    assert quote_states(doc) == [
        "open", "in", "close", "open", "in", "close", "open", "in", "close",
        "open", "in", "close", "out", "out",
    ]  # fmt: skip


def test_extent_keys_trim_what_the_scorer_trims_and_a_no_break_space() -> None:
    for mark in "\"'“”‘’—–-":
        assert text_key(f"{mark}Rates rose{mark}", [(0, 12)]) == ((1, 11),), mark
    for mark in "«»―":  # not trimmed by the scorer, so not by the keys
        assert text_key(f"{mark}Rates rose{mark}", [(0, 12)]) == ((0, 12),), mark
    assert text_key("\xa0Rates rose\xa0", [(0, 12)]) == ((1, 11),)


def test_the_scorer_trims_what_the_extent_keys_trim() -> None:
    scorer = shared_path("eval", "polnear_score.py").read_text(encoding="utf-8")
    found = re.search(r"^TRIM = (.*)$", scorer, re.MULTILINE)
    assert found is not None
    trim = ast.literal_eval(found.group(1))
    text = "x" + trim + "Rates rose" + trim + "x"
    assert text_key(text, [(1, len(text) - 1)]) == ((1 + len(trim), 11 + len(trim)),)
