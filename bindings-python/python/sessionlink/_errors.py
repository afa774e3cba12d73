"""The exception hierarchy. The native module raises these through one funnel that maps
each core error kind to exactly one class here.

Whether a failed call may have been applied by the server is ``request_sent``: ``False``
means nothing reached it, so retrying cannot apply the request twice. ``ConnectError`` and
``InvalidArgumentError`` never sent anything; ``ConnectionLostError`` and every HTTP status
error did (the request **may have been applied**); ``TimeoutError`` either way.
"""

from __future__ import annotations

import builtins

# `typing` costs more to import than this whole package; annotations are strings here.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import typing

__all__ = [
    "Error",
    "InvalidArgumentError",
    "ConnectError",
    "ProxyError",
    "ConnectionLostError",
    "TimeoutError",
    "UnauthorizedError",
    "ForbiddenError",
    "NotFoundError",
    "BadRequestError",
    "ServerError",
    "HttpError",
    "DecodeError",
    "ResponseTooLargeError",
    "CancelledError",
    "WouldDeadlockError",
    "ForkedError",
    "InternalError",
]


class Error(Exception):
    """Base class of every sessionlink error.

    The attributes say what happened; none of them (nor ``str()``, ``repr()`` or a pickle of
    the error) ever contains the client's token, password, API key, G4 bearer or G4 session
    id, even when a server echoes them back: sessionlink replaces them by ``***``.

    - ``message``: the human-readable text: the operation, what went wrong, the underlying
      cause (``connection reset by peer``...) and the server's own reason where it gave one
      (cut to a few hundred characters).
    - ``kind``: core's stable name of the error kind (``"not_found"``, ``"connection_lost"``...).
    - ``status``: the HTTP status of the response that caused it, ``None`` without one.
    - ``request_sent``: whether the request may have reached the server, and so may have been
      applied. ``False`` means nothing was sent: retrying cannot apply it twice.
    - ``retry_after``: how long the server asked to wait before retrying (``Retry-After`` of a
      503 or 429), in seconds as a ``float`` (what ``time.sleep`` and ``asyncio.sleep``
      take), ``None`` if it did not say.
    - ``location``: where a 3xx response pointed (``Location``, without credentials);
      sessionlink never follows redirects, as that would send credentials elsewhere.
    - ``body``: the error response's body parsed as JSON (a dict or list), ``None`` if it was
      not JSON.
    - ``problem``: the RFC 7807 ProblemDetails of a 400 (the ``body`` of a 400), else ``None``.
    """

    message: str
    """The human-readable text, with the cause and the server's reason where there is one."""
    kind: str
    """Core's stable name of the error kind, such as ``"not_found"``."""
    status: int | None
    """The HTTP status of the response that caused the error; ``None`` without a response."""
    request_sent: bool
    """Whether the request may have reached the server (and so may have been applied)."""
    retry_after: float | None
    """Seconds the server asked to wait before retrying (``Retry-After``), if it said."""
    location: str | None
    """Where a 3xx response pointed (``Location``, without credentials); never followed."""
    body: typing.Any
    """The error response's body parsed as JSON; ``None`` if it was not JSON."""
    problem: dict[str, typing.Any] | None
    """The RFC 7807 ProblemDetails of a 400, as a dict; ``None`` otherwise."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        problem: dict[str, typing.Any] | None = None,
        kind: str = "error",
        request_sent: bool = False,
        retry_after: float | None = None,
        location: str | None = None,
        body: typing.Any = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.problem = problem
        self.kind = kind
        self.request_sent = request_sent
        self.retry_after = retry_after
        self.location = location
        self.body = body

    def __str__(self) -> str:
        if self.status is None:
            return self.message
        return f"{self.message} (HTTP {self.status})"

    def __reduce__(self) -> typing.Any:
        # Keyword-only fields are not part of `args`, so the default pickling would lose them.
        fields = {
            "status": self.status,
            "problem": self.problem,
            "kind": self.kind,
            "request_sent": self.request_sent,
            "retry_after": self.retry_after,
            "location": self.location,
            "body": self.body,
        }
        return (_rebuild, (type(self), self.message, fields))


def _rebuild(cls: type[Error], message: str, fields: dict[str, typing.Any]) -> Error:
    return cls(message, **fields)


class InvalidArgumentError(Error, ValueError):
    """A value was rejected before any I/O (also a ``ValueError``); nothing was sent."""


class ConnectError(Error):
    """No connection could be made, or it closed before the request was sent (refused, DNS,
    TLS handshake). Nothing reached the server: retrying is always safe."""


class ProxyError(ConnectError):
    """The proxy could not be reached, or refused to carry the request: ``status`` 407 means
    its credentials are missing or wrong, 403 that it does not allow the destination. A
    ``ConnectError``: nothing reached the server, retrying is safe. The proxy's credentials
    never appear in the message."""


class ConnectionLostError(Error):
    """The connection failed after the request was sent and before a complete, valid response
    arrived (reset, closed, truncated or malformed).

    The server **may have applied the request** (``request_sent`` is ``True``): retry only
    what is safe to apply twice. ``message`` names the cause. sessionlink itself retries
    once, on a new connection, a request that failed on a reused connection before any
    response byte arrived when that cannot apply it twice: any request that was never
    written, and GET, PUT and DELETE.
    """


class TimeoutError(Error, builtins.TimeoutError):  # noqa: A001 - the kind's name, as documented
    """The connect or request timeout elapsed (also the built-in ``TimeoutError``).
    ``request_sent`` says whether the request may have been applied."""


class UnauthorizedError(Error):
    """HTTP 401 (or a G4 login with invalid credentials)."""


class ForbiddenError(Error):
    """HTTP 403 (or a G4 user without access to the tenant)."""


class NotFoundError(Error):
    """HTTP 404, or G4's 204 "no such session" (or no session of that name)."""


class BadRequestError(Error):
    """HTTP 400; ``problem`` holds the ProblemDetails if the server sent them."""


class ServerError(Error):
    """HTTP 5xx; ``retry_after`` holds a 503's ``Retry-After``. With the client's
    ``retry_unavailable``, a 503 is retried that many times before it is raised."""


class HttpError(Error):
    """Any other unexpected HTTP status (3xx with ``location``, 405, 409, 429...)."""


class DecodeError(Error):
    """The response body is not the contract's shape."""


class ResponseTooLargeError(DecodeError):
    """The response body is larger than the client's ``max_response_bytes``; the rest of it
    was not read. A subclass of ``DecodeError`` (the body cannot be decoded); the message
    names the limit and how to raise it."""


class CancelledError(Error):
    """The request was cancelled."""


class WouldDeadlockError(Error):
    """A blocking call was made on a thread of sessionlink's own runtime."""


class ForkedError(Error):
    """A client created before ``os.fork()`` was used in the child; create a new one."""


class InternalError(Error):
    """A bug in sessionlink (for example a caught panic)."""


# The class of each core error kind (`ErrorKind::as_str` in Rust), handed to the native
# module's error funnel by `sessionlink/__init__.py`. A kind missing here is raised as `Error`.
BY_KIND: dict[str, type[Error]] = {
    "invalid_argument": InvalidArgumentError,
    "connect": ConnectError,
    "proxy": ProxyError,
    "connection_lost": ConnectionLostError,
    "timeout": TimeoutError,
    "unauthorized": UnauthorizedError,
    "forbidden": ForbiddenError,
    "not_found": NotFoundError,
    "bad_request": BadRequestError,
    "server": ServerError,
    "http": HttpError,
    "decode": DecodeError,
    "response_too_large": ResponseTooLargeError,
    "cancelled": CancelledError,
    "would_deadlock": WouldDeadlockError,
    "forked": ForkedError,
    "internal": InternalError,
}

# Shown as `sessionlink.NotFoundError` in tracebacks, where users catch them.
for _name in __all__:
    globals()[_name].__module__ = "sessionlink"
