"""The alias table (``according/data/entity_aliases.txt``): names written on one line
are one entity, e.g. "IDF" = "Israel Defense Forces" = "Israeli army" (merge rule 2 of
:mod:`according.ledger.placement`).

Each line is ``LABEL: name = name = ...``. A PERSON line joins people only; any other
line joins organisations, places and groups whatever label the recogniser gave, and its
label is the entity's label. Names are looked up by their key
(:func:`~according.ledger.names.name_key`, read with the line's label).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from according.errors import AccordingError
from according.ledger.names import label_class, name_key
from according.wordlists import load_list

__all__ = ["Alias", "AliasTable", "AliasTableError", "alias_table", "parse_alias_lines"]


class AliasTableError(AccordingError):
    """A line of the alias table that cannot be read or that contradicts another."""


@dataclass(frozen=True, slots=True)
class Alias:
    """One line of the alias table: ``anchor`` identifies its canonical entity (its
    label class and the key of its first name), ``label`` is the line's label."""

    anchor: str
    label: str


@dataclass(frozen=True, slots=True)
class AliasTable:
    """The alias table, by name key: ``people`` holds the names of PERSON lines,
    ``others`` those of every other line; ``labels`` maps each line's anchor to its
    label."""

    people: Mapping[str, Alias]
    others: Mapping[str, Alias]
    labels: Mapping[str, str]


def _alias_anchor(label: str, head: str) -> str:
    return f"{label_class(label)}|={head}"


def parse_alias_lines(lines: Iterable[str]) -> AliasTable:
    """The alias table of ``LABEL: name = name ...`` lines; raises
    :class:`AliasTableError` for a line that is not one, or a name on two lines."""
    people: dict[str, Alias] = {}
    others: dict[str, Alias] = {}
    labels: dict[str, str] = {}
    for line in lines:
        label, colon, rest = line.partition(":")
        label = label.strip()
        names = [n.strip() for n in rest.split("=") if n.strip()]
        if not colon or not label.isupper() or len(names) < 2:
            raise AliasTableError(f"alias line {line!r} is not 'LABEL: name = name ...'")
        keys = [name_key(n, label=label) for n in names]
        alias = Alias(_alias_anchor(label, keys[0]), label)
        table = people if label == "PERSON" else others
        for name, key in zip(names, keys, strict=True):
            known = table.get(key)
            if known is not None and known is not alias:
                raise AliasTableError(f"alias {name!r} is on two lines ({known.anchor})")
            table[key] = alias
        labels[alias.anchor] = label
    return AliasTable(people, others, labels)


@functools.cache
def alias_table() -> AliasTable:
    """The package's alias table (read once)."""
    return parse_alias_lines(load_list("entity_aliases"))
