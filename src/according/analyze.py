"""Documents → ledgers: boilerplate kept out, the spaCy pipeline run, records built.

:class:`Analyzer` is the one way in, for a single document or a stream of them; the
pipeline is loaded once per process (:func:`according.nlp.pipeline.load_pipeline`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
import signal
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
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
from according.nlp.figures.implied import find_implied
from according.nlp.parser_text import as_written, parser_text
from according.nlp.pipeline import load_pipeline, model_version
from according.options import EARLIEST_PUBLISHED, LATEST_PUBLISHED, Options
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


# What a tokenizer would count as tokens: words and single punctuation marks.
_TOKENISH = re.compile(r"\w+|[^\w\s]")
# Where a sentence surely ends: a full stop, question or exclamation mark (any script's)
# before a space or closing quote, or a line break.
_SENTENCE_END = re.compile(r"[.!?。！？؟।][\"'”’»)\]]*(?:\s|$)|\n")


def longest_sentence(text: str) -> int:
    """The most characters of ``text`` between two places where a sentence surely ends
    (an upper bound of its longest sentence, found without parsing)."""
    longest, start = 0, 0
    for end in _SENTENCE_END.finditer(text):
        longest = max(longest, end.start() - start)
        start = end.end()
    return max(longest, len(text) - start)


class _Overtime(BaseException):
    """The time budget of an analysis ran out. A BaseException, so that no ``except
    Exception`` in a library can swallow it."""


@contextmanager
def _time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_Overtime` in the code run inside after ``seconds`` (by SIGALRM: in
    the main thread of a Unix process only; elsewhere there is no limit)."""
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable or seconds is None:
        yield
        return

    def overtime(signum: int, frame: object) -> None:
        # Fire again soon: an exception raised where Python ignores them (a garbage
        # collector or __del__ callback) would otherwise end the budget unnoticed.
        signal.setitimer(signal.ITIMER_REAL, 0.25)
        raise _Overtime

    previous = signal.signal(signal.SIGALRM, overtime)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
        """The document as it will be analysed: published date overridden (the one place
        ``options.published`` is applied) or, out of range, dropped; furniture marked
        (:attr:`Document.boilerplate`; the text is left as given); language guessed when
        unknown. Raises InputError when nothing is left to analyse or the text is over
        budget: longer than ``options.max_chars``, more tokens than ``options.max_tokens``,
        a sentence longer than ``options.max_sentence_chars``."""
        document = self._published(document)
        options = self.options
        if len(document.text) > options.max_chars:
            raise InputError(
                document.id,
                f"text too long ({len(document.text):,} characters > cap {options.max_chars:,})",
            )
        tokens = sum(1 for _ in _TOKENISH.finditer(document.text))
        if tokens > options.max_tokens:
            raise InputError(
                document.id, f"too large ({tokens:,} tokens > max {options.max_tokens:,})"
            )
        sentence = longest_sentence(document.text)
        if sentence > options.max_sentence_chars:
            raise InputError(
                document.id,
                f"too large (a sentence of {sentence:,} characters > max "
                f"{options.max_sentence_chars:,})",
            )
        document = mark_boilerplate(document)
        analysed = document.analysed_text
        if not analysed.strip():
            raise InputError(document.id, "empty: no text left to analyse")
        if document.language is None:
            document = replace(document, language=guess_language(analysed))
        return document

    def prepare_or_error(self, document: Document) -> Document | InputError:
        """:meth:`prepare`, or the error in place of the document it fails on."""
        try:
            return self.prepare(document)
        except InputError as error:
            return error
        except Exception as exc:  # a bug met by this one input: report it, go on
            LOGGER.exception("preparing %s failed", document.id)
            return InputError(document.id, f"analysis failed: {type(exc).__name__}: {exc}"[:300])

    def _published(self, document: Document) -> Document:
        """``document`` with ``options.published`` in place of its date, or without a
        date it gives outside the range relative dates can be resolved against."""
        document = document.with_published(self.options.published)
        date = document.published
        if date is not None and not EARLIEST_PUBLISHED <= date <= LATEST_PUBLISHED:
            LOGGER.warning(
                "%s: published date %s is out of range; left out", document.id, date.isoformat()
            )
            document = replace(document, published=None)
        return document

    def _ledger(self, document: Document, doc: Doc) -> Ledger:
        dates: list[DateMention] = doc._.according_dates or []
        groups: list[EntityGroup] = doc._.according_entities or []
        entity_ids = {id(g): f"E{i}" for i, g in enumerate(groups, 1)}
        entities = _entities(groups)
        attributions = _attributions(doc, doc._.according_attributions or [], entity_ids)
        figures = find_figures(doc, attributions, entities, dates, document.published)
        implied = find_implied(doc, figures, attributions, entities, dates, document.published)
        return Ledger(
            document=document,
            entities=entities,
            attributions=attributions,
            figures=figures + implied,
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
        """The ledger of one document (raises InputError for a bad one, or one over its
        time budget)."""
        result = self._analyze_one(self.prepare(document))
        if isinstance(result, InputError):
            raise result
        return result

    def _analyze_one(self, document: Document) -> Ledger | InputError:
        """The ledger of one prepared document, or the error that stopped it: over its
        time budget, or a failure of the pipeline or of building the ledger."""
        seconds = self.options.max_seconds
        started = time.monotonic()
        try:
            with _time_budget(seconds):
                return self._ledger(document, self.nlp(self._make_doc(document)))
        except _Overtime:
            return InputError(document.id, f"too slow (over {seconds:g} s of analysis)")
        except MemoryError:
            return InputError(document.id, "too large (out of memory in analysis)")
        except RecursionError:
            return InputError(document.id, "analysis failed: nested too deeply")
        except Exception as exc:  # a bug met by this one input: report it, go on
            LOGGER.exception("analysing %s failed", document.id)
            return InputError(document.id, f"analysis failed: {type(exc).__name__}: {exc}"[:300])
        finally:
            LOGGER.debug("%s analysed in %.2f s", document.id, time.monotonic() - started)

    def _analyze_batch(self, documents: Sequence[Document]) -> list[Ledger]:
        docs = self.nlp.pipe(
            (self._make_doc(d) for d in documents), batch_size=self.options.batch_size
        )
        return [self._ledger(d, doc) for d, doc in zip(documents, docs, strict=True)]

    def analyze_prepared(self, documents: Sequence[Document]) -> Iterator[Ledger | InputError]:
        """The ledgers of documents already through :meth:`prepare`, in order, batched
        through the pipeline; an error in place of each document that failed.

        A batch gets ``options.max_seconds`` in all. When it fails or runs over, its
        documents are analysed again one by one, each with that budget, so that one bad
        document costs that document only."""
        size = self.options.batch_size
        for first in range(0, len(documents), size):
            batch = documents[first : first + size]
            if len(batch) == 1:
                yield self._analyze_one(batch[0])
                continue
            try:
                with _time_budget(self.options.max_seconds):
                    ledgers: Sequence[Ledger | InputError] = self._analyze_batch(batch)
            except _Overtime:
                LOGGER.info("a batch of %d ran over its time; one by one", len(batch))
                ledgers = [self._analyze_one(d) for d in batch]
            except Exception as exc:
                LOGGER.info("a batch of %d failed (%r); one by one", len(batch), exc)
                ledgers = [self._analyze_one(d) for d in batch]
            yield from ledgers

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
                ready.append(self.prepare_or_error(item))
            ledgers = self.analyze_prepared([r for r in ready if isinstance(r, Document)])
            for r in ready:
                yield next(ledgers) if isinstance(r, Document) else r
