"""The types of what a session socket yields: ``SocketMessage`` (any message from the server)
and ``SocketEvent`` (a message or a connection event).

Both are unions of the classes, so ``isinstance(event, sessionlink.SocketMessage)`` works, a
type checker narrows ``match``/``isinstance`` on them, and ``socket.next(SocketMessage)``
skips the connection events."""

from __future__ import annotations

from typing import Union

from sessionlink._native import (
    ForceKeepAliveMessage,
    GeneralCommandMessage,
    KeepAliveMessage,
    PlayMessage,
    PlaystateMessage,
    RestartRequiredMessage,
    ServerRestartingMessage,
    ServerShuttingDownMessage,
    SessionsMessage,
    SocketConnected,
    SocketDisconnected,
    UnknownMessage,
    UserDataChangedMessage,
)

__all__ = ["SocketEvent", "SocketMessage"]

# `Union[...]` rather than `X | Y`: the value is used at run time (isinstance, next(...)), and
# both spell the same union there.
SocketMessage = Union[
    PlayMessage,
    PlaystateMessage,
    GeneralCommandMessage,
    SessionsMessage,
    UserDataChangedMessage,
    ForceKeepAliveMessage,
    KeepAliveMessage,
    RestartRequiredMessage,
    ServerRestartingMessage,
    ServerShuttingDownMessage,
    UnknownMessage,
]
"""Any message from the server: the typed kinds and ``UnknownMessage``."""

SocketEvent = Union[SocketConnected, SocketDisconnected, SocketMessage]
"""What a socket yields: a message, or ``SocketConnected`` / ``SocketDisconnected``."""
