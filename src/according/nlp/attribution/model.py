"""The trained attribution taggers: one CRF over token features whose tags mark all three
roles (``B-source``, ``I-cue``, ``B-content`` …), the cue-lemma table it reads, and the
content tagger of the second look (:mod:`according.nlp.attribution.content`). Produced by
:mod:`according.nlp.attribution.train` from PolNeAR train only; shipped in
``according/data/attribution``. The extent ranker of the same folder is read by the
component (:mod:`according.nlp.attribution.component`), not here: this module knows
nothing of it.
"""

from __future__ import annotations

import json
import logging
from contextlib import ExitStack
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc

from according.errors import ModelError
from according.nlp.attribution.features import TokenTable, paragraphs, token_features
from according.nlp.attribution.spans import ROLES, TokenSpan, spans_from_tags

__all__ = ["CONTENT_TAGGER", "CUE_TABLE", "TAGGER", "AttributionModel"]

LOGGER = logging.getLogger(__name__)

CUE_TABLE = "cue_lemmas.json"
TAGGER = "attribution.crfsuite"
CONTENT_TAGGER = "content.crfsuite"
CUE_MARGINAL = 0.4
"""A token the best tag sequence leaves outside every role is still a cue when the
model gives it at least this probability of being one (cues are the role the tagger
under-finds: precision 0.86, recall 0.72 on PolNeAR dev)."""


@dataclass
class AttributionModel:
    """The CRF taggers and the cue-lemma table, open for tagging: the joint tagger and
    the content tagger that takes a second look from each cue (``None`` in a model folder
    that has none). ``directory``: the folder they were read from, there until
    :meth:`close` (the component reads the extent ranker from it)."""

    tagger: pycrfsuite.Tagger
    labels: frozenset[str]
    cue_prob: dict[str, float]
    content: pycrfsuite.Tagger | None
    directory: Path
    _stack: ExitStack

    @classmethod
    def load(cls, directory: Path | None = None) -> AttributionModel:
        """The model in ``directory``, by default the one shipped with the package."""
        stack = ExitStack()
        if directory is None:
            base = resources.files("according").joinpath("data/attribution")
            directory = stack.enter_context(resources.as_file(base))
        missing = [n for n in (CUE_TABLE, TAGGER) if not (directory / n).is_file()]
        if missing:
            stack.close()
            raise ModelError(
                str(directory),
                f"attribution model incomplete: no {', '.join(missing)} "
                "(make train-attributions writes it)",
            )
        cue_prob = json.loads((directory / CUE_TABLE).read_text(encoding="utf-8"))
        if not cue_prob:
            raise ModelError(str(directory / CUE_TABLE), "empty cue table")
        tagger = pycrfsuite.Tagger()
        tagger.open(str(directory / TAGGER))
        content: pycrfsuite.Tagger | None = None
        if (directory / CONTENT_TAGGER).is_file():
            content = pycrfsuite.Tagger()
            content.open(str(directory / CONTENT_TAGGER))
        else:
            LOGGER.debug("no %s in %s: contents are not looked at again", CONTENT_TAGGER, directory)
        return cls(
            tagger=tagger,
            labels=frozenset(tagger.labels()),
            cue_prob=cue_prob,
            content=content,
            directory=directory,
            _stack=stack,
        )

    def tag(self, doc: Doc, table: TokenTable | None = None) -> dict[str, list[TokenSpan]]:
        """The token spans of each role in ``doc``, from the best tag sequence of each
        paragraph (``table``: its tokens, read with this model's cue table)."""
        feats = token_features(doc, self.cue_prob, table)
        spans: dict[str, list[TokenSpan]] = {role: [] for role in ROLES}
        for start, end in paragraphs(doc):
            tags = self.tagger.tag(feats[start:end])
            for role in ROLES:
                found = spans_from_tags(tags, role)
                spans[role].extend((a + start, b + start) for a, b in found)
            spans["cue"].extend((a + start, b + start) for a, b in self._likely_cues(tags))
        spans["cue"].sort()
        return spans

    def _likely_cues(self, tags: list[str]) -> list[TokenSpan]:
        """Cue tokens the best sequence left out but that are cues with probability
        ``CUE_MARGINAL`` or more, as spans (the tagger holds the paragraph just tagged)."""
        out: list[TokenSpan] = []
        start: int | None = None
        labels = [label for label in ("B-cue", "I-cue") if label in self.labels]
        for i, tag in enumerate(tags):
            if tag == "O" and sum(self.tagger.marginal(x, i) for x in labels) >= CUE_MARGINAL:
                start = i if start is None else start
            else:
                if start is not None:
                    out.append((start, i))
                start = None
        if start is not None:
            out.append((start, len(tags)))
        return out

    def close(self) -> None:
        self.tagger.close()
        if self.content is not None:
            self.content.close()
        self._stack.close()
