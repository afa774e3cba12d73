"""The exception hierarchy. The native module raises these through one funnel that maps
each core error kind to exactly one class here."""

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
    "TimeoutError",
    "UnauthorizedError",
    "ForbiddenError",
    "NotFoundError",
    "BadRequestError",
    "ServerError",
    "HttpError",
    "DecodeError",
    "CancelledError",
    "WouldDeadlockError",
    "ForkedError",
    "InternalError",
]


class Error(Exception):
    """Base class of every sessionlink error.

    ``message`` is the human-readable text (the server's where it gave one), ``status``
    the HTTP status of the response that caused it (``None`` if there was no response),
    ``problem`` the RFC 7807 ProblemDetails body of a 400 as a dict, if the server sent one,
    and ``kind`` the core's stable name of the error kind. No message ever contains a token
    or password.
    """

    message: str
    status: int | None
    problem: dict[str, typing.Any] | None
    kind: str

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        problem: dict[str, typing.Any] | None = None,
        kind: str = "error",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.problem = problem
        self.kind = kind

    def __str__(self) -> str:
        if self.status is None:
            return self.message
        return f"{self.message} (HTTP {self.status})"

    def __reduce__(self) -> typing.Any:
        # Keyword-only fields are not part of `args`, so the default pickling would lose them.
        return (_rebuild, (type(self), self.message, self.status, self.problem, self.kind))


def _rebuild(cls: type[Error], message: str, status: int | None, problem: dict[str, typing.Any] | None, kind: str) -> Error:
    return cls(message, status=status, problem=problem, kind=kind)


class InvalidArgumentError(Error, ValueError):
    """A value was rejected before any I/O (also a ``ValueError``)."""


class ConnectError(Error):
    """No connection could be made (refused, DNS, TLS handshake)."""


class TimeoutError(Error, builtins.TimeoutError):  # noqa: A001 - the kind's name, as documented
    """The connect or request timeout elapsed (also the built-in ``TimeoutError``)."""


class UnauthorizedError(Error):
    """HTTP 401 (or a G4 login with invalid credentials)."""


class ForbiddenError(Error):
    """HTTP 403 (or a G4 user without access to the tenant)."""


class NotFoundError(Error):
    """HTTP 404, or G4's 204 "no such session"."""


class BadRequestError(Error):
    """HTTP 400; ``problem`` holds the ProblemDetails if the server sent them."""


class ServerError(Error):
    """HTTP 5xx."""


class HttpError(Error):
    """Any other unexpected HTTP status (3xx, 405, 409, ...)."""


class DecodeError(Error):
    """The response body is not the contract's shape."""


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
    "timeout": TimeoutError,
    "unauthorized": UnauthorizedError,
    "forbidden": ForbiddenError,
    "not_found": NotFoundError,
    "bad_request": BadRequestError,
    "server": ServerError,
    "http": HttpError,
    "decode": DecodeError,
    "cancelled": CancelledError,
    "would_deadlock": WouldDeadlockError,
    "forked": ForkedError,
    "internal": InternalError,
}

# Shown as `sessionlink.NotFoundError` in tracebacks, where users catch them.
for _name in __all__:
    globals()[_name].__module__ = "sessionlink"
