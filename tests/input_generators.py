"""Generators of odd inputs for every reader, shared by the property tests
(tests/test_ingest_properties.py) and the fuzz bench (bench/fuzz_inputs.py).

Each strategy draws ``(name, bytes)``: a file name whose ending picks the reader (or
``-`` for standard input, sniffed) and its content. Everything here is made up.
"""

from __future__ import annotations

import gzip
import io
import json

from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "latin-1",
    "cp1252",
    "shift_jis",
    "koi8-r",
)

WORDS = (
    "The river rose", "said the mayor", "40 people were evacuated", "“We are safe,”",
    "according to officials", "on Tuesday", "Brenmoor", "\u00a0", "\u200b", "\ufeff",
    "\r\n", "\n\n", "\t", "é", "ß", "中文", "العربية", "😀", "\x00", "\x1b", "\x7f",
)  # fmt: skip

MARKUP = (
    "<html>", "</html>", "<head>", "<body>", "</body>", "<p>", "</p>", "<div>", "<article>",
    "<script>", "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<br/>", "<meta ",
    "charset='utf-16'>", "<title>", "</title>", "&amp;", "&#xD800;", "&#0;", "&#1114112;",
    "&nbsp;", "&bogus;", "<", ">", "\"", "'", "=", "<table><tr><td>", "<a href='x'>",
)  # fmt: skip


def _text() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS) | st.text(max_size=20), max_size=30).map(" ".join)


@st.composite
def plain_texts(draw: st.DrawFn) -> tuple[str, bytes]:
    if draw(st.booleans()):
        return "x.txt", draw(st.binary(max_size=400))
    encoding = draw(st.sampled_from(ENCODINGS))
    return "x.txt", draw(_text()).encode(encoding, errors="replace")


@st.composite
def html_pages(draw: st.DrawFn) -> tuple[str, bytes]:
    parts = draw(st.lists(st.sampled_from(MARKUP) | _text(), max_size=40))
    encoding = draw(st.sampled_from(ENCODINGS))
    return draw(st.sampled_from(["x.html", "-"])), "".join(parts).encode(encoding, "replace")


@st.composite
def feeds(draw: st.DrawFn) -> tuple[str, bytes]:
    items = []
    for _ in range(draw(st.integers(0, 4))):
        title = draw(st.sampled_from(MARKUP) | _text())
        body = "".join(draw(st.lists(st.sampled_from(MARKUP) | _text(), max_size=12)))
        date = draw(
            st.sampled_from(
                ["Sat, 09 Mar 2024 09:00:00 GMT", "0001-01-01", "9999-12-31T23:59:59Z", "soon", ""]
            )
        )
        link = draw(st.sampled_from(["", "<link>not a url</link>", "<link>ftp://x/</link>"]))
        items.append(
            f"<item><title>{title}</title>{link}<pubDate>{date}</pubDate>"
            f"<description><![CDATA[{body}]]></description><content:encoded>{body}"
            "</content:encoded></item>"
        )
    head = draw(
        st.sampled_from(
            [
                '<?xml version="1.0"?>',
                '<?xml version="1.0" encoding="iso-8859-1"?>',
                '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
                '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
                "",
            ]
        )
    )
    doc = (
        f'{head}<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{draw(_text())}</title>{''.join(items)}</channel></rss>"
    )
    data = doc.encode("utf-8", "replace")
    if draw(st.booleans()):  # cut short somewhere
        data = data[: draw(st.integers(0, len(data)))]
    return "x.xml", data


@st.composite
def warcs(draw: st.DrawFn) -> tuple[str, bytes]:
    out = io.BytesIO()
    compress = draw(st.booleans())
    writer = WARCWriter(out, gzip=compress)
    for number in range(draw(st.integers(0, 3))):
        body = draw(html_pages())[1]
        encoding = draw(st.sampled_from(["", "gzip", "bogus"]))
        if encoding == "gzip":
            body = gzip.compress(body, mtime=0)
        headers = [
            (
                "Content-Type",
                draw(st.sampled_from(["text/html", "text/html; charset=koi8-r", "image/png", ""])),
            )
        ]
        if encoding:
            headers.append(("Content-Encoding", encoding))
        record = writer.create_warc_record(
            f"https://news.example/{number}",
            "response",
            payload=io.BytesIO(body),
            # fixed, so that the same draws make the same bytes
            warc_headers_dict={
                "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{number:012d}>",
                "WARC-Date": "2024-04-01T12:00:00Z",
            },
            http_headers=StatusAndHeaders(
                draw(st.sampled_from(["200 OK", "404 Not Found", "xyz"])),
                headers,
                protocol="HTTP/1.1",
            ),
        )
        writer.write_record(record)
    data = out.getvalue()
    cut = draw(st.sampled_from(["whole", "cut", "flip"]))
    if cut == "cut" and data:
        data = data[: draw(st.integers(0, len(data)))]
    elif cut == "flip" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    return ("x.warc.gz" if compress else "x.warc"), data


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | _text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def json_lines(draw: st.DrawFn) -> tuple[str, bytes]:
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["record", "value", "raw", "nested", "surrogate"]))
        if kind == "record":
            record = {
                key: draw(_text() | _JSON_VALUES)
                for key in draw(
                    st.lists(
                        st.sampled_from(
                            [
                                "text",
                                "html",
                                "url",
                                "title",
                                "published",
                                "author",
                                "site",
                                "language",
                                "id",
                            ]
                        ),
                        max_size=5,
                    )
                )
            }
            lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())))
        elif kind == "value":
            lines.append(json.dumps(draw(_JSON_VALUES)))
        elif kind == "raw":
            lines.append(draw(st.binary(max_size=60)).decode("latin-1"))
        elif kind == "nested":
            lines.append("[" * draw(st.integers(1, 5000)))
        else:
            lines.append('{"text": "A \\ud800 B said 3 were killed.", "title": "\\udc00"}')
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    return draw(st.sampled_from(["x.jsonl", "-"])), data


ANY_INPUT = st.one_of(plain_texts(), html_pages(), feeds(), warcs(), json_lines())
