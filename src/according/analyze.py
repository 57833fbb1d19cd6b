"""Documents → ledgers: boilerplate kept out, the spaCy pipeline run, records built.

:class:`Analyzer` is the one way in, for a single document or a stream of them; the
pipeline is loaded once per process (:func:`according.nlp.pipeline.load_pipeline`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from importlib import resources
from importlib.resources.abc import Traversable
from itertools import islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from according import __version__
from according.boilerplate import mark_boilerplate
from according.errors import InputError
from according.ingest.language import guess_language
from according.nlp.attribution.link import AttributionDraft
from according.nlp.entities import EntityGroup
from according.nlp.figures.extract import find_figures
from according.nlp.parser_text import as_written, parser_text
from according.nlp.pipeline import load_pipeline, model_version
from according.options import Options
from according.records import Attribution, DateMention, Document, Entity, Ledger, Span

__all__ = ["ANALYSIS_VERSION", "Analyzer", "analysis_version", "input_hash", "tree_digest"]

LOGGER = logging.getLogger(__name__)

DATA = resources.files("according") / "data"
"""The shipped models and word lists."""


def tree_digest(root: Traversable) -> str:
    """A SHA-256 of every file under ``root``: their paths relative to it and their bytes,
    in path order. Any file added, removed, renamed or changed changes it."""
    digest = hashlib.sha256()
    pending: list[tuple[str, Traversable]] = [("", root)]
    files: list[tuple[str, Traversable]] = []
    while pending:
        prefix, folder = pending.pop()
        for entry in folder.iterdir():
            if entry.name == "__pycache__":
                continue
            path = f"{prefix}{entry.name}"
            if entry.is_dir():
                pending.append((path + "/", entry))
            else:
                files.append((path, entry))
    for path, entry in sorted(files, key=lambda item: item[0]):
        content = entry.read_bytes()
        digest.update(f"{path}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


@functools.cache
def analysis_version(attribution_model: str | None = None) -> str:
    """What the ledger of an input depends on besides the input: this package's version,
    the spaCy model's own version (its meta.json) and a digest of everything under
    ``according/data`` (the shipped attribution models and word lists), or of the
    attribution model folder used instead (``--model``). A retrained model or an edited
    word list changes it, so a stored document is analysed again.

    >>> analysis_version().startswith("according ")
    True
    """
    version = f"according {__version__}; {model_version()}; data {tree_digest(DATA)[:16]}"
    if attribution_model is not None:
        version += f"; attribution model {tree_digest(Path(attribution_model))[:16]}"
    return version


ANALYSIS_VERSION = analysis_version()
"""The version of the analysis as shipped (:func:`analysis_version`)."""


def input_hash(document: Document, version: str = ANALYSIS_VERSION) -> str:
    """A hash of everything the ledger of ``document`` depends on: its text, its
    metadata and the analysis version (:attr:`Analyzer.version`). Equal hashes mean
    re-analysis changes nothing.

    The input's name (``document.id``) is left out: two files holding the same text are
    one document (:attr:`Document.key`), stored once under the first name seen, and
    ingesting both again changes nothing."""
    payload = json.dumps(
        [
            version,
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

    @property
    def version(self) -> str:
        """The version of this analyzer's analysis (:func:`analysis_version`): what a
        stored document's input hash is checked against."""
        return analysis_version(self.options.attribution_model)

    def prepare(self, document: Document) -> Document:
        """The document as it will be analysed: published date overridden, furniture
        marked (:attr:`Document.boilerplate`; the text is left as given), language
        guessed when unknown. Raises InputError when nothing is left
        to analyse or the text is longer than ``options.max_chars``."""
        document = document.with_published(self.options.published)
        if len(document.text) > self.options.max_chars:
            raise InputError(
                document.id,
                f"text too long ({len(document.text):,} characters > cap "
                f"{self.options.max_chars:,})",
            )
        document = mark_boilerplate(document)
        analysed = document.analysed_text
        if not analysed.strip():
            raise InputError(document.id, "empty: no text left to analyse")
        if document.language is None:
            document = replace(document, language=guess_language(analysed))
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
        """The spaCy doc of ``document``: the parser reads its text with the furniture
        blanked (:attr:`Document.analysed_text`) and odd marks as it was trained
        (:func:`parser_text`); spans quote the text as written (``doc._.source_text``)."""
        text = parser_text(document.analysed_text)
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
