"""Every spaCy factory of `according`, registered in one place."""

from __future__ import annotations

from spacy.language import Language

from according.nlp.attribution.component import AttributionFinder
from according.nlp.dates import DateFinder
from according.nlp.entities import ENTITY_LABELS, EntityCollector
from according.nlp.extensions import register_extensions

__all__ = ["make_attribution_finder", "make_date_finder", "make_entity_collector"]

register_extensions()


@Language.factory(
    "according_entities",
    assigns=["doc._.according_entities"],
    requires=["doc.ents"],
    default_config={"labels": list(ENTITY_LABELS)},
)
def make_entity_collector(nlp: Language, name: str, labels: list[str]) -> EntityCollector:
    return EntityCollector(nlp, name, labels=tuple(labels))


@Language.factory(
    "according_dates",
    assigns=["doc._.according_dates"],
    requires=["doc.ents"],
)
def make_date_finder(nlp: Language, name: str) -> DateFinder:
    return DateFinder(nlp, name)


@Language.factory(
    "according_attributions",
    assigns=["doc._.according_attributions"],
    requires=["doc._.according_entities", "token.dep", "token.lemma"],
    default_config={"model_dir": None},
)
def make_attribution_finder(nlp: Language, name: str, model_dir: str | None) -> AttributionFinder:
    return AttributionFinder(nlp, name, model_dir=model_dir)
