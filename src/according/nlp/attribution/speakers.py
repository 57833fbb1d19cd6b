"""Who spoke: each attribution's source resolved to a document entity.

- A source naming an entity is that entity: the entity holding the source's head word,
  or the person a role is in apposition with ("Qatar's Foreign Minister, Mohammed
  Al-Khulaifi").
- A pronoun is the last speaker (else the last entity mentioned) that fits it: "he" and
  "she" a person, "they" and "we" an organisation, place or group first.
- A role ("the minister", "the spokesman") is the last entity the text described by it.
- An organisation noun ("the ministry", "the group") is the last organisation named with
  that word, else (for "the group" and its kind) the last organisation that spoke.
- No source ("…, adding: “…”") is the speaker of the attribution before it in the
  sentence, else the last speaker.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from according.nlp.attribution.link import AttributionDraft
from according.nlp.entities import ROLE_WORDS, EntityGroup

__all__ = ["resolve_speakers"]

_PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers", "i", "me"})
_COLLECTIVE = frozenset({"they", "them", "we", "us", "it"})
_GROUP_LABELS = ("ORG", "GPE", "NORP", "FAC", "LOC")
# "the ministry", "the group": an organisation named earlier by a name holding the word,
# or, for the generic ones, the last organisation that spoke
_ORG_NOUNS = frozenset(
    [
        "ministry",
        "army",
        "government",
        "agency",
        "group",
        "organisation",
        "organization",
        "company",
        "party",
        "movement",
        "militia",
        "police",
        "office",
        "department",
        "committee",
        "council",
        "campaign",
        "front",
        "society",
        "commission",
        "authority",
        "union",
        "coalition",
        "alliance",
        "network",
        "newspaper",
    ]
)
_GENERIC_ORG = frozenset({"group", "organisation", "organization", "movement", "militia"})


def _token_index(groups: list[EntityGroup]) -> dict[int, EntityGroup]:
    index: dict[int, EntityGroup] = {}
    for group in groups:
        for mention in group.mentions:
            for i in range(mention.start, mention.end):
                index.setdefault(i, group)
    return index


def _last_mentioned(
    groups: list[EntityGroup], before: int, labels: tuple[str, ...]
) -> EntityGroup | None:
    best: EntityGroup | None = None
    best_at = -1
    for group in groups:
        if group.label not in labels:
            continue
        for mention in group.mentions:
            if best_at < mention.start < before:
                best, best_at = group, mention.start
    return best


def _named(root: Token, start: int, end: int, index: dict[int, EntityGroup]) -> EntityGroup | None:
    if root.i in index:
        return index[root.i]
    for child in root.children:
        if child.dep_ in ("appos", "compound") and child.i in index:
            return index[child.i]
    if root.pos_ == "PROPN":
        # a surname the recogniser missed: the one person whose name ends with it
        persons = {g for g in index.values() if g.label == "PERSON"}
        same = [g for g in persons if any(m[-1].lower_ == root.lower_ for m in g.mentions)]
        if len(same) == 1:
            return same[0]
    if root.lower_ in ROLE_WORDS:
        inside = [index[i] for i in range(start, end) if i in index]
        named = list(dict.fromkeys(g for g in inside if g.label == "PERSON"))
        if len(named) == 1:
            return named[0]
    return None


def resolve_speakers(doc: Doc, drafts: list[AttributionDraft], groups: list[EntityGroup]) -> None:
    """Set ``speaker`` on every draft (in text order) that can be resolved."""
    index = _token_index(groups)
    spoken: list[AttributionDraft] = []
    for draft in sorted(drafts, key=lambda d: d.cue[0]):
        draft.speaker = _resolve(doc, draft, groups, index, spoken)
        if draft.speaker is not None:
            spoken.append(draft)


def _resolve(
    doc: Doc,
    draft: AttributionDraft,
    groups: list[EntityGroup],
    index: dict[int, EntityGroup],
    spoken: list[AttributionDraft],
) -> EntityGroup | None:
    if draft.source is None:
        sent = doc[draft.cue[0]].sent
        same = [d for d in spoken if sent.start <= d.cue[0] < sent.end]
        earlier = same or spoken
        return earlier[-1].speaker if earlier else None
    start, end = draft.source
    root = doc[start:end].root
    named = _named(root, start, end, index)
    if named is not None:
        return named
    word = root.lower_
    if root.pos_ == "PRON" and (word in _PERSONAL or word in _COLLECTIVE):
        wanted: tuple[str, ...] = ("PERSON",) if word in _PERSONAL else _GROUP_LABELS
        for d in reversed(spoken):
            if d.speaker is not None and d.speaker.label in wanted:
                return d.speaker
        return _last_mentioned(groups, start, wanted)
    if word in _ORG_NOUNS and root.pos_ == "NOUN":
        named_org = [
            g
            for g in groups
            if g.label in _GROUP_LABELS and word in g.key.split() and _last_before(g, start) >= 0
        ]
        if named_org:
            return max(named_org, key=lambda g: _last_before(g, start))
        if word in _GENERIC_ORG:
            for d in reversed(spoken):
                if d.speaker is not None and d.speaker.label == "ORG":
                    return d.speaker
    if root.lemma_.lower() in ROLE_WORDS:
        described = [
            g for g in groups if any(root.lower_ in d.lower().split() for d in g.descriptions)
        ]
        if described:
            return max(described, key=lambda g: _last_before(g, start))
    return None


def _last_before(group: EntityGroup, at: int) -> int:
    """Where ``group`` was last mentioned before token ``at`` (-1 if it was not)."""
    return max((m.start for m in group.mentions if m.start < at), default=-1)
