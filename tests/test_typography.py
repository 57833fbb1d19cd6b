"""The one table of marks and the one name folding (according.typography), and that the
document's entities and the store's canonical entities fold names alike."""

from __future__ import annotations

import pytest

from according.analyze import Analyzer
from according.ledger.names import name_key
from according.nlp.entities import normalise_name
from according.records import Document
from according.typography import (
    CLOSING_QUOTES,
    HYPHENS,
    OPENING_QUOTES,
    QUOTE_TOKENS_CLOSE,
    QUOTE_TOKENS_OPEN,
    fold_name,
    plain,
)


def test_plain_writes_dashes_apostrophes_and_letters_in_ascii() -> None:
    assert plain("Al−Khulaifi, O′Brien, Zoë") == "Al-Khulaifi, O'Brien, Zoe"


@pytest.mark.parametrize("hyphen", list(HYPHENS))
def test_every_hyphen_folds_to_one_key(hyphen: str) -> None:
    assert fold_name(f"Al{hyphen}Khulaifi") == fold_name("Al-Khulaifi") == "al-khulaifi"


@pytest.mark.parametrize("spelling", ["O’Brien", "O′Brien", "Oʼ Brien".replace(" ", ""), "O‘Brien"])
def test_apostrophes_fold_to_one_key(spelling: str) -> None:
    assert fold_name(spelling) == "o'brien"


def test_spaces_around_a_hyphen_and_runs_of_spaces_fold() -> None:
    assert fold_name("Mohammed  AL – Khulaifi") == fold_name("Mohammed Al-Khulaifi")


def test_no_closing_mark_is_an_opening_only_mark() -> None:
    assert set(CLOSING_QUOTES) - set(OPENING_QUOTES) == {"”", "’", "»"}
    assert "“" not in CLOSING_QUOTES and "“" not in QUOTE_TOKENS_CLOSE
    assert "”" not in QUOTE_TOKENS_OPEN


def test_document_and_store_fold_a_name_alike() -> None:
    """The document's key and the store's key agree on every spelling that one of them
    merges (a minus or a prime in a name used to split it within a document only)."""
    spellings = ["Al−Khulaifi", "Al-Khulaifi", "Al‐Khulaifi", "O′Brien", "O’Brien", "O'Brien"]
    for a in spellings:
        for b in spellings:
            assert (normalise_name(a) == normalise_name(b)) == (name_key(a) == name_key(b))


def test_one_entity_for_a_name_written_with_a_minus_and_a_hyphen(analyzer: Analyzer) -> None:
    text = (
        "Qatar's Foreign Minister Mohammed Al−Khulaifi arrived in Cairo on Monday. "
        "Officials said Mohammed Al-Khulaifi would meet both delegations."
    )
    ledger = analyzer.analyze(Document(id="t.txt", text=text))
    people = [e for e in ledger.entities if "Khulaifi" in e.name]
    assert len(people) == 1
    assert [m.text for m in people[0].mentions] == ["Mohammed Al−Khulaifi", "Mohammed Al-Khulaifi"]
