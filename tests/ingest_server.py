"""A small local HTTP server for the ingest tests: canned routes on 127.0.0.1.

Use :func:`serve` as a context manager (or through a fixture in a test module): it
serves a dict of :class:`Route` in a background thread and records every path
requested, so a test can assert that no connection was made.
"""

from __future__ import annotations

import gzip
import http.server
import io
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from according.errors import InputError
from according.ingest import iter_documents
from according.options import Options
from according.records import Document


@dataclass(frozen=True)
class Route:
    """What one path answers. ``delay`` seconds pass before the answer; ``repeat`` sends
    ``body`` that many times without a Content-Length (a body of unknown length);
    ``trickle`` sends the whole answer a byte at a time (a slow server)."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    repeat: int = 0
    trickle: float = 0.0
    """Seconds between the bytes of the answer (headers and body), one byte at a time."""


@dataclass
class Server:
    """A running server: its base URL and the paths requested so far."""

    base: str
    routes: dict[str, Route]
    hits: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


def _handler(server: Server) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.hits.append(self.path)
            route = server.routes.get(self.path, Route(b"not here", status=404))
            if route.delay:
                time.sleep(route.delay)
            if route.trickle:
                self._trickle(route)
                return
            try:
                self.send_response(route.status)
                if route.content_type is not None:
                    self.send_header("Content-Type", route.content_type)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if not route.repeat:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                for _ in range(max(route.repeat, 1)):
                    self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading (a size cap or a timeout): as intended

        def _trickle(self, route: Route) -> None:
            answer = (
                f"HTTP/1.1 {route.status} OK\r\nContent-Type: {route.content_type}\r\n"
                f"Content-Length: {len(route.body)}\r\n\r\n"
            ).encode() + route.body
            try:
                for i in range(len(answer)):
                    self.wfile.write(answer[i : i + 1])
                    self.wfile.flush()
                    time.sleep(route.trickle)
            except (BrokenPipeError, ConnectionResetError, OSError):
                pass  # the client gave up: as intended

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serve(routes: Mapping[str, Route]) -> Iterator[Server]:
    """Serve ``routes`` on 127.0.0.1 (a free port) until the block ends."""
    server = Server(base="", routes=dict(routes))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    httpd.daemon_threads = True
    httpd.block_on_close = False
    server.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


# Our own sentences about a fictional flood, for every ingest test.
FLOOD = (
    "The river Arle burst its banks on Tuesday night, flooding more than 200 homes in the "
    "town of Millbrook, according to the county fire service.",
    '"We have never seen the water rise this fast," said Mayor Ellen Carr, who told '
    "reporters that 40 people had been evacuated from the lower town.",
    "Officials said two people were missing and that rescue teams were searching the "
    "flooded streets on Wednesday morning.",
    "The regional environment office said the river had peaked at 4.2 metres, its highest "
    "level since records began in 1911, and warned that more rain was expected.",
)


def article_html(
    title: str,
    paragraphs: tuple[str, ...] = FLOOD,
    *,
    lang: str | None = "en-GB",
    published: str | None = None,
    author: str | None = None,
    site: str | None = None,
    canonical: str | None = None,
) -> str:
    """A news page: head metadata, navigation and footer around an article."""
    meta = [f"<title>{title}</title>"]
    if site:
        meta.append(f'<meta property="og:site_name" content="{site}">')
    if author:
        meta.append(f'<meta name="author" content="{author}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    if canonical:
        meta.append(f'<link rel="canonical" href="{canonical}">')
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    lang_attr = f' lang="{lang}"' if lang else ""
    return (
        f'<!DOCTYPE html>\n<html{lang_attr}><head><meta charset="utf-8">{"".join(meta)}</head>'
        f"<body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>\n{body}\n</article>"
        f"<footer>Leave a Comment | Share this story</footer></body></html>"
    )


def ingest(*inputs: str, options: Options | None = None) -> list[Document | InputError]:
    """Everything :func:`iter_documents` yields for ``inputs``."""
    return list(iter_documents(list(inputs), options or Options()))


def only_document(results: list[Document | InputError]) -> Document:
    assert len(results) == 1, results
    assert isinstance(results[0], Document), results[0]
    return results[0]


def only_error(results: list[Document | InputError]) -> InputError:
    assert len(results) == 1, results
    assert isinstance(results[0], InputError), results[0]
    return results[0]


def _response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    *,
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
    extra: list[tuple[str, str]] | None = None,
) -> None:
    headers = StatusAndHeaders(
        status, [("Content-Type", content_type), *(extra or [])], protocol="HTTP/1.1"
    )
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": "2024-04-01T12:00:00Z"},
    )
    writer.write_record(record)


def write_warc(path: Path, *, compress: bool) -> None:
    """A crawl of a small news site, written with warcio: a warcinfo record, the article
    https://news.example/flood (published 2024-03-05), a request, a 404, an image, a page
    with no text (https://news.example/empty) and a gzip-encoded article without a date
    (https://news.example/cost)."""
    page_a = article_html("Flood hits Millbrook", published="2024-03-05", site="Valley Gazette")
    page_b = article_html("Millbrook counts the cost", FLOOD[1:], lang=None)
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        _response(writer, "https://news.example/flood", page_a.encode())
        request = writer.create_warc_record(
            "https://news.example/flood",
            "request",
            payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(
                "GET /flood HTTP/1.1", [("Host", "news.example")], is_http_request=True
            ),
        )
        writer.write_record(request)
        _response(writer, "https://news.example/gone", b"<p>gone</p>", status="404 Not Found")
        _response(writer, "https://news.example/map.png", b"\x89PNG....", content_type="image/png")
        _response(writer, "https://news.example/empty", b"<html><body></body></html>")
        _response(
            writer,
            "https://news.example/cost",
            gzip.compress(page_b.encode()),
            extra=[("Content-Encoding", "gzip")],
        )
