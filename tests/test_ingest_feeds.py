"""RSS and Atom feeds, from files and from a local server."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator
from pathlib import Path

import pytest

from according.errors import FetchError, InputError
from according.ingest.feeds import FULL_TEXT_CHARS, looks_like_feed
from according.options import FetchOptions, Options
from according.records import Document
from ingest_server import FLOOD, Route, Server, article_html, ingest, only_error, serve

LOCAL_RUN = Options(fetch=FetchOptions(allow_private=True, timeout=5.0))
LONG_STORY = " ".join(FLOOD * 2)
assert len(LONG_STORY) >= FULL_TEXT_CHARS


def rss(base: str) -> str:
    """A feed of four entries: two teasers whose pages exist (one with full metadata, one
    with none), a teaser whose page is missing, and one with its full text."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Valley Gazette</title><link>{base}/</link><language>en-gb</language>
  <item>
    <title>Flood hits Millbrook (feed title)</title>
    <link>{base}/news/1.html</link>
    <description>The river Arle burst its banks &lt;b&gt;overnight&lt;/b&gt;.</description>
    <pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate>
    <dc:creator>Feed Desk</dc:creator>
  </item>
  <item>
    <title>Millbrook counts the cost</title>
    <link>{base}/news/4.html</link>
    <description>Residents return to flooded homes.</description>
    <pubDate>Thu, 07 Mar 2024 08:00:00 +0000</pubDate>
    <dc:creator>Sam Okafor</dc:creator>
  </item>
  <item>
    <title>Rescue teams search streets</title>
    <link>{base}/news/missing.html</link>
    <description>Two people are missing.</description>
  </item>
  <item>
    <title>River peaks at record level</title>
    <link>{base}/news/3.html</link>
    <description>The river peaked.</description>
    <content:encoded><![CDATA[{"".join(f"<p>{p}</p>" for p in FLOOD * 2)}]]></content:encoded>
    <pubDate>Fri, 08 Mar 2024 10:00:00 +0100</pubDate>
  </item>
</channel>
</rss>"""


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with serve({}) as running:
        running.routes.update(
            {
                "/feed.rss": Route(rss(running.base).encode(), content_type="application/rss+xml"),
                "/feed-as-xml": Route(rss(running.base).encode(), content_type="text/xml"),
                "/news/1.html": Route(
                    article_html(
                        "Flood hits Millbrook",
                        published="2024-03-06",
                        author="Jane Doe",
                        site="Valley Gazette",
                    ).encode()
                ),
                "/news/4.html": Route(
                    article_html("Millbrook counts the cost", FLOOD[1:3], lang=None).encode()
                ),
            }
        )
        yield running


def test_feed_url_entries(server: Server) -> None:
    results = ingest(server.url("/feed.rss"), options=LOCAL_RUN)
    assert len(results) == 4
    first, fourth, missing, full = results

    assert isinstance(first, Document)
    assert first.id == first.url == server.url("/news/1.html")
    assert first.title == "Flood hits Millbrook"  # the page's own metadata first
    assert first.published == dt.date(2024, 3, 6)
    assert first.author == "Jane Doe"
    assert first.site == "Valley Gazette"
    assert FLOOD[0] in first.text and FLOOD[3] in first.text

    assert isinstance(fourth, Document)
    assert fourth.title == "Millbrook counts the cost"
    assert fourth.published == dt.date(2024, 3, 7)  # the page has none: the feed's
    assert fourth.author == "Sam Okafor"
    assert FLOOD[1] in fourth.text and FLOOD[0] not in fourth.text

    assert isinstance(missing, FetchError)
    assert missing.source == server.url("/news/missing.html")
    assert missing.reason == "HTTP 404 Not Found"

    assert isinstance(full, Document)
    assert full.id == server.url("/news/3.html")
    assert full.text == "\n".join(FLOOD * 2)
    assert full.title == "River peaks at record level"
    assert full.published == dt.date(2024, 3, 8)
    assert full.site == "Valley Gazette"
    assert full.language == "en"
    assert "/news/3.html" not in server.hits  # full text in the feed: no fetch


def test_xml_content_type_is_read_as_a_feed(server: Server) -> None:
    results = ingest(server.url("/feed-as-xml"), options=LOCAL_RUN)
    assert [r.id if isinstance(r, Document) else r.source for r in results] == [
        server.url(p)
        for p in ("/news/1.html", "/news/4.html", "/news/missing.html", "/news/3.html")
    ]


def test_feed_file_with_links_to_fetch(server: Server, tmp_path: Path) -> None:
    path = tmp_path / "gazette.rss"
    path.write_text(rss(server.base), encoding="utf-8")
    results = ingest(str(path), options=LOCAL_RUN)
    assert [type(r).__name__ for r in results] == ["Document", "Document", "FetchError", "Document"]


def test_feed_entry_links_are_checked_like_any_url(server: Server, tmp_path: Path) -> None:
    """With default options, a feed's links to a private address are refused."""
    path = tmp_path / "gazette.xml"
    path.write_text(rss(server.base), encoding="utf-8")
    before = len(server.hits)
    results = ingest(str(path))
    assert [r.reason for r in results if isinstance(r, InputError)] == [
        "refused: 127.0.0.1 is a loopback address"
    ] * 3
    assert len(server.hits) == before


def test_atom_file_with_full_content(tmp_path: Path) -> None:
    path = tmp_path / "updates.atom"
    content = html.escape("".join(f"<p>{p}</p>" for p in FLOOD * 2))
    path.write_text(
        f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Millbrook Live</title>
  <entry>
    <title>Flood update</title>
    <link href="https://live.example/millbrook/1"/>
    <id>urn:uuid:1</id>
    <updated>2024-03-06T00:30:00+01:00</updated>
    <author><name>Priya Shah</name></author>
    <content type="html">{content}</content>
  </entry>
</feed>""",
        encoding="utf-8",
    )
    [doc] = ingest(str(path))
    assert isinstance(doc, Document)
    assert doc.id == doc.url == "https://live.example/millbrook/1"
    assert doc.text == "\n".join(FLOOD * 2)
    assert (doc.title, doc.author, doc.site) == ("Flood update", "Priya Shah", "Millbrook Live")
    assert doc.published == dt.date(2024, 3, 6)  # the publisher's local date


def test_entries_without_links_keep_their_summary(tmp_path: Path) -> None:
    path = tmp_path / "notes.rss"
    path.write_text(
        """<rss version="2.0"><channel><title>Notes</title>
<item><title>Short note</title><description>Water levels in Millbrook fell on Thursday and
the council said the main bridge would reopen.</description></item>
<item><title>No text</title></item>
</channel></rss>""",
        encoding="utf-8",
    )
    note, empty = ingest(str(path))
    assert isinstance(note, Document)
    assert note.id == f"{path}#1"
    assert note.text == (
        "Water levels in Millbrook fell on Thursday and the council said the main bridge "
        "would reopen."
    )
    assert note.url is None
    assert isinstance(empty, InputError)
    assert (empty.source, empty.reason) == (f"{path}#2", "feed entry has no text and no link")


def test_malformed_feed(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss version='2.0'><channel><title>Broken &", encoding="utf-8")
    error = only_error(ingest(str(path)))
    assert error.source == str(path)
    assert error.reason.startswith("malformed feed")


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text("<settings><river>Arle</river></settings>", encoding="utf-8")
    error = only_error(ingest(str(path)))
    assert (error.source, error.reason) == (str(path), "not an RSS or Atom feed")


def test_feed_without_entries_yields_nothing(tmp_path: Path) -> None:
    path = tmp_path / "quiet.rss"
    path.write_text("<rss version='2.0'><channel><title>Quiet</title></channel></rss>")
    assert ingest(str(path)) == []


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0">', True),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', True),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', True),
        (b"<!DOCTYPE html><html><head><title>The feed</title>", False),
        (b"The river rose.", False),
    ],
)
def test_looks_like_feed(head: bytes, expected: bool) -> None:
    assert looks_like_feed(head) is expected
