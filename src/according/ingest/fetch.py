"""Fetching a URL safely: public addresses only, every redirect checked, size and time capped.

:func:`fetch` raises :class:`~according.errors.FetchError` (an
:class:`~according.errors.InputError`) naming the URL as given and what went wrong.

Before each request (the first and every redirect) the host is resolved and refused if
any address it resolves to is loopback, private, link-local, multicast, reserved,
unspecified or otherwise not public — unless ``FetchOptions.allow_private``. The
connection is then made to one of those checked addresses (not to a second, possibly
different, DNS answer), so a host cannot pass the check and then resolve elsewhere.

``FetchOptions.timeout`` is a deadline for the whole fetch (every redirect, the headers
and the body): each read waits at most the time left, and a watchdog closes the
connections when it has passed, so a server sending a byte a second cannot hold a batch.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

import httpcore
import httpx

from according.errors import FetchError
from according.options import FetchOptions

__all__ = [
    "ACCEPTED_TYPES",
    "FEED_TYPES",
    "HTML_TYPES",
    "TEXT_TYPES",
    "Fetched",
    "fetch",
    "media_type",
    "refused_kind",
]

LOGGER = logging.getLogger(__name__)

HTML_TYPES: tuple[str, ...] = ("text/html", "application/xhtml+xml")
TEXT_TYPES: tuple[str, ...] = ("text/plain",)
FEED_TYPES: tuple[str, ...] = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
ACCEPTED_TYPES: tuple[str, ...] = HTML_TYPES + TEXT_TYPES + FEED_TYPES
if not HTML_TYPES or not TEXT_TYPES or not FEED_TYPES:  # pragma: no cover - data guard
    raise RuntimeError("empty content-type list")

SCHEMES = ("http", "https")
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8"
)
_IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body. ``url`` is the final URL (after redirects); ``content_type`` the
    media type without parameters, lower-cased ("" when the server sent none);
    ``charset`` the declared charset, if any."""

    url: str
    status: int
    content_type: str
    body: bytes
    charset: str | None = None


class _RefusedAddress(Exception):
    """A connection was about to be made to an address that is not public."""


def refused_kind(address: str) -> str | None:
    """Why ``address`` (an IP address) may not be fetched from — "loopback", "private",
    "link-local", "multicast", "reserved", "unspecified", "non-public" — or None when it is
    a public address. IPv4 addresses inside IPv6 ones (mapped, 6to4, Teredo) are judged as
    the IPv4 address."""
    ip: _IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            inner = refused_kind(str(embedded))
            if inner is not None:
                return inner
    checks = (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("non-public", not ip.is_global),
    )
    return next((kind for kind, hit in checks if hit), None)


def _resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (raises :class:`socket.gaierror`)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _refusal(host: str, addresses: Iterable[str]) -> str | None:
    for address in addresses:
        kind = refused_kind(address)
        if kind is not None:
            if host == address.split("%", 1)[0]:
                return f"refused: {address} is a {kind} address"
            return f"refused: {host} resolves to {kind} address {address}"
    return None


class _Watchdog:
    """Shuts down every connection registered with it once ``seconds`` have passed, so
    that a read blocked on a slow server returns."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.fired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def left(self) -> float:
        """Seconds until the deadline (never less than a millisecond)."""
        return max(self.deadline - time.monotonic(), 0.001)

    def watch(self, stream: httpcore.NetworkStream) -> httpcore.NetworkStream:
        sock = stream.get_extra_info("socket")
        if isinstance(sock, socket.socket):
            with self._lock:
                if self.fired:
                    _shut(sock)
                self._sockets.append(sock)
        return stream

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


class _WatchedBackend(httpcore.SyncBackend):
    """Registers every connection with a :class:`_Watchdog`."""

    def __init__(self, watchdog: _Watchdog) -> None:
        self.watchdog = watchdog

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        stream = super().connect_tcp(host, port, timeout, local_address, socket_options)
        return self.watchdog.watch(stream)


class _CheckedBackend(_WatchedBackend):
    """Connects only to checked public addresses, and to the very address checked."""

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = _resolve(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve host {host}") from exc
        reason = _refusal(host, addresses)
        if reason is not None:
            raise _RefusedAddress(reason)
        error: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(
                    address, port, timeout, local_address, list(socket_options or ())
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error or httpcore.ConnectError(f"no address for host {host}")


def _client(options: FetchOptions, watchdog: _Watchdog) -> httpx.Client:
    transport = httpx.HTTPTransport(retries=0)
    pool = getattr(transport, "_pool", None)
    if isinstance(pool, httpcore.ConnectionPool) and hasattr(pool, "_network_backend"):
        backend = _WatchedBackend if options.allow_private else _CheckedBackend
        pool._network_backend = backend(watchdog)
    else:  # pragma: no cover - an httpx whose internals moved; the pre-check still runs
        LOGGER.warning("cannot watch or pin connections with this httpx")
    return httpx.Client(
        transport=transport,
        timeout=httpx.Timeout(options.timeout),
        follow_redirects=False,
        # Proxies from the environment would be connected to instead of the checked host.
        trust_env=False,
        headers={"User-Agent": options.user_agent, "Accept": _ACCEPT},
    )


def _parse_url(url: str | httpx.URL) -> httpx.URL | str:
    """The URL parsed, or the reason it cannot be fetched."""
    try:
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        return f"invalid URL: {exc}"
    if parsed.scheme not in SCHEMES:
        return f"unsupported URL scheme {parsed.scheme!r} (only http and https)"
    if not parsed.raw_host:
        return "invalid URL: no host"
    return parsed


def _host_refusal(target: httpx.URL, options: FetchOptions) -> str | None:
    """Why ``target``'s host may not be fetched from, or None."""
    host = target.raw_host.decode("ascii")
    try:
        addresses = _resolve(host, target.port or (443 if target.scheme == "https" else 80))
    except OSError:
        return f"unreachable: cannot resolve host {host}"
    return None if options.allow_private else _refusal(host, addresses)


def _unreachable(exc: BaseException) -> str:
    reasons = {
        errno.ECONNREFUSED: "connection refused",
        errno.ENETUNREACH: "network unreachable",
        errno.EHOSTUNREACH: "host unreachable",
        errno.ECONNRESET: "connection reset",
    }
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, OSError) and cause.errno in reasons:
            return "unreachable: " + reasons[cause.errno]
        cause = cause.__cause__ or cause.__context__
    return f"unreachable: {exc}"


def media_type(header: str | None) -> tuple[str, str | None]:
    """The media type of a ``Content-Type`` value, lower-cased, and its charset if any."""
    media, *params = (header or "").split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media.strip().lower(), charset


def fetch(url: str, options: FetchOptions) -> Fetched:
    """GET ``url``: redirects followed by hand (at most ``options.max_redirects``, each one
    checked like the first), the body read up to ``options.max_bytes``, the whole fetch
    within ``options.timeout`` seconds.

    Raises :class:`FetchError` naming ``url`` when the URL is not http(s), its host is not
    public (unless allowed), it cannot be reached, it answers with an HTTP error, a content
    type other than HTML, text, RSS/Atom or XML, or a body larger than the cap.
    """
    parsed = _parse_url(url)
    if isinstance(parsed, str):
        raise FetchError(url, parsed)
    target = parsed
    seen = {str(target)}
    timed_out = f"timed out after {options.timeout:g}s"
    with _Watchdog(options.timeout) as watchdog, _client(options, watchdog) as client:
        for hop in range(options.max_redirects + 1):
            refusal = _host_refusal(target, options)
            if refusal is not None:
                raise FetchError(url, refusal if hop == 0 else f"redirect to {target} {refusal}")
            if watchdog.fired:
                raise FetchError(url, timed_out)
            try:
                result = _request(client, url, target, options, watchdog)
            except httpx.TimeoutException as exc:
                raise FetchError(url, timed_out) from exc
            except httpx.HTTPError as exc:
                if watchdog.fired:  # the watchdog cut the connection
                    raise FetchError(url, timed_out) from exc
                if isinstance(exc, httpx.ConnectError):
                    raise FetchError(url, _unreachable(exc)) from exc
                raise FetchError(url, f"fetch failed: {exc}") from exc
            except _RefusedAddress as exc:
                raise FetchError(url, str(exc)) from exc
            if isinstance(result, Fetched):
                return result
            parsed = _parse_url(result)
            if isinstance(parsed, str):
                raise FetchError(url, f"redirect to {result} refused: {parsed}")
            target = parsed
            if str(target) in seen:
                raise FetchError(url, f"redirect loop at {target}")
            seen.add(str(target))
            LOGGER.debug("%s redirects to %s", url, target)
    raise FetchError(url, f"too many redirects (more than {options.max_redirects})")


def _request(
    client: httpx.Client, url: str, target: httpx.URL, options: FetchOptions, watchdog: _Watchdog
) -> Fetched | httpx.URL:
    """One request: the fetched body, or the URL it redirects to."""
    with client.stream("GET", target, timeout=watchdog.left()) as response:
        status = response.status_code
        if status in REDIRECT_STATUSES:
            location = response.headers.get("location")
            if not location:
                raise FetchError(url, f"HTTP {status} redirect without a Location")
            return target.join(location)
        if status >= 400:
            where = "" if target == httpx.URL(url) else f" at {target}"
            raise FetchError(url, f"HTTP {status} {response.reason_phrase}{where}".rstrip())
        if status >= 300:
            raise FetchError(url, f"HTTP {status} {response.reason_phrase}".rstrip())
        content_type, charset = media_type(response.headers.get("content-type", ""))
        if content_type and content_type not in ACCEPTED_TYPES:
            raise FetchError(url, f"unsupported content type {content_type}")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > options.max_bytes:
            raise FetchError(url, f"too large ({declared} bytes > cap {options.max_bytes})")
        body = bytearray()
        for chunk in response.iter_bytes():  # as it comes: a slow server is noticed
            body += chunk
            if len(body) > options.max_bytes:
                raise FetchError(url, f"too large (more than {options.max_bytes} bytes)")
            if time.monotonic() > watchdog.deadline:
                raise FetchError(url, f"timed out after {options.timeout:g}s")
        return Fetched(
            url=str(response.url),
            status=status,
            content_type=content_type,
            body=bytes(body),
            charset=charset,
        )
