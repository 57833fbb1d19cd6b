"""The attribution component: tag, link, take a second look at each content, choose its
extent, resolve speakers. It assembles the parts from one model folder: the joint and
content taggers (:class:`AttributionModel`) and the extent ranker (:func:`load_ranker`;
read only with a content tagger, whose reading it ranks)."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from according.nlp.attribution.content import CueContext, review_content
from according.nlp.attribution.extent import ExtentRanker, choose_extent, load_ranker
from according.nlp.attribution.features import TokenTable
from according.nlp.attribution.link import AttributionDraft, link_spans
from according.nlp.attribution.model import AttributionModel
from according.nlp.attribution.speakers import resolve_speakers

__all__ = ["AttributionFinder"]


class AttributionFinder:
    """Finds attributions (``doc._.according_attributions``: list of
    :class:`AttributionDraft`) with the trained tagger, and resolves their speakers
    among ``doc._.according_entities``."""

    def __init__(self, nlp: Language, name: str, *, model_dir: str | None = None) -> None:
        self.name = name
        self.model = AttributionModel.load(Path(model_dir) if model_dir else None)
        self.extent: ExtentRanker | None = None
        if self.model.content is not None:
            self.extent = load_ranker(self.model.directory)

    def __call__(self, doc: Doc) -> Doc:
        table = TokenTable.read(doc, self.model.cue_prob)
        spans = self.model.tag(doc, table)
        drafts: list[AttributionDraft] = link_spans(doc, spans, self.model.cue_prob)
        if self.model.content is not None and drafts:
            context = CueContext(doc, table, spans)
            for draft in drafts:  # one draft at a time: both steps read one tagging
                review_content(self.model.content, context, draft)
                if self.extent is not None:
                    choose_extent(self.extent, self.model.content, context, draft)
        resolve_speakers(doc, drafts, doc._.according_entities or [])
        doc._.according_attributions = drafts
        return doc
