"""Documents → ledgers: boilerplate kept out, the spaCy pipeline run, records built.

:class:`Analyzer` is the one way in, for a single document or a stream of them; the
pipeline is loaded once per process (:func:`according.nlp.pipeline.load_pipeline`).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from according import __version__
from according.boilerplate import strip_boilerplate
from according.errors import InputError
from according.ingest.language import guess_language
from according.nlp.attribution.link import AttributionDraft
from according.nlp.entities import EntityGroup
from according.nlp.figures.extract import find_figures
from according.nlp.parser_text import as_written, parser_text
from according.nlp.pipeline import MODEL, load_pipeline
from according.options import Options
from according.records import Attribution, DateMention, Document, Entity, Ledger, Span

__all__ = ["ANALYSIS_VERSION", "Analyzer", "input_hash"]

LOGGER = logging.getLogger(__name__)

ANALYSIS_VERSION = f"according {__version__}; {MODEL} 3.8.0"
"""Changes whenever the same input could give a different ledger."""


def input_hash(document: Document) -> str:
    """A hash of everything the ledger of ``document`` depends on: its text, its
    metadata and the analysis version. Equal hashes mean re-analysis changes nothing.

    The input's name (``document.id``) is left out: two files holding the same text are
    one document (:attr:`Document.key`), stored once under the first name seen, and
    ingesting both again changes nothing."""
    payload = json.dumps(
        [
            ANALYSIS_VERSION,
            document.text,
            document.title,
            document.site,
            document.url,
            document.published.isoformat() if document.published else None,
            document.author,
            document.language,
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _span(doc: Doc, start: int, end: int) -> Span:
    """The character span of tokens ``start:end``."""
    span = doc[start:end]
    return Span(span.start_char, span.end_char, as_written(span))


def _attributions(
    doc: Doc, drafts: list[AttributionDraft], entity_ids: dict[int, str]
) -> tuple[Attribution, ...]:
    out: list[Attribution] = []
    for i, d in enumerate(drafts, 1):  # in reading order (link.reading_order)
        out.append(
            Attribution(
                id=f"A{i}",
                kind=d.kind,  # type: ignore[arg-type]  # link.attribution_kind's values
                cue=_span(doc, *d.cue),
                content=tuple(_span(doc, a, b) for a, b in d.content),
                source=_span(doc, *d.source) if d.source else None,
                speaker=entity_ids.get(id(d.speaker)) if d.speaker is not None else None,
                medium=d.medium,
            )
        )
    return tuple(out)


def _entities(groups: list[EntityGroup]) -> tuple[Entity, ...]:
    return tuple(
        Entity(
            id=f"E{i}",
            name=g.name,
            label=g.label,
            mentions=tuple(Span(m.start_char, m.end_char, as_written(m)) for m in g.mentions),
            descriptions=tuple(g.descriptions),
        )
        for i, g in enumerate(groups, 1)
    )


class Analyzer:
    """Turns documents into ledgers with one loaded pipeline."""

    def __init__(self, options: Options | None = None, nlp: Language | None = None) -> None:
        self.options = options or Options()
        if nlp is None:
            nlp = load_pipeline(self.options.max_chars, self.options.attribution_model)
        self.nlp = nlp

    def prepare(self, document: Document) -> Document:
        """The document as it will be analysed: published date overridden, furniture
        blanked, language guessed when unknown. Raises InputError when nothing is left
        to analyse or the text is longer than ``options.max_chars``."""
        document = document.with_published(self.options.published)
        if len(document.text) > self.options.max_chars:
            raise InputError(
                document.id,
                f"text too long ({len(document.text):,} characters > cap "
                f"{self.options.max_chars:,})",
            )
        document = strip_boilerplate(document)
        if not document.text.strip():
            raise InputError(document.id, "empty: no text left to analyse")
        if document.language is None:
            document = replace(document, language=guess_language(document.text))
        return document

    def _ledger(self, document: Document, doc: Doc) -> Ledger:
        dates: list[DateMention] = doc._.according_dates or []
        groups: list[EntityGroup] = doc._.according_entities or []
        entity_ids = {id(g): f"E{i}" for i, g in enumerate(groups, 1)}
        entities = _entities(groups)
        attributions = _attributions(doc, doc._.according_attributions or [], entity_ids)
        return Ledger(
            document=document,
            entities=entities,
            attributions=attributions,
            figures=find_figures(doc, attributions, entities, dates, document.published),
            dates=tuple(dates),
        )

    def _make_doc(self, document: Document) -> Doc:
        text = parser_text(document.text)
        doc = self.nlp.make_doc(text)
        if text != document.text:
            doc._.source_text = document.text
        doc._.published = document.published
        return doc

    def prepare_text(self, text: str, id: str = "<text>") -> Document:
        """A prepared document of a bare text (for tests, warm-up and the Python API)."""
        return self.prepare(Document(id=id, text=text))

    def analyze(self, document: Document) -> Ledger:
        """The ledger of one document (raises InputError for a bad one)."""
        prepared = self.prepare(document)
        return self._ledger(prepared, self.nlp(self._make_doc(prepared)))

    def analyze_prepared(self, documents: Sequence[Document]) -> Iterator[Ledger]:
        """The ledgers of documents already through :meth:`prepare`, batched through
        the pipeline, in order."""
        docs = self.nlp.pipe(
            (self._make_doc(d) for d in documents), batch_size=self.options.batch_size
        )
        for document, doc in zip(documents, docs, strict=True):
            yield self._ledger(document, doc)

    def analyze_many(self, items: Iterable[Document | InputError]) -> Iterator[Ledger | InputError]:
        """The ledger of every document, in order; an InputError in the stream (or
        raised by :meth:`prepare`) is passed on in its place."""
        iterator = iter(items)
        while batch := list(islice(iterator, self.options.batch_size)):
            ready: list[InputError | Document] = []
            for item in batch:
                if isinstance(item, InputError):
                    ready.append(item)
                    continue
                try:
                    ready.append(self.prepare(item))
                except InputError as error:
                    ready.append(error)
            ledgers = self.analyze_prepared([r for r in ready if isinstance(r, Document)])
            for r in ready:
                yield next(ledgers) if isinstance(r, Document) else r
