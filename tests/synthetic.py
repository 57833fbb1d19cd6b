"""Synthetic reposts of an article, for the repost tests and benchmark.

:func:`make_copy` turns an article into an aggregator's copy the way aggregators do:
a site header on top and furniture at the end ("Source link", "Leave a Comment",
"Share this:", ...), up to :attr:`CopyStyle.drop` of the paragraphs dropped (never the
first), some paragraphs moved, and light rewording: a few percent of the words swapped
for a synonym, sentence by sentence. Everything is drawn from the ``random.Random``
given, so a seed gives the same copies every time. The furniture and synonyms below
are written for this project; no article text is kept here.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["SITES", "CopyStyle", "make_copies", "make_copy", "paragraphs"]

#: Made-up aggregator names.
SITES = (
    "HeadlinePulse",
    "DailyWorldBrief",
    "NewsNowHub",
    "GlobalWireDigest",
    "TopStoryToday",
    "WorldNewsPortal",
    "BreakingFeedNet",
    "InfoStreamDaily",
)

HEADERS = (
    "{site} - World News",
    "{site} | Politics | World | Business | Tech",
    "Home » News » Politics",
    "Posted by {site} Desk",
    "Latest from {site}",
)

FOOTERS = (
    "Source link",
    "Leave a Comment",
    "Share this:",
    "Facebook",
    "X",
    "WhatsApp",
    "Follow us on Telegram",
    "Read more: the latest political news from {site}",
    "Related Posts",
    "We use cookies to give you the best experience on our site.",
    "Advertisement",
)

#: Word → replacement; each pair is used in both directions.
SYNONYM_PAIRS = (
    ("said", "stated"),
    ("says", "states"),
    ("told", "informed"),
    ("people", "persons"),
    ("big", "large"),
    ("large", "huge"),
    ("small", "little"),
    ("begin", "start"),
    ("began", "started"),
    ("show", "indicate"),
    ("shows", "indicates"),
    ("showed", "indicated"),
    ("also", "additionally"),
    ("however", "nevertheless"),
    ("but", "yet"),
    ("help", "assist"),
    ("helped", "assisted"),
    ("try", "attempt"),
    ("tried", "attempted"),
    ("want", "wish"),
    ("wants", "wishes"),
    ("wanted", "wished"),
    ("need", "require"),
    ("needs", "requires"),
    ("get", "obtain"),
    ("got", "obtained"),
    ("buy", "purchase"),
    ("end", "finish"),
    ("ended", "finished"),
    ("make", "create"),
    ("made", "created"),
    ("think", "believe"),
    ("thinks", "believes"),
    ("thought", "believed"),
    ("important", "significant"),
    ("major", "key"),
    ("many", "numerous"),
    ("often", "frequently"),
    ("about", "around"),
    ("almost", "nearly"),
    ("enough", "sufficient"),
    ("quickly", "rapidly"),
    ("country", "nation"),
    ("president", "head of state"),
    ("candidate", "contender"),
    ("campaign", "race"),
    ("election", "vote"),
    ("voters", "electors"),
    ("supporters", "backers"),
    ("attack", "assault"),
    ("attacks", "assaults"),
    ("criticized", "slammed"),
    ("called", "named"),
    ("asked", "questioned"),
    ("answer", "reply"),
    ("answered", "replied"),
    ("week", "seven days"),
    ("recent", "latest"),
    ("before", "prior to"),
    ("after", "following"),
    ("during", "throughout"),
    ("because", "since"),
    ("while", "whereas"),
    ("reporters", "journalists"),
    ("statement", "declaration"),
    ("issue", "matter"),
    ("issues", "matters"),
    ("problem", "difficulty"),
    ("problems", "difficulties"),
    ("plan", "scheme"),
    ("plans", "schemes"),
    ("group", "organization"),
    ("official", "functionary"),
    ("officials", "authorities"),
    ("government", "administration"),
    ("leader", "chief"),
    ("leaders", "chiefs"),
    ("meeting", "gathering"),
    ("speech", "address"),
    ("event", "occasion"),
    ("money", "funds"),
    ("job", "post"),
    ("jobs", "employment"),
    ("percent", "per cent"),
)

_SYNONYMS: dict[str, str] = {}
for _a, _b in SYNONYM_PAIRS:
    _SYNONYMS.setdefault(_a, _b)
    _SYNONYMS.setdefault(_b, _a)

_BLANK_LINES = re.compile(r"\n\s*\n")
_SENTENCE = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class CopyStyle:
    """How a copy departs from its article: ``drop``, the largest share of paragraphs
    dropped; ``moves``, the most paragraphs moved; ``reword``, the share of words
    swapped for a synonym (as far as the article has words with synonyms);
    ``furniture``, whether to add a site header and footer."""

    drop: float = 0.3
    moves: int = 2
    reword: float = 0.04
    furniture: bool = True


def paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``: blocks between blank lines, else lines."""
    blocks = [p.strip() for p in _BLANK_LINES.split(text) if p.strip()]
    if len(blocks) < 3:
        blocks = [line.strip() for line in text.splitlines() if line.strip()]
    return blocks


def _reword(paragraph: str, rng: random.Random, share: float) -> str:
    sentences = _SENTENCE.split(paragraph)
    out = []
    for sentence in sentences:
        words = list(_WORD.finditer(sentence))
        swappable = [m for m in words if m.group().lower() in _SYNONYMS]
        wanted = min(len(swappable), _round(rng, share * len(words)))
        chosen = sorted(rng.sample(swappable, wanted), key=lambda m: m.start())
        pieces = []
        last = 0
        for m in chosen:
            word = m.group()
            swap = _SYNONYMS[word.lower()]
            if word[0].isupper():
                swap = swap[0].upper() + swap[1:]
            pieces += [sentence[last : m.start()], swap]
            last = m.end()
        pieces.append(sentence[last:])
        out.append("".join(pieces))
    return " ".join(out)


def _round(rng: random.Random, x: float) -> int:
    """``x`` rounded up or down at random, in proportion (so small shares still count)."""
    whole = int(x)
    return whole + (1 if rng.random() < x - whole else 0)


def make_copy(
    text: str, rng: random.Random, style: CopyStyle | None = None, site: str | None = None
) -> str:
    """An aggregator's copy of ``text`` (see the module's docstring)."""
    style = style or CopyStyle()
    site = site or rng.choice(SITES)
    paras = paragraphs(text)
    if not paras:
        return text
    first, rest = paras[0], paras[1:]
    drop = rng.randint(0, int(style.drop * len(paras)))
    drop = min(drop, len(rest) - 1) if rest else 0
    for _ in range(max(drop, 0)):
        rest.pop(rng.randrange(len(rest)))
    for _ in range(rng.randint(0, style.moves) if len(rest) > 1 else 0):
        moved = rest.pop(rng.randrange(len(rest)))
        rest.insert(rng.randrange(len(rest) + 1), moved)
    body = [_reword(p, rng, style.reword) for p in [first, *rest]]
    if style.furniture:
        header = rng.choice(HEADERS).format(site=site)
        footer = [f.format(site=site) for f in rng.sample(FOOTERS, rng.randint(2, 6))]
        body = [header, *body, *footer]
    return "\n\n".join(body) + "\n"


def make_copies(
    text: str, n: int, seed: int | str, style: CopyStyle | None = None
) -> Iterator[str]:
    """``n`` copies of ``text``, the same for the same ``seed``, each on another site."""
    rng = random.Random(f"{seed}")
    sites = rng.sample(SITES, min(n, len(SITES)))
    for i in range(n):
        yield make_copy(text, rng, style, sites[i % len(sites)])
