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
    """Assert the contract: keys present, every span's text is text[start:end],
    boilerplate spans hold the original characters and are blanked in text, and the
    object reads back into the same Ledger."""
    assert set(ledger) >= KEYS, KEYS - set(ledger)
    text = ledger["text"]
    for span in spans_of(ledger):
        assert text[span["start"] : span["end"]] == span["text"], span
    for b in ledger["boilerplate"]:
        assert text[b["start"] : b["end"]].strip() == "", b
        if original is not None:
            assert original[b["start"] : b["end"]] == b["text"], b
    if original is not None:
        assert len(text) == len(original)
    assert Ledger.from_json(ledger).to_json() == ledger
