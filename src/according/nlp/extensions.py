"""The Doc extensions our components read and write, registered in one place."""

from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["register_extensions"]

_DOC_EXTENSIONS: dict[str, object] = {
    # set by the caller before the pipeline runs: the document's published date or None
    "published": None,
    # set by the caller when the parser reads the text another way (parser_text): the
    # document's text as written, or None when the Doc's text is it
    "source_text": None,
    # set by according_entities: list[EntityGroup]
    "according_entities": None,
    # set by according_attributions: list[AttributionDraft]
    "according_attributions": None,
    # set by according_dates: list[DateMention]
    "according_dates": None,
}


def register_extensions() -> None:
    """Register every Doc extension once; safe to call again."""
    for name, default in _DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
