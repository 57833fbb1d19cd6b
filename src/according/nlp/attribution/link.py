"""From tagged spans to attributions: each cue takes its source and content.

- Source: a tagged source span in the cue's sentence, the one its verb governs first,
  else the nearest; else the subject the parse gives the cue (or its head, for "…,
  claiming that"), or the object of "according to".
- Content: the nearest tagged content span in the cue's sentence that does not hold the
  cue (within ``MAX_GAP`` tokens); from another sentence only a quotation right beside
  the cue, or what follows a colon ("He added:\n\n“…”"). A quotation interrupted by
  its cue ("“…,” he said, “…”") or a parenthetical cue ("The test, North Korea said,
  was …") takes both sides. "According to X" qualifies its own clause. Content the
  tagger cut short of the clause the cue governs is widened to it; a cue with no
  tagged content takes the clause its verb governs.
- Tagged content left without a cue takes the verb that governs it, when that verb's
  lemma is often a cue in training.
- By rule: dash-signed quotations ("“…” ― Name") and transcript lines ("NAME: …");
  editorial labels ("Correction:") are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from according.nlp.attribution.features import paragraphs
from according.nlp.attribution.spans import TokenSpan
from according.nlp.entities import EntityGroup
from according.nlp.parser_text import as_written
from according.typography import (
    APOSTROPHES,
    CLOSING_QUOTES,
    DASHES,
    QUOTE_TOKENS_CLOSE,
    QUOTE_TOKENS_OPEN,
    QUOTES,
)

__all__ = [
    "MAX_GAP",
    "AttributionDraft",
    "attribution_kind",
    "find_medium",
    "link_spans",
    "reading_order",
    "whole_names",
]

MAX_GAP = 40
"""The most tokens between a cue and its content."""
MIN_CUE_PROB = 0.05
"""How often a verb's lemma must be a cue in training to make it the cue of content the
tagger found without one."""
_BOTH_SIDES_GAP = 20
"""The most tokens between the two parts of an interrupted quotation."""
_PAIRED = tuple(sorted(t for t in QUOTE_TOKENS_OPEN | QUOTE_TOKENS_CLOSE if len(t) > 1))
"""Quotation marks typed as two characters ("``", "''", "‘‘", "’’"): the text tests below
read these besides :data:`~according.typography.QUOTES` (the curly pairs are found by
their first character already)."""


def _opens_quote(text: str) -> bool:
    return bool(text) and (text[0] in QUOTES or text.startswith(_PAIRED))


def _closes_quote(text: str) -> bool:
    return bool(text) and (text[-1] in QUOTES or text.endswith(_PAIRED))


def _has_quote(text: str) -> bool:
    return any(q in text for q in QUOTES) or any(p in text for p in _PAIRED)


_PLATFORMS = frozenset(
    {
        "twitter", "x", "facebook", "telegram", "instagram", "youtube", "tiktok", "truth",
        "linkedin", "threads", "bluesky",
    }
)  # fmt: skip
_MEDIUM_PATTERN = re.compile(
    r"\b(?:interview with|interviewed by|told|telling|statements? to|speaking to|spoke to|"
    r"said to|remarks to|in an? (?:\w+ )?(?:interview|statement|post|op-ed|column|letter) "
    r"(?:on|to|with|in|for)|(?:posted|wrote|writing|said) on|on)\s+(?:the\s+)?",
    re.IGNORECASE,
)


@dataclass
class AttributionDraft:
    """One attribution in token offsets, before it becomes a record."""

    cue: TokenSpan
    content: list[TokenSpan]
    source: TokenSpan | None = None
    kind: str = "indirect"
    medium: str | None = None
    speaker: EntityGroup | None = None
    notes: list[str] = field(default_factory=list)


_EDITORIAL_LABELS = frozenset(
    [
        "correction",
        "corrections",
        "clarification",
        "update",
        "updated",
        "editor's",
        "editors",
        "note",
        "photo",
        "video",
        "watch",
        "related",
        "read",
        "listen",
        "disclosure",
    ]
)


# "editor’s" read as "editor's": only the apostrophe that is also a closing mark ("’"),
# as it always was (the whole of typography.APOSTROPHES would also fold "editor′s")
_LABEL_APOSTROPHE = str.maketrans(dict.fromkeys(set(APOSTROPHES) & set(CLOSING_QUOTES), "'"))


def _editorial_label(doc: Doc, draft: AttributionDraft) -> bool:
    """``Correction: An earlier version …``: an editor's label before a colon is no
    speaker."""
    if doc[draft.cue[0] : draft.cue[1]].text.strip() != ":" or draft.source is None:
        return False
    source = doc[draft.source[0] : draft.source[1]].text.lower()
    words = source.translate(_LABEL_APOSTROPHE).split()
    return bool(words) and words[0] in _EDITORIAL_LABELS


def reading_order(draft: AttributionDraft) -> tuple[int, int]:
    """Where a reader meets an attribution: its first word, the one that encloses another
    first ("Israel responded to …, according to the ministry" before "Israel responded
    to …")."""
    spans = [draft.cue, *draft.content] + ([draft.source] if draft.source else [])
    return min(a for a, _ in spans), -max(b for _, b in spans)


def _gap(a: TokenSpan, b: TokenSpan) -> int:
    return max(b[0] - a[1], a[0] - b[1], 0)


def _governs(doc: Doc, cue: TokenSpan, span: TokenSpan) -> bool:
    heads = {t.i for t in doc[cue[0] : cue[1]]}
    root = doc[span[0] : span[1]].root
    return root.head.i in heads or root.head.head.i in heads


def _parsed_source(doc: Doc, cue: TokenSpan) -> TokenSpan | None:
    """The cue verb's subject (or the object of "according to") as the parse gives it,
    for a cue the source tagger left without one."""
    tokens = list(doc[cue[0] : cue[1]])
    # a participle or coordinated cue ("…, claiming that", "and warned that") speaks
    # with its head's subject
    head = doc[cue[0] : cue[1]].root
    for _ in range(2):
        if head.dep_ in ("advcl", "xcomp", "conj") and head.head.i != head.i:
            head = head.head
            tokens.append(head)
        else:
            break
    for token in tokens:
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("PROPN", "NOUN", "PRON"):
                if child.lower_ in ("there", "this", "that", "what"):
                    continue
                return child.left_edge.i, child.right_edge.i + 1
            after_according = token.i > 0 and doc[token.i - 1].lower_ == "according"
            if child.dep_ == "pobj" and token.lower_ == "to" and after_according:
                return child.left_edge.i, child.right_edge.i + 1
    return None


def _pick_source(doc: Doc, cue: TokenSpan, sources: list[TokenSpan]) -> TokenSpan | None:
    sent = doc[cue[0]].sent
    best: TokenSpan | None = None
    best_key: tuple[int, int] | None = None
    for s in sources:
        if not (sent.start <= s[0] < sent.end):
            continue
        key = (0 if _governs(doc, cue, s) else 1, _gap(cue, s))
        if best_key is None or key < best_key:
            best, best_key = s, key
    return best


def _reachable(doc: Doc, cue: TokenSpan, content: TokenSpan) -> bool:
    """Content is in the cue's paragraph, or opens the next one after a colon
    ("He added:\n\n“…”")."""
    lo, hi = (cue[1], content[0]) if content[0] >= cue[1] else (content[1], cue[0])
    if not any(t.is_space and "\n" in t.text for t in doc[lo:hi]):
        return True
    lead = (doc[cue[0] : cue[1]].text + " " + doc[lo:hi].text).strip()
    return content[0] >= cue[1] and lead.endswith(":") and len(doc[lo:hi].text.split()) <= 3


def _interrupted_quote(doc: Doc, left: TokenSpan, right: TokenSpan) -> bool:
    """``“…,” he said, “…”``: a quotation before the cue and one after it."""
    before = doc[left[0] : left[1]].text.rstrip()
    after = doc[right[0] : right[1]].text.lstrip()
    return _closes_quote(before) and _opens_quote(after)


def _same_sentence(doc: Doc, cue: TokenSpan, content: TokenSpan) -> bool:
    sent = doc[cue[0]].sent
    return sent.start <= content[0] < sent.end or sent.start < content[1] <= sent.end


def _beside(doc: Doc, cue: TokenSpan, content: TokenSpan) -> bool:
    """Content in another sentence belongs to a cue only when it is a quotation right
    beside it, or follows a cue that introduces it with a colon."""
    if content[0] >= cue[1] and _introduces(doc, cue):
        return True
    text = doc[content[0] : content[1]].text.strip()
    return (_opens_quote(text) or _closes_quote(text)) and _gap(cue, content) <= 3


def _introduces(doc: Doc, cue: TokenSpan) -> bool:
    """A cue that introduces what follows: "He added:", "said:"."""
    last = doc[cue[1] - 1].text
    following = doc[cue[1]].text if cue[1] < len(doc) else ""
    return last.endswith(":") or following == ":"


def _parenthetical(doc: Doc, cue: TokenSpan, left: TokenSpan, right: TokenSpan) -> bool:
    """``The test, North Korea said, was its biggest``: a cue set off by commas inside
    the one sentence it reports."""
    between = doc[left[1] : right[0]]
    return (
        _same_sentence(doc, cue, left)
        and _same_sentence(doc, cue, right)
        and 2 <= len(between) <= 8
        and between[0].text == ","
        and between[-1].text == ","
    )


def _raised_subject(doc: Doc, cue: TokenSpan, left: TokenSpan, right: TokenSpan) -> bool:
    """``About one voter in nine is expected to be Latino``: what is reported is the
    cue's subject before it and its complement after it."""
    if cue[0] - left[1] > 1 or right[0] - cue[1] > 1:
        return False
    root = doc[left[0] : left[1]].root
    return root.dep_ in ("nsubj", "nsubjpass") and cue[0] <= root.head.i < cue[1]


_SEEM_LEMMAS = frozenset({"seem", "appear", "look", "sound"})


def _raised_subject_of(doc: Doc, cue: TokenSpan, first: TokenSpan) -> TokenSpan | None:
    """The subject of "X seems to be …" or "X is expected to …" when only the complement
    was found: a subject that says nothing, of which something is reported."""
    if first[0] < cue[1] or first[0] - cue[1] > 1 or doc[first[0]].lower_ in ("that", "if"):
        return None
    root = doc[cue[0] : cue[1]].root
    passive = any(c.dep_ == "nsubjpass" for c in root.children)
    if not passive and root.lemma_.lower() not in _SEEM_LEMMAS:
        return None
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i < cue[0]:
            if child.pos_ == "PRON" and child.lower_ not in ("this", "that"):
                return None
            span = (child.left_edge.i, child.right_edge.i + 1)
            if span[1] <= cue[0] and cue[0] - span[1] <= 1:
                return whole_names(doc, span, keep_quotes=True)
    return None


def _pick_content(doc: Doc, cue: TokenSpan, contents: list[TokenSpan]) -> list[TokenSpan]:
    near = sorted(
        (
            c
            for c in contents
            if not (c[0] <= cue[0] < c[1])
            and _gap(cue, c) <= MAX_GAP
            and _reachable(doc, cue, c)
            and (_same_sentence(doc, cue, c) or _beside(doc, cue, c))
        ),
        key=lambda c: (not _same_sentence(doc, cue, c), _gap(cue, c)),
    )
    if not near:
        return []
    if _introduces(doc, cue):
        after = [c for c in near if c[0] >= cue[1]]
        return after[:1]
    first = near[0]
    for other in near[1:]:
        left, right = (other, first) if other[0] < first[0] else (first, other)
        if (
            left[1] <= cue[0]
            and right[0] >= cue[1]
            and right[0] - left[1] <= _BOTH_SIDES_GAP
            and (
                _interrupted_quote(doc, left, right)
                or _parenthetical(doc, cue, left, right)
                or _raised_subject(doc, cue, left, right)
            )
        ):  # both were checked _reachable when ``near`` was built
            return [left, right]
    subject = _raised_subject_of(doc, cue, first)
    if subject is not None:
        return [subject, first]
    sides = _parenthetical_sides(doc, cue)
    if len(sides) == 2:
        left, right = sides
        if left[0] <= first[0] and first[1] <= left[1]:
            return [first, right]
        if right[0] <= first[0] and first[1] <= right[1]:
            return [left, first]
    return [first]


def attribution_kind(doc: Doc, cue: TokenSpan, content: list[TokenSpan]) -> str:
    """``according_to`` for an "according to" cue; ``direct`` when the content is all
    quotation; ``mixed`` when it quotes in part; else ``indirect``."""
    cue_text = doc[cue[0] : cue[1]].text.lower()
    if cue_text.startswith("according to"):
        return "according_to"
    texts = [doc[a:b].text.strip() for a, b in content]
    quoted = [t for t in texts if _opens_quote(t)]
    if texts and len(quoted) == len(texts):
        return "direct"
    if any(_has_quote(t) for t in texts):
        return "mixed"
    return "indirect"


def find_medium(doc: Doc, cue: TokenSpan) -> str | None:
    """Where it was said: an organisation or platform named right after "told",
    "interview with", "statement to", "on" … in the cue's sentence."""
    sent: Span = doc[cue[0]].sent
    text = sent.text
    ents: list[Span] | None = None
    for m in _MEDIUM_PATTERN.finditer(text):
        at = m.end()  # in the sentence's text
        ents = list(sent.ents) if ents is None else ents
        for ent in ents:
            start = ent.start_char - sent.start_char
            if start > at + 40:
                break
            if start < at or ent.label_ not in ("ORG", "WORK_OF_ART", "PRODUCT"):
                continue
            gap = text[at:start]
            if len(gap.split()) <= 3 and "," not in gap:
                return as_written(ent)
            break
        word = text[at : at + 20].split(" ", 1)[0].strip(".,;:").lower()
        if word in _PLATFORMS and m.group().strip().lower().endswith("on"):
            return text[at : at + len(word)]  # a platform's name: as written
    return None


_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})


def whole_names(doc: Doc, span: TokenSpan, *, keep_quotes: bool = False) -> TokenSpan:
    """``span`` widened to the names it cuts ("Khulaifi" → "Al-Khulaifi") and stripped
    of white space and punctuation at its ends (quotation marks kept when asked)."""
    start, end = span
    n = len(doc)
    if start < end:  # a name the span starts or ends inside (read off the tokens: fast)
        if doc[start].ent_iob_ == "I" and doc[start].ent_type_ in _NAME_LABELS:
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
        if end < n and doc[end].ent_iob_ == "I" and doc[end].ent_type_ in _NAME_LABELS:
            while end < n and doc[end].ent_iob_ == "I":
                end += 1

    def loose(token: Token) -> bool:
        if keep_quotes and token.is_quote:
            return False
        return token.is_punct or token.is_space

    while start < end - 1 and loose(doc[start]):
        start += 1
    while end - 1 > start and loose(doc[end - 1]):
        end -= 1
    return start, end


def _clause_start(doc: Doc, span: TokenSpan) -> TokenSpan:
    """Content that begins with words outside its own clause ("Sky News that he was
    …") starts at the clause's "that"."""
    start, end = span
    for j in range(start + 1, min(start + 6, end)):
        token = doc[j]
        if token.lower_ == "that" and token.dep_ == "mark":
            clause = token.head
            if all(
                not doc[k].is_ancestor(clause)
                and doc[k] != clause
                and clause not in doc[k].ancestors
                for k in range(start, j)
            ):
                return j, end
            break
    return span


def _according_to_content(doc: Doc, cue: TokenSpan) -> list[TokenSpan]:
    """The clause an "according to X" phrase qualifies: the rest of its sentence."""
    if not _is_according_to(doc, cue):
        return []
    sent = doc[cue[0]].sent
    phrase_end = cue[1]
    for token in doc[cue[0] : cue[1]]:
        phrase_end = max(phrase_end, token.right_edge.i + 1)
    if cue[0] - sent.start <= 1:  # "According to X, CLAUSE."
        start, end = phrase_end, sent.end
    else:  # "CLAUSE, according to X."
        start, end = sent.start, cue[0]
    span = whole_names(doc, (start, end), keep_quotes=True) if end > start else None
    return [span] if span and span[1] - span[0] >= 3 else []


def _complete_clause(doc: Doc, cue: TokenSpan, content: TokenSpan) -> TokenSpan:
    """Content the tagger cut short of the clause the cue governs is widened to that
    clause, within the sentence."""
    start, end = content
    heads = {t.i for t in doc[cue[0] : cue[1]]}
    for token in doc[start:end]:
        if token.head.i in heads and token.dep_ in ("ccomp", "xcomp", "dobj", "parataxis"):
            sent = token.sent
            lo = max(token.left_edge.i, sent.start)
            hi = min(token.right_edge.i + 1, sent.end)
            if start >= cue[1]:
                return start, max(end, hi)
            if end <= cue[0]:
                return min(start, lo), end
    return content


_NOT_CUE_PHRASE = frozenset({"conj", "cc", "ccomp", "xcomp", "parataxis", "punct"})


def _parenthetical_sides(doc: Doc, cue: TokenSpan) -> list[TokenSpan]:
    """``The convoy, the governor said, would leave``: the clause a parenthetical cue
    interrupts, as the parts before and after it."""
    root = doc[cue[0] : cue[1]].root
    if root.dep_ != "parataxis" or root.head.i == root.i:
        return []
    clause = root.head
    # the cue with its speaker and modifiers, not what the parse may hang on it
    # ("…, she said, and most had no car": "and most had …" is no part of the cue)
    phrase = [c for c in root.children if c.dep_ not in _NOT_CUE_PHRASE]
    lo = min([root.i, *(t.left_edge.i for t in phrase)])
    hi = max([root.i, *(t.right_edge.i for t in phrase)]) + 1
    sent = clause.sent
    left = whole_names(doc, (max(clause.left_edge.i, sent.start), lo), keep_quotes=True)
    right = whole_names(doc, (hi, min(clause.right_edge.i + 1, sent.end)), keep_quotes=True)
    return [
        p
        for p in (left, right)
        if (p[1] <= lo or p[0] >= hi) and any(t.is_alpha or t.is_digit for t in doc[p[0] : p[1]])
    ]


_RELATIVE_WORDS = frozenset({"what", "which", "who", "whom"})


def _with_relative_word(
    doc: Doc, cue: TokenSpan, source: TokenSpan | None, content: list[TokenSpan]
) -> list[TokenSpan]:
    """``what the senators said was economic gerrymandering``: the relative word before
    the speaker is part of what is reported, a part of its own."""
    if len(content) != 1 or content[0][0] < cue[1] or content[0][0] - cue[1] > 1:
        return content
    before = source[0] if source and source[1] <= cue[0] else cue[0]
    i = before - 1
    if i < 0 or doc[i].lower_ not in _RELATIVE_WORDS:
        return content
    if not content[0][0] <= doc[i].head.i < content[0][1]:
        return content
    return [(i, i + 1), *content]


def _first_sentence(doc: Doc, span: TokenSpan) -> TokenSpan:
    """Reported speech that is no quotation ("that the cost could fall to taxpayers.
    Unlike Patriot, …") ends with its first sentence: the next one is the writer's."""
    start, end = span
    if not doc[start].is_lower or _has_quote(doc[start:end].text):
        return span
    for i in range(start + 1, end):
        if not doc[i].is_sent_start:
            continue
        last = i - 1
        while last > start and doc[last].is_space:
            last -= 1
        if doc[last].text in (".", "?", "!") and doc[i].text[:1].isupper():
            return start, i
    return span


def _parsed_content(doc: Doc, cue: TokenSpan) -> list[TokenSpan]:
    """For a cue the content tagger left without content: the clause or object its verb
    governs, as the parse gives it; for a parenthetical cue ("The convoy, the governor
    said, would leave"), the sentence around it."""
    parts = _parenthetical_sides(doc, cue)
    if parts and sum(p[1] - p[0] for p in parts) >= 3:
        return parts
    for token in doc[cue[0] : cue[1]]:
        for child in token.children:
            if child.dep_ in ("ccomp", "xcomp", "parataxis") and not (cue[0] <= child.i < cue[1]):
                sent = child.sent
                lo = max(child.left_edge.i, sent.start)
                hi = min(child.right_edge.i + 1, sent.end)
                if hi - lo >= 3 and (hi <= cue[0] or lo >= cue[1]):
                    return [whole_names(doc, (lo, hi), keep_quotes=True)]
    return []


def _governing_cue(doc: Doc, content: TokenSpan) -> TokenSpan | None:
    """The verb the parse makes the head of a content span the tagger found no cue
    for ("“…,” he said": "said")."""
    root = doc[content[0] : content[1]].root
    head = root.head
    if head.i == root.i or content[0] <= head.i < content[1]:
        return None
    if head.pos_ != "VERB" or head.sent != root.sent:
        return None
    if root.dep_ not in ("ccomp", "xcomp", "parataxis", "dobj", "advcl"):
        return None
    end = head.i + 1
    for child in head.children:
        if child.dep_ == "prt" and child.i == end:
            end += 1
    return head.i, end


_ONE_CHAR_CLOSE = frozenset(t for t in QUOTE_TOKENS_CLOSE if len(t) == 1)
"""Closing marks a dash is glued to in one token ("…”― Name"): "”" and '"'."""
_CLOSE_ONLY = frozenset(t for t in _ONE_CHAR_CLOSE if t not in QUOTE_TOKENS_OPEN)
"""The closing mark some sites open a paragraph with: "”" (not "’’", as it always was)."""


def _opening_quote(doc: Doc, close: int) -> int | None:
    """The token opening the quotation that token ``close`` closes, in its paragraph."""
    for i in range(close - 1, -1, -1):
        token = doc[i]
        if token.is_space and "\n" in token.text:
            return None
        if token.text in QUOTE_TOKENS_OPEN:
            return i
        if token.text in _CLOSE_ONLY and (i == 0 or "\n" in doc[i - 1].text):
            return i  # a paragraph opened with a closing mark, as some sites type it
    return None


def _dash_tails(doc: Doc) -> list[AttributionDraft]:
    """``“…” — Commissioner X``: a quotation, a dash, and the name it is signed with."""
    drafts: list[AttributionDraft] = []
    for t in doc:
        if t.i == 0 or t.i + 1 >= len(doc):
            continue
        if t.text[:1] in _ONE_CHAR_CLOSE and t.text[1:] in DASHES:
            before = t.i  # "…”― Name": mark and dash in one token
        elif t.text in DASHES:
            before = t.i - 1
            while before > 0 and doc[before].is_space and "\n" not in doc[before].text:
                before -= 1
            if doc[before].text not in QUOTE_TOKENS_CLOSE:
                continue
        else:
            continue
        start = t.i + 1
        while start < len(doc) - 1 and doc[start].is_space and "\n" not in doc[start].text:
            start += 1  # "” ―\xa0Julie A. Diaz"
        end = start
        while end < len(doc) and not doc[end].is_punct and "\n" not in doc[end].text:
            end += 1
        if end == start or not doc[start].text[:1].isupper() or end - start > 8:
            continue
        opening = _opening_quote(doc, before)
        if opening is None or before - opening < 2:
            continue
        content = (opening, before + 1 if before < t.i else t.i)
        drafts.append(
            AttributionDraft(
                cue=(t.i, t.i + 1),
                content=[content],
                source=(start, end),
                kind="direct",
            )
        )
    return drafts


def _transcript_colons(doc: Doc) -> list[AttributionDraft]:
    """``PENCE: Well, look, …`` and ``Pence: Flowers Won't Be at Debate``: a name, a
    colon and what the named said, at the head of a paragraph."""
    drafts: list[AttributionDraft] = []
    for start, end in paragraphs(doc):
        i = start
        while i < end and doc[i].is_quote:
            i += 1
        j = i
        while j < end and j - i < 4 and doc[j].text != ":" and doc[j].text[:1].isupper():
            j += 1
        if j == i or j >= end - 3 or doc[j].text != ":":
            continue
        if not all(t.pos_ == "PROPN" or t.text.isupper() for t in doc[i:j]):
            continue
        content_end = end
        while content_end > j + 1 and (
            doc[content_end - 1].is_space or doc[content_end - 1].is_quote
        ):
            content_end -= 1
        drafts.append(
            AttributionDraft(
                cue=(j, j + 1),
                content=[(j + 1, content_end)],
                source=(i, j),
                kind="direct",
            )
        )
    return drafts


def link_spans(
    doc: Doc, spans: dict[str, list[TokenSpan]], cue_prob: Mapping[str, float] | None = None
) -> list[AttributionDraft]:
    """One draft per cue that has content, in text order; and one for each content span
    left over whose governing verb the parse gives, when that verb's lemma is a cue at
    least ``MIN_CUE_PROB`` of the time in training (``cue_prob``)."""
    drafts = _link_cues(doc, spans)
    taken = {d.cue for d in drafts}
    for found in (*_dash_tails(doc), *_transcript_colons(doc)):
        if not any(c[0] < found.cue[1] and found.cue[0] < c[1] for c in taken):
            drafts.append(found)
            taken.add(found.cue)
    used = {c for d in drafts for c in d.content}
    cues = {d.cue for d in drafts}
    for content in spans["content"]:
        widened = whole_names(doc, content, keep_quotes=True)
        if widened in used or any(u[0] < widened[1] and widened[0] < u[1] for u in used):
            continue
        cue = _governing_cue(doc, content)
        if cue is None or cue in cues:
            continue
        if cue_prob is not None and cue_prob.get(doc[cue[0]].lemma_.lower(), 0.0) < MIN_CUE_PROB:
            continue
        source = _pick_source(doc, cue, spans["source"]) or _parsed_source(doc, cue)
        drafts.append(
            AttributionDraft(
                cue=cue,
                content=[widened],
                source=whole_names(doc, source) if source else None,
                kind=attribution_kind(doc, cue, [widened]),
                medium=find_medium(doc, cue),
            )
        )
        cues.add(cue)
    drafts = _continue_quotes(doc, [d for d in drafts if not _editorial_label(doc, d)])
    drafts.sort(key=reading_order)
    return drafts


def _quotation_after(doc: Doc, sentence_end: int) -> TokenSpan | None:
    """The quotation that opens the sentence starting at ``sentence_end``, in the same
    paragraph: to its closing mark, or to the paragraph's end when it has none."""
    i = sentence_end
    while i < len(doc) and doc[i].is_space:
        if "\n" in doc[i].text:
            return None
        i += 1
    if i >= len(doc) or doc[i].text not in QUOTE_TOKENS_OPEN:
        return None
    j = i + 1
    while j < len(doc):
        token = doc[j]
        if token.is_space and "\n" in token.text:
            return (i, j) if j - i > 2 else None
        if token.text in QUOTE_TOKENS_CLOSE:
            if doc[j - 1].text == ",":
                return None  # "“…,” he added": the quotation has a cue of its own
            return (i, j + 1) if j - i > 2 else None
        j += 1
    return (i, j) if j - i > 2 else None


def _continue_quotes(doc: Doc, drafts: list[AttributionDraft]) -> list[AttributionDraft]:
    """``“…,” said Kamarck, a veteran of the committee. “And it’s wide open …”``: a
    quotation that closes before its cue's sentence goes on in the quotation that opens
    the next sentence of the paragraph, which has no cue of its own."""
    out = list(drafts)
    for draft in drafts:
        if len(draft.content) != 1:
            continue
        part = draft.content[0]
        if part[1] > draft.cue[0] or draft.cue[0] - part[1] > 15:
            continue
        closing = part[1] < len(doc) and doc[part[1]].text in QUOTE_TOKENS_CLOSE
        if not (closing or _closes_quote(doc[part[0] : part[1]].text.rstrip())):
            continue
        sent = doc[draft.cue[0]].sent
        more = _quotation_after(doc, sent.end)
        if more is None:
            continue
        inside = [
            d
            for d in out
            if d is not draft and any(more[0] <= a and b <= more[1] for a, b in d.content)
        ]
        if any(not (more[0] <= d.cue[0] < more[1]) for d in inside):
            continue
        draft.content = [part, whole_names(doc, more, keep_quotes=True)]
        draft.kind = attribution_kind(doc, draft.cue, draft.content)
        out = [d for d in out if not any(d is x for x in inside)]
    return out


def _is_according_to(doc: Doc, cue: TokenSpan) -> bool:
    return doc[cue[0] : cue[1]].text.lower().startswith("according to")


def _according_to_side(doc: Doc, cue: TokenSpan, contents: list[TokenSpan]) -> list[TokenSpan]:
    """Tagged content of an "according to" cue: in its sentence, after it when the
    phrase opens the sentence, else before it."""
    sent = doc[cue[0]].sent
    opens = cue[0] - sent.start <= 1
    side = [
        c
        for c in contents
        if sent.start <= c[0] < sent.end and (c[0] >= cue[1] if opens else c[1] <= cue[0])
    ]
    return sorted(side, key=lambda c: _gap(cue, c))[:1]


def _link_cues(doc: Doc, spans: dict[str, list[TokenSpan]]) -> list[AttributionDraft]:
    drafts: list[AttributionDraft] = []
    claimed: set[TokenSpan] = set()
    for cue in spans["cue"]:
        if _is_according_to(doc, cue):
            picked = _according_to_content(doc, cue) or _according_to_side(
                doc, cue, spans["content"]
            )
        else:
            # content another cue took, outside this cue's sentence, is not this cue's
            free = [c for c in spans["content"] if c not in claimed or _same_sentence(doc, cue, c)]
            picked = _pick_content(doc, cue, free) or _parsed_content(doc, cue)
        claimed.update(picked)
        content = [
            whole_names(
                doc,
                _first_sentence(doc, _complete_clause(doc, cue, _clause_start(doc, c))),
                keep_quotes=True,
            )
            for c in picked
        ]
        if not content:
            continue
        source = _pick_source(doc, cue, spans["source"]) or _parsed_source(doc, cue)
        content = _with_relative_word(doc, cue, source, content)
        if source and any(a < source[1] and source[0] < b for a, b in content):
            source = None  # "X is expected to …": the subject is what is reported
        drafts.append(
            AttributionDraft(
                cue=cue,
                content=content,
                source=whole_names(doc, source) if source else None,
                kind=attribution_kind(doc, cue, content),
                medium=find_medium(doc, cue),
            )
        )
    return drafts
