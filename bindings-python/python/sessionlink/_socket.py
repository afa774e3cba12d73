"""The types of what a session socket yields: ``SocketMessage`` (any message from the server)
and ``SocketEvent`` (a message or a connection event).

Both are unions of the classes, so ``isinstance(event, sessionlink.SocketMessage)`` works, a
type checker narrows ``match``/``isinstance`` on them, and ``socket.next(SocketMessage)``
skips the connection events."""

from __future__ import annotations

from typing import TypeAlias

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

# `X | Y` (a `types.UnionType`): a value at run time too, which `isinstance` takes and a type
# checker narrows on.
SocketMessage: TypeAlias = (
    PlayMessage
    | PlaystateMessage
    | GeneralCommandMessage
    | SessionsMessage
    | UserDataChangedMessage
    | ForceKeepAliveMessage
    | KeepAliveMessage
    | RestartRequiredMessage
    | ServerRestartingMessage
    | ServerShuttingDownMessage
    | UnknownMessage
)
"""Any message from the server: the typed kinds and ``UnknownMessage``."""

SocketEvent: TypeAlias = SocketConnected | SocketDisconnected | SocketMessage
"""What a socket yields: a message, or ``SocketConnected`` / ``SocketDisconnected``."""
