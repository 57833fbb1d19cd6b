"""Fetching URLs from a local server; refusing private addresses without connecting."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from according.errors import FetchError
from according.ingest import fetch as fetch_module
from according.ingest.fetch import fetch, refused_kind
from according.options import FetchOptions, Options
from ingest_server import (
    FLOOD,
    Route,
    Server,
    article_html,
    ingest,
    only_document,
    only_error,
    serve,
)

LOCAL = FetchOptions(allow_private=True, timeout=5.0)
LOCAL_RUN = Options(fetch=LOCAL)
PAGE = article_html("Flood hits Millbrook", published="2024-03-05", site="Valley Gazette")
PLAIN = "\n".join(FLOOD) + "\n"


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    routes = {
        "/article.html": Route(PAGE.encode()),
        "/plain.txt": Route(PLAIN.encode(), content_type="text/plain; charset=utf-8"),
        "/hop1": Route(status=302, headers={"Location": "/hop2"}),
        "/hop2": Route(status=301, headers={"Location": "/article.html"}),
        "/loop-a": Route(status=302, headers={"Location": "/loop-b"}),
        "/loop-b": Route(status=307, headers={"Location": "/loop-a"}),
        "/image.png": Route(b"\x89PNG\r\n\x1a\n" + bytes(100), content_type="image/png"),
        "/report.pdf": Route(b"%PDF-1.7", content_type="application/pdf"),
        "/huge": Route(b"<p>water</p>" * 1000, repeat=50),  # no Content-Length
        "/huge-declared": Route(b"x" * 50_000, content_type="text/plain"),
        "/slow": Route(PAGE.encode(), delay=1.5),
        "/gone": Route(b"gone", status=410),
        "/no-type": Route(PLAIN.encode(), content_type=None),
        "/to-ftp": Route(status=302, headers={"Location": "ftp://files.example/x"}),
        "/to-private": Route(status=302, headers={"Location": "http://10.20.30.40/secret"}),
    }
    for n in range(8):
        routes[f"/chain/{n}"] = Route(status=302, headers={"Location": f"/chain/{n + 1}"})
    routes["/chain/8"] = Route(PAGE.encode())
    with serve(routes) as running:
        yield running


def test_fetch_html(server: Server) -> None:
    fetched = fetch(server.url("/article.html"), LOCAL)
    assert fetched.status == 200
    assert fetched.url == server.url("/article.html")
    assert fetched.content_type == "text/html"
    assert fetched.charset == "utf-8"
    assert fetched.body == PAGE.encode()


def test_url_becomes_an_html_document(server: Server) -> None:
    url = server.url("/article.html")
    doc = only_document(ingest(url, options=LOCAL_RUN))
    assert doc.id == url
    assert doc.url == url
    assert doc.title == "Flood hits Millbrook"
    assert doc.site == "Valley Gazette"
    assert str(doc.published) == "2024-03-05"
    assert FLOOD[2] in doc.text


def test_plain_text_url_becomes_a_text_document(server: Server) -> None:
    url = server.url("/plain.txt")
    doc = only_document(ingest(url, options=LOCAL_RUN))
    assert (doc.id, doc.url, doc.text, doc.site) == (url, url, PLAIN, "127.0.0.1")


def test_missing_content_type_is_sniffed(server: Server) -> None:
    doc = only_document(ingest(server.url("/no-type"), options=LOCAL_RUN))
    assert doc.text == PLAIN


def test_redirect_chain_is_followed(server: Server) -> None:
    url = server.url("/hop1")
    fetched = fetch(url, LOCAL)
    assert fetched.url == server.url("/article.html")
    doc = only_document(ingest(url, options=LOCAL_RUN))
    assert doc.id == url and doc.url == server.url("/article.html")


def test_redirect_loop_is_refused(server: Server) -> None:
    url = server.url("/loop-a")
    with pytest.raises(FetchError) as caught:
        fetch(url, LOCAL)
    assert caught.value.source == url
    assert caught.value.reason == f"redirect loop at {url}"


def test_too_many_redirects(server: Server) -> None:
    url = server.url("/chain/0")
    error = only_error(ingest(url, options=LOCAL_RUN))
    assert isinstance(error, FetchError)
    assert (error.source, error.reason) == (url, "too many redirects (more than 5)")
    # with room for all eight hops the page is reached
    relaxed = FetchOptions(allow_private=True, max_redirects=8)
    assert fetch(url, relaxed).url == server.url("/chain/8")


def test_redirect_to_another_scheme_is_refused(server: Server) -> None:
    with pytest.raises(FetchError, match=r"redirect to ftp://files.example/x refused"):
        fetch(server.url("/to-ftp"), LOCAL)


def test_http_error_status(server: Server) -> None:
    url = server.url("/missing")
    error = only_error(ingest(url, options=LOCAL_RUN))
    assert (error.source, error.reason) == (url, "HTTP 404 Not Found")
    with pytest.raises(FetchError, match="HTTP 410 Gone"):
        fetch(server.url("/gone"), LOCAL)


def test_size_cap_while_streaming(server: Server) -> None:
    small = FetchOptions(allow_private=True, max_bytes=10_000)
    with pytest.raises(FetchError) as caught:
        fetch(server.url("/huge"), small)
    assert caught.value.reason == "too large (more than 10000 bytes)"
    with pytest.raises(FetchError) as caught:
        fetch(server.url("/huge-declared"), small)
    assert caught.value.reason == "too large (50000 bytes > cap 10000)"


@pytest.mark.parametrize(
    ("path", "media"), [("/image.png", "image/png"), ("/report.pdf", "application/pdf")]
)
def test_unsupported_content_type(server: Server, path: str, media: str) -> None:
    error = only_error(ingest(server.url(path), options=LOCAL_RUN))
    assert isinstance(error, FetchError)
    assert error.reason == f"unsupported content type {media}"


def test_slow_response_times_out(server: Server) -> None:
    url = server.url("/slow")
    error = only_error(
        ingest(url, options=Options(fetch=FetchOptions(timeout=0.3, allow_private=True)))
    )
    assert (error.source, error.reason) == (url, "timed out after 0.3s")


def test_unreachable_port() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article.html"
    error = only_error(ingest(url, options=LOCAL_RUN))
    assert (error.source, error.reason) == (url, "unreachable: connection refused")


def test_unresolvable_host(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    # no DNS query from the tests: the resolver is the one thing replaced
    monkeypatch.setattr(fetch_module, "_resolve", no_such_host)
    with pytest.raises(FetchError) as caught:
        fetch("http://no-such-host.invalid/news", LOCAL)
    assert caught.value.reason == "unreachable: cannot resolve host no-such-host.invalid"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://files.example/report.txt", "unsupported URL scheme 'ftp' (only http and https)"),
        ("file:///etc/passwd", "unsupported URL scheme 'file' (only http and https)"),
    ],
)
def test_only_http_and_https(url: str, reason: str) -> None:
    error = only_error(ingest(url))
    assert (error.source, error.reason) == (url, reason)
    with pytest.raises(FetchError, match="unsupported URL scheme"):
        fetch(url, FetchOptions())


# --- private addresses ----------------------------------------------------------------


@pytest.fixture
def no_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything opens a TCP connection."""

    def refuse(*args: object, **kwargs: object) -> socket.socket:
        raise AssertionError(f"a connection was attempted: {args}")

    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.usefixtures("no_connections")
@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:8080/", "refused: 127.0.0.1 is a loopback address"),
        ("http://localhost/", "refused: localhost resolves to loopback address"),
        ("http://10.1.2.3/", "refused: 10.1.2.3 is a private address"),
        ("http://192.168.0.10/", "refused: 192.168.0.10 is a private address"),
        ("http://169.254.169.254/latest/", "refused: 169.254.169.254 is a link-local address"),
        ("http://[::1]:8000/", "refused: ::1 is a loopback address"),
        ("http://[::ffff:127.0.0.1]/", "refused: ::ffff:127.0.0.1 is a loopback address"),
        ("http://[fe80::1]/", "refused: fe80::1 is a link-local address"),
        ("http://0.0.0.0/", "refused: 0.0.0.0 is a unspecified address"),
        ("http://224.0.0.1/", "refused: 224.0.0.1 is a multicast address"),
    ],
)
def test_private_addresses_are_refused_without_connecting(url: str, reason: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(url, FetchOptions())
    assert caught.value.source == url
    assert caught.value.reason.startswith(reason)


def test_local_server_is_refused_by_default(server: Server) -> None:
    before = len(server.hits)
    url = server.url("/article.html")
    error = only_error(ingest(url))
    assert error.reason == "refused: 127.0.0.1 is a loopback address"
    assert len(server.hits) == before  # the server never saw a request


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("8.8.8.8", None),
        ("2001:4860:4860::8888", None),
        ("127.0.0.2", "loopback"),
        ("172.16.5.4", "private"),
        ("100.64.0.1", "non-public"),
        ("fc00::1", "private"),
        ("::", "unspecified"),
        ("2002:7f00:1::", "loopback"),  # 6to4 around 127.0.0.1
        ("240.0.0.1", "reserved"),
    ],
)
def test_refused_kind(address: str, kind: str | None) -> None:
    assert refused_kind(address) == kind


@pytest.fixture
def loopback_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend 127.0.0.1 is a public address, so the local server stands for the web."""
    real = fetch_module.refused_kind

    def kind(address: str) -> str | None:
        return None if address == "127.0.0.1" else real(address)

    monkeypatch.setattr(fetch_module, "refused_kind", kind)


@pytest.mark.usefixtures("loopback_is_public")
def test_redirect_to_a_private_address_is_refused(server: Server) -> None:
    url = server.url("/to-private")
    with pytest.raises(FetchError) as caught:
        fetch(url, FetchOptions())
    assert caught.value.source == url
    assert caught.value.reason == (
        "redirect to http://10.20.30.40/secret refused: 10.20.30.40 is a private address"
    )


def test_connection_goes_to_the_checked_address(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A host that resolves to a public address for the check and to loopback when
    connecting (DNS rebinding) is still refused, and nothing reaches the server."""
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])

    def resolve(host: str, port: int) -> list[str]:
        return next(answers)

    monkeypatch.setattr(fetch_module, "_resolve", resolve)
    before = len(server.hits)
    port = server.base.rsplit(":", 1)[1]
    with pytest.raises(FetchError) as caught:
        fetch(f"http://rebind.example:{port}/article.html", FetchOptions())
    assert caught.value.reason == "refused: rebind.example resolves to loopback address 127.0.0.1"
    assert len(server.hits) == before
