"""Runs over many inputs: analyse them into a store, one transaction per document.

:func:`ingest` is what ``according ingest`` calls. A bad input is reported and the run
goes on; a document already stored with the same input hash is not analysed again.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from according.analyze import Analyzer, input_hash
from according.errors import InputError, StoreError
from according.ingest import iter_documents
from according.options import Options
from according.records import Document
from according.store.repository import Store

__all__ = ["IngestReport", "ingest"]

LOGGER = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What a run did: documents added, replaced, unchanged; the inputs that failed; and
    the words analysed."""

    outcomes: Counter[str] = field(default_factory=Counter)
    errors: list[InputError] = field(default_factory=list)
    words: int = 0

    @property
    def documents(self) -> int:
        return sum(self.outcomes.values())

    @property
    def failed(self) -> int:
        return len(self.errors)


def _already_stored(store: Store, document: Document, digest: str) -> bool:
    """Whether the store holds this document as it would be analysed now: stored from an
    input with the same hash, or, for a document known only by its text, stored from
    another input with that same text (the first input stored stays, so that ingesting
    the same inputs again changes nothing)."""
    stored = store.stored_as(document.key)
    if stored is None:
        return False
    doc_id, stored_digest = stored
    if stored_digest == digest:
        return True
    if document.url is None and doc_id != document.id:
        LOGGER.info("%s: same text as the stored %s; kept as it is", document.id, doc_id)
        return True
    return False


Progress = Callable[[str, str], None]
"""Called once per input item with its id and its outcome (added, replaced,
unchanged or failed)."""


def ingest(
    inputs: Iterable[str],
    store: Store,
    options: Options,
    *,
    analyzer: Analyzer | None = None,
    on_item: Progress | None = None,
    items: Iterable[Document | InputError] | None = None,
) -> IngestReport:
    """Analyse every document of ``inputs`` (or of ``items`` when given) and save its
    ledger to ``store``; return what happened."""
    analyzer = analyzer or Analyzer(options)
    report = IngestReport()
    stream = items if items is not None else iter_documents(inputs, options)
    batch: list[tuple[Document, str]] = []

    def fail(error: InputError) -> None:
        LOGGER.debug("failed: %s", error)
        report.errors.append(error)
        if on_item:
            on_item(error.source, "failed")

    def flush() -> None:
        ledgers = analyzer.analyze_prepared([d for d, _ in batch])
        for (document, digest), ledger in zip(batch, ledgers, strict=True):
            if isinstance(ledger, InputError):  # this document only: the batch goes on
                fail(ledger)
                continue
            try:
                outcome = store.save(ledger, digest)
            except StoreError as error:
                # the store rolled this document back; the batch goes on
                fail(InputError(document.id, f"not stored: {error}"))
                continue
            except Exception as exc:  # a bug met by this one ledger: its transaction is
                LOGGER.exception("storing %s failed", document.id)  # rolled back too
                fail(InputError(document.id, f"not stored: {type(exc).__name__}: {exc}"[:300]))
                continue
            report.outcomes[outcome] += 1
            report.words += len(document.text.split())
            if on_item:
                on_item(document.id, outcome)
        batch.clear()

    for item in stream:
        if isinstance(item, InputError):
            fail(item)
            continue
        prepared = analyzer.prepare_or_error(item)
        if isinstance(prepared, InputError):
            fail(prepared)
            continue
        digest = input_hash(prepared, analyzer.version)
        if any(prepared.key == d.key for d, _ in batch):
            flush()  # the same document twice in a batch: store the first, then judge
        if _already_stored(store, prepared, digest):
            report.outcomes["unchanged"] += 1
            if on_item:
                on_item(prepared.id, "unchanged")
            continue
        batch.append((prepared, digest))
        if len(batch) >= options.batch_size:
            flush()
    if batch:
        flush()
    return report
