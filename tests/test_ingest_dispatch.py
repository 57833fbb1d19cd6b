"""The dispatcher: directories, sniffing, standard input, laziness, the published option."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy

from according.analyze import Analyzer
from according.errors import InputError
from according.ingest import iter_documents, kind_of_name, sniff
from according.options import Options
from according.records import Document
from ingest_server import FLOOD, article_html, ingest, only_document, only_error, write_warc

STORY = "\n".join(FLOOD) + "\n"
RSS = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Notes</title>
<item><title>Bridge reopens</title><description>{FLOOD[0]}</description>
<pubDate>Sat, 09 Mar 2024 09:00:00 GMT</pubDate></item></channel></rss>"""


def ids(results: list[Document | InputError]) -> list[str]:
    return [r.id if isinstance(r, Document) else f"ERROR {r.source}" for r in results]


def test_directory_is_walked_recursively_in_order(tmp_path: Path) -> None:
    root = tmp_path / "crawl"
    (root / "b-feeds").mkdir(parents=True)
    (root / "a-pages" / "deeper").mkdir(parents=True)
    (root / ".cache").mkdir()
    (root / "z.txt").write_text(STORY)
    (root / "a-pages" / "flood.html").write_text(article_html("Flood hits Millbrook"))
    (root / "a-pages" / "deeper" / "notes.TXT").write_text(FLOOD[3])
    (root / "a-pages" / "empty.txt").write_text("")
    (root / "b-feeds" / "notes.rss").write_text(RSS)
    (root / "b-feeds" / "lines.jsonl").write_text(json.dumps({"text": FLOOD[1]}) + "\n")
    write_warc(root / "b-feeds" / "crawl.warc.gz", compress=True)
    (root / ".hidden.txt").write_text(STORY)
    (root / ".cache" / "page.html").write_text(article_html("Cached"))
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (root / "README.md").write_text("Not read: unknown extension inside a directory.")

    results = ingest(str(root))
    assert ids(results) == [
        f"{root}/a-pages/deeper/notes.TXT",
        f"ERROR {root}/a-pages/empty.txt",
        f"{root}/a-pages/flood.html",
        "https://news.example/flood",
        "ERROR https://news.example/empty",
        "https://news.example/cost",
        f"{root}/b-feeds/lines.jsonl:1",
        f"{root}/b-feeds/notes.rss#1",
        f"{root}/z.txt",
    ]
    notes = results[7]
    assert isinstance(notes, Document)
    assert notes.published == dt.date(2024, 3, 9) and notes.text == FLOOD[0]


@pytest.mark.parametrize(
    ("name", "content", "expected_text"),
    [
        ("report.md", STORY.encode(), STORY),
        ("page.dat", article_html("Sniffed page").encode(), FLOOD[0]),
        ("lines.log", (json.dumps({"text": FLOOD[2]}) + "\n").encode(), FLOOD[2]),
        ("notes", RSS.encode(), FLOOD[0]),
    ],
)
def test_named_file_with_unknown_extension_is_sniffed(
    tmp_path: Path, name: str, content: bytes, expected_text: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    doc = only_document(ingest(str(path)))
    assert expected_text in doc.text


def test_named_warc_without_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "archive.bin"
    write_warc(path, compress=True)
    assert ids(ingest(str(path)))[0] == "https://news.example/flood"


def test_binary_file_with_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "image.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    error = only_error(ingest(str(path)))
    assert (error.source, error.reason) == (str(path), "binary file, not text")


def stdin_results(data: bytes, options: Options | None = None) -> list[Document | InputError]:
    return list(iter_documents(["-"], options or Options(), stdin=io.BytesIO(data)))


def test_stdin_plain_text() -> None:
    doc = only_document(stdin_results(STORY.encode()))
    assert (doc.id, doc.text, doc.language) == ("-", STORY, "en")


def test_stdin_jsonl_streams_lines() -> None:
    data = "\n".join(
        json.dumps({"text": p, "url": f"https://g.example/{i}"}) for i, p in enumerate(FLOOD)
    )
    data += "\nnot json\n"
    results = stdin_results(data.encode())
    assert ids(results) == [f"https://g.example/{i}" for i in range(4)] + ["ERROR -:5"]


def test_stdin_html_feed_and_warc(tmp_path: Path) -> None:
    page = only_document(stdin_results(article_html("From a pipe").encode()))
    assert page.title == "From a pipe" and FLOOD[1] in page.text
    entry = only_document(stdin_results(RSS.encode()))
    assert entry.id == "-#1" and entry.title == "Bridge reopens"
    warc = tmp_path / "in.warc.gz"
    write_warc(warc, compress=True)
    assert ids(stdin_results(warc.read_bytes()))[0] == "https://news.example/flood"


def test_stdin_empty() -> None:
    error = only_error(stdin_results(b""))
    assert (error.source, error.reason) == ("-", "empty")


def test_published_option_overrides_every_document_in_one_place(tmp_path: Path) -> None:
    page = tmp_path / "dated.html"
    page.write_text(article_html("Flood", published="2024-03-05"))
    lines = tmp_path / "dated.jsonl"
    lines.write_text(json.dumps({"text": FLOOD[0], "published": "2024-01-01"}) + "\n")
    options = Options(published=dt.date(2024, 3, 10))
    results = ingest(str(page), str(lines), options=options)
    documents = [r for r in results if isinstance(r, Document)]
    # the readers give the documents as they are ...
    assert [d.published for d in documents] == [dt.date(2024, 3, 5), dt.date(2024, 1, 1)]
    # ... and the analysis (the one place) overrides their date
    analyzer = Analyzer(options, nlp=spacy.blank("en"))
    prepared = [analyzer.prepare(d) for d in documents]
    assert [d.published for d in prepared] == [dt.date(2024, 3, 10)] * 2


def test_iter_documents_is_lazy(tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_text(STORY)
    consumed: list[str] = []

    def inputs() -> Iterator[str]:
        for item in (str(first), str(tmp_path / "second.txt")):
            consumed.append(item)
            yield item

    results = iter_documents(inputs(), Options())
    assert consumed == []
    assert isinstance(next(results), Document)
    assert consumed == [str(first)]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.warc.gz", "warc"),
        ("A.WARC", "warc"),
        ("x.ndjson", "jsonl"),
        ("x.xhtml", "html"),
        ("feed.atom", "feed"),
        ("notes.text", "text"),
        ("archive.tar.gz", None),
        ("README", None),
    ],
)
def test_kind_of_name(name: str, kind: str | None) -> None:
    assert kind_of_name(name) == kind


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b'  {"text": "x"}', "jsonl"),
        (b"WARC/1.1\r\n", "warc"),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"<!DOCTYPE html><html>", "html"),
        (b"\xef\xbb\xbf<html lang='en'>", "html"),
        (b"<p>A fragment of a page</p>", "html"),
        (b"<<Breaking>> The river rose.", "text"),
        (b"The river rose.", "text"),
    ],
)
def test_sniff(head: bytes, kind: str) -> None:
    assert sniff(head) == kind
