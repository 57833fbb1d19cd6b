from __future__ import annotations

import pytest

from according.boilerplate import find_boilerplate, mark_boilerplate
from according.records import Document

ARTICLE = """Floodwater reached the town hall in Brenmoor on Tuesday, officials said.

"We have never seen the river this high," said the mayor, Ida Stroud.

Read more: Brenmoor braces for a second crest

Share this:

Source link

Leave a Comment"""


def test_aggregator_furniture_is_found_with_exact_offsets() -> None:
    spans = find_boilerplate(ARTICLE)
    assert [s.text for s in spans] == [
        "Read more: Brenmoor braces for a second crest",
        "Share this:",
        "Source link",
        "Leave a Comment",
    ]
    for s in spans:
        assert ARTICLE[s.start : s.end] == s.text


@pytest.mark.parametrize(
    "line",
    [
        "We use cookies to improve your experience on our site.",
        "Accept all cookies",
        "© 2026 Valdera Times. All rights reserved.",
        "Follow us on Telegram",
        "Subscribe to our newsletter",
        "Tags: flood, Brenmoor, river",
        "Advertisement",
        "12 Comments",
        "Facebook | Twitter | Email",
        "X",
        "Facebook X WhatsApp",
    ],
)
def test_site_furniture_lines(line: str) -> None:
    assert [s.text for s in find_boilerplate(f"Body text here.\n{line}\n")] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "The mayor said the source of the flooding was a broken levee upstream.",
        "Residents were told to read more about evacuation routes on the council website.",
        "He urged people to share this information with elderly neighbours.",
        "Comments from the minister drew sharp criticism from the opposition.",
    ],
)
def test_sentences_that_merely_mention_furniture_words_stay(line: str) -> None:
    assert find_boilerplate(line) == []


def test_marking_keeps_the_text_and_blanks_furniture_for_the_analysis() -> None:
    doc = mark_boilerplate(Document(id="a.txt", text=ARTICLE))
    assert doc.text == ARTICLE  # the input as given
    assert [b.text for b in doc.boilerplate][-2:] == ["Source link", "Leave a Comment"]
    for b in doc.boilerplate:
        assert doc.text[b.start : b.end] == b.text
        assert doc.analysed_text[b.start : b.end].strip() == ""
    analysed = doc.analysed_text
    assert len(analysed) == len(ARTICLE)
    assert "Source link" not in analysed and "Leave a Comment" not in analysed
    assert analysed.count("\n") == ARTICLE.count("\n")
    # outside the furniture the analysed text is the article, character for character
    assert analysed[:120] == ARTICLE[:120]


def test_marking_twice_adds_nothing() -> None:
    once = mark_boilerplate(Document(id="a.txt", text=ARTICLE))
    assert mark_boilerplate(once).boilerplate == once.boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "Share prices in Brenmoor fell after the flood.",
        "Sign up to volunteer at the shelter, the mayor urged.",
        "Copyright lawyers were not consulted.",
    ],
)
def test_one_line_paragraphs_starting_like_furniture_stay(line: str) -> None:
    assert find_boilerplate(f"{line}\n") == []
