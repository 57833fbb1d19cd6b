"""Checks every ledger JSON object must pass (DESIGN.md's contract)."""

from __future__ import annotations

from typing import Any

from according.records import Ledger

KEYS = {
    "id", "title", "site", "url", "published", "language", "text", "boilerplate",
    "entities", "attributions", "figures", "dates",
}  # fmt: skip


def spans_of(ledger: dict[str, Any]) -> list[dict[str, Any]]:
    """Every span in the ledger that indexes its text (all but boilerplate)."""
    spans: list[dict[str, Any]] = []
    for e in ledger["entities"]:
        spans.extend(e["mentions"])
    for a in ledger["attributions"]:
        spans.extend(s for s in (a["source"], a["cue"]) if s)
        spans.extend(a["content"] if isinstance(a["content"], list) else [a["content"]])
    for f in ledger["figures"]:
        spans.extend([f["span"], f["number"]])
    spans.extend(ledger["dates"])
    return spans


def check_ledger(ledger: dict[str, Any], original: str | None = None) -> None:
    """Assert the contract: keys present; ``text`` is the input as given (``original``);
    every span, boilerplate included, is ``text[start:end]``; no span of the analysis
    reaches into furniture (it is kept out of the analysis); and the object reads back
    into the same Ledger."""
    assert set(ledger) >= KEYS, KEYS - set(ledger)
    text = ledger["text"]
    if original is not None:
        assert text == original
    furniture = ledger["boilerplate"]
    for b in furniture:
        assert text[b["start"] : b["end"]] == b["text"], b
    for span in spans_of(ledger):
        assert text[span["start"] : span["end"]] == span["text"], span
        for b in furniture:
            assert span["end"] <= b["start"] or span["start"] >= b["end"], (span, b)
    assert Ledger.from_json(ledger).to_json() == ledger
