"""Train the attribution tagger on PolNeAR train, deterministically.

    python -m according.nlp.attribution.train ../shared/data/polnear/train \\
        src/according/data/attribution

Parses every train text with the pinned spaCy model (as
:func:`according.nlp.parser_text.parser_text` gives it), learns the cue-lemma table,
labels each token B/I/O for source, cue and content from the gold spans (a token inside
two spans of one role takes the outermost; a token in spans of two roles takes cue over
source over content), and trains one CRF over all three roles with L-BFGS.

Then the content tagger (:mod:`according.nlp.attribution.content`): the texts are split
in two halves, a joint tagger is trained on each and tags the other half, and a CRF
learns, from every gold attribution, to tag its content from its cue given those tags.

Last the extent ranker (:mod:`according.nlp.attribution.extent`): a content tagger is
trained on each half too, and each half's attributions are found as they would be on
unseen text (joint tags, cue table and content tagger all from the other half); every
edit of each content is labelled by whether it is the gold content of the cue, and a
conditional logit learns to pick the right one.

Same inputs, same model files: no randomness is involved. Uses PolNeAR train only.
"""

from __future__ import annotations

import argparse
import bisect
import json
import logging
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite
import spacy
from spacy.tokens import Doc

from according.nlp.attribution.content import CueContext, review_contents
from according.nlp.attribution.corpus import GoldAttribution, gold_files, read_ann
from according.nlp.attribution.extent import (
    EXTENT_RANKER,
    draft_edits,
    fit_ranker,
    text_key,
)
from according.nlp.attribution.features import TokenTable, paragraphs, token_features
from according.nlp.attribution.link import AttributionDraft, link_spans
from according.nlp.attribution.model import (
    CONTENT_TAGGER,
    CUE_TABLE,
    TAGGER,
    AttributionModel,
)
from according.nlp.attribution.spans import TokenSpan, content_labels
from according.nlp.parser_text import parser_text
from according.nlp.pipeline import MODEL

__all__ = ["TrainSettings", "gold_tags", "joint_tags", "main", "train"]

LOGGER = logging.getLogger(__name__)

MIN_LEMMA_COUNT = 3
"""A lemma seen fewer times than this in train gets no cue probability."""


@dataclass(frozen=True)
class TrainSettings:
    """CRF training settings: strong L1 keeps the model small and its boundaries sharp,
    L2 smooths it (chosen by tag-level scores on dev: c1 0.3 → 2.0 lifted cue overlap F1
    from 0.77 to 0.78 and content boundaries markedly, at a fifth of the size)."""

    c1: float = 2.0
    c2: float = 1.0
    max_iterations: int = 250
    every_annotator: bool = True
    """Train on every annotator's reading of an article that several annotated."""
    content_c1: float = 1.0
    content_c2: float = 1.0
    content_iterations: int = 100
    """The content tagger's settings (not tuned)."""
    extent_l2: float = 10.0
    extent_iterations: int = 300
    """The extent ranker's settings (L2 chosen on one half of train with the ranker
    trained on the other: 3 and 30 do worse)."""


def gold_tags(doc: Doc, gold: list[GoldAttribution], role: str) -> list[str]:
    """BIO tags of ``role`` for every token of ``doc``; a token in several spans of the
    role belongs to the outermost."""
    tags = ["O"] * len(doc)
    spans = [sorted(g[role]) for g in gold if g.get(role)]
    spans.sort(key=lambda parts: -(parts[-1][1] - parts[0][0]))
    starts = [t.idx for t in doc]
    taken = [False] * len(doc)
    for parts in spans:
        for a, b in parts:
            tokens = _tokens(doc, starts, a, b)
            if not tokens or any(taken[i] for i in tokens):
                continue
            for k, i in enumerate(tokens):
                tags[i] = ("B-" if k == 0 else "I-") + role
                taken[i] = True
    return tags


def _tokens(doc: Doc, starts: list[int], a: int, b: int) -> list[int]:
    """The tokens (not white space) that characters ``a:b`` touch."""
    tokens = []
    i = max(bisect.bisect_right(starts, a) - 1, 0)
    while i < len(doc) and starts[i] < b:
        t = doc[i]
        if t.idx + len(t) > a and not t.is_space:
            tokens.append(i)
        i += 1
    return tokens


def cue_probabilities(
    docs: Sequence[Doc], golds: Sequence[list[GoldAttribution]]
) -> dict[str, float]:
    """P(token is in a cue | its lemma), smoothed, for lemmas seen often enough."""
    total: Counter[str] = Counter()
    cue: Counter[str] = Counter()
    for doc, gold in zip(docs, golds, strict=True):
        for token, tag in zip(doc, gold_tags(doc, gold, "cue"), strict=True):
            lemma = token.lemma_.lower()
            total[lemma] += 1
            if tag != "O":
                cue[lemma] += 1
    return {
        lemma: round(cue[lemma] / (n + 2), 4)
        for lemma, n in sorted(total.items())
        if n >= MIN_LEMMA_COUNT and cue[lemma]
    }


def train(train_dir: Path, out_dir: Path, settings: TrainSettings | None = None) -> None:
    """Parse ``train_dir`` (PolNeAR layout), train, write the model to ``out_dir``."""
    settings = settings or TrainSettings()
    t0 = time.perf_counter()
    pairs = list(gold_files(train_dir, every_annotator=settings.every_annotator))
    nlp = spacy.load(MODEL)
    stems = [text.stem for text, _ in pairs]
    texts = [parser_text(text.read_text(encoding="utf-8")) for text, _ in pairs]
    golds = [read_ann(ann) for _, ann in pairs]
    docs = list(nlp.pipe(texts, batch_size=16))
    LOGGER.info("parsed %d documents in %.0f s", len(docs), time.perf_counter() - t0)

    out_dir.mkdir(parents=True, exist_ok=True)
    cue_prob = _train_joint(docs, golds, settings, out_dir)
    LOGGER.info("joint tagger trained in %.0f s", time.perf_counter() - t0)
    joint, tables = _jackknifed_spans(docs, golds, stems, settings)
    LOGGER.info("each half tagged by the other in %.0f s", time.perf_counter() - t0)
    _train_content(docs, golds, stems, joint, cue_prob, settings, out_dir / CONTENT_TAGGER)
    LOGGER.info("content tagger trained in %.0f s", time.perf_counter() - t0)
    _train_extent(docs, golds, stems, joint, tables, settings, out_dir / EXTENT_RANKER)
    LOGGER.info("extent ranker trained in %.0f s", time.perf_counter() - t0)


def _train_joint(
    docs: Sequence[Doc], golds: Sequence[list[GoldAttribution]], settings: TrainSettings, out: Path
) -> dict[str, float]:
    """Learn the cue-lemma table and the joint tagger into folder ``out``."""
    cue_prob = cue_probabilities(docs, golds)
    (out / CUE_TABLE).write_text(
        json.dumps(cue_prob, sort_keys=True, indent=0) + "\n", encoding="utf-8"
    )
    trainer = pycrfsuite.Trainer(verbose=False)
    for doc, gold in zip(docs, golds, strict=True):
        feats = token_features(doc, cue_prob)
        tags = joint_tags(doc, gold)
        for start, end in paragraphs(doc):
            trainer.append(feats[start:end], tags[start:end])
    trainer.set_params(
        {
            "c1": settings.c1,
            "c2": settings.c2,
            "max_iterations": settings.max_iterations,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(out / TAGGER))
    return cue_prob


def _halves(stems: Sequence[str]) -> dict[str, int]:
    """Each text's half of train: alternate names, in name order."""
    return {stem: k % 2 for k, stem in enumerate(sorted(set(stems)))}


def _jackknifed_spans(
    docs: Sequence[Doc],
    golds: Sequence[list[GoldAttribution]],
    stems: Sequence[str],
    settings: TrainSettings,
) -> tuple[dict[str, dict[str, list[TokenSpan]]], list[dict[str, float]]]:
    """The joint tagger's spans for every text, by a tagger trained on the other half of
    the texts; and, for each half, the cue table of the tagger that tagged it."""
    half = _halves(stems)
    out: dict[str, dict[str, list[TokenSpan]]] = {}
    tables: list[dict[str, float]] = []
    for h in (0, 1):
        keep = [k for k, stem in enumerate(stems) if half[stem] != h]
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            tables.append(
                _train_joint([docs[k] for k in keep], [golds[k] for k in keep], settings, folder)
            )
            model = AttributionModel.load(folder)
            try:
                for doc, stem in zip(docs, stems, strict=True):
                    if half[stem] == h and stem not in out:
                        out[stem] = model.tag(doc)
            finally:
                model.close()
    return out, tables


def _train_content(
    docs: Sequence[Doc],
    golds: Sequence[list[GoldAttribution]],
    stems: Sequence[str],
    joint: dict[str, dict[str, list[TokenSpan]]],
    cue_prob: dict[str, float],
    settings: TrainSettings,
    path: Path,
) -> None:
    """Train the content tagger on every gold attribution that has a cue and content."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for doc, gold, stem in zip(docs, golds, stems, strict=True):
        context = CueContext(doc, TokenTable.read(doc, cue_prob), joint[stem])
        starts = [t.idx for t in doc]
        for attribution in gold:
            if not attribution.get("cue") or not attribution.get("content"):
                continue
            cue_tokens = [i for a, b in attribution["cue"] for i in _tokens(doc, starts, a, b)]
            if not cue_tokens:
                continue
            cue = (min(cue_tokens), max(cue_tokens) + 1)
            lo, hi = context.window(cue)
            content = {i for a, b in attribution["content"] for i in _tokens(doc, starts, a, b)}
            trainer.append(context.features(cue, lo, hi), content_labels(content, lo, hi))
    trainer.set_params(
        {
            "c1": settings.content_c1,
            "c2": settings.content_c2,
            "max_iterations": settings.content_iterations,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(path))


def _train_extent(
    docs: Sequence[Doc],
    golds: Sequence[list[GoldAttribution]],
    stems: Sequence[str],
    joint: dict[str, dict[str, list[TokenSpan]]],
    tables: Sequence[dict[str, float]],
    settings: TrainSettings,
    path: Path,
) -> None:
    """Train the extent ranker on the attributions of each half of train as found by
    models trained on the other half."""
    half = _halves(stems)
    groups: list[tuple[list[list[str]], list[bool]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for h in (0, 1):
            other = [k for k, stem in enumerate(stems) if half[stem] != h]
            tagger_path = Path(tmp) / f"content{h}.crfsuite"
            _train_content(
                [docs[k] for k in other],
                [golds[k] for k in other],
                [stems[k] for k in other],
                joint,
                tables[h],
                settings,
                tagger_path,
            )
            tagger = pycrfsuite.Tagger()
            tagger.open(str(tagger_path))
            try:
                found: dict[str, tuple[CueContext, list[AttributionDraft]]] = {}
                for doc, gold, stem in zip(docs, golds, stems, strict=True):
                    if half[stem] != h:
                        continue
                    if stem not in found:
                        drafts = link_spans(doc, joint[stem], tables[h])
                        context = CueContext(doc, TokenTable.read(doc, tables[h]), joint[stem])
                        review_contents(tagger, context, drafts)
                        found[stem] = (context, drafts)
                    context, drafts = found[stem]
                    groups.extend(_extent_groups(tagger, context, drafts, gold))
            finally:
                tagger.close()
    LOGGER.info("extent ranker: %d contents with a right edit", len(groups))
    if not groups:
        LOGGER.warning("no content to learn extents from: %s not written", path.name)
        return
    fit_ranker(groups, l2=settings.extent_l2, iterations=settings.extent_iterations).save(path)


def _extent_groups(
    tagger: pycrfsuite.Tagger,
    context: CueContext,
    drafts: Sequence[AttributionDraft],
    gold: Sequence[GoldAttribution],
) -> Iterator[tuple[list[list[str]], list[bool]]]:
    """The edits of each draft content whose cue has gold content, as (features, whether
    right), where one of them is right."""
    doc, text = context.doc, context.text
    for draft in drafts:
        if not draft.content:
            continue
        x, y = doc[draft.cue[0]].idx, doc[draft.cue[1] - 1].idx + len(doc[draft.cue[1] - 1])
        keys = {
            text_key(text, g["content"])
            for g in gold
            if g.get("content") and any(x < d and c < y for c, d in g.get("cue", []))
        }
        if not keys:
            continue
        edits = draft_edits(doc, draft, tagger, context)
        right = [e.key in keys for e in edits]
        if any(right):
            yield [e.features for e in edits], right


def joint_tags(doc: Doc, gold: list[GoldAttribution]) -> list[str]:
    """One tag per token for all roles: cue over source over content where they meet."""
    tags = ["O"] * len(doc)
    for role in ("content", "source", "cue"):
        for i, tag in enumerate(gold_tags(doc, gold, role)):
            if tag != "O":
                tags[i] = tag
    return tags


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("train_dir", type=Path, help="PolNeAR train folder (text/, attributions/)")
    parser.add_argument("out_dir", type=Path, help="where the model files go")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    train(args.train_dir, args.out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
