"""sessionlink: clients for the Jellyfin Session API and the G4 Sessions API.

>>> import sessionlink
>>> with sessionlink.JellyfinClient("http://127.0.0.1:8096", device_id="my-pc") as jf:  # doctest: +SKIP
...     jf.authenticate_by_name("alice", "wonderland")
...     jf.send_playstate_command(jf.get_sessions()[0].id, sessionlink.PlaystateCommand.PAUSE)

Every operation exists on a blocking client (``JellyfinClient``, ``G4Client``; the GIL is
released and Ctrl-C cancels the request) and an asyncio client (``AsyncJellyfinClient``,
``AsyncG4Client``). Errors are subclasses of ``sessionlink.Error``; ``request_sent`` on each
says whether the request may have been applied. Model attributes are Python values (aware
``datetime``s, ``timedelta``s beside ticks, enum members, ``None`` for what the server did not
send). Log records go to the ``sessionlink`` logger of the standard ``logging`` module.

A client becomes a remote-controllable session with ``become_controllable`` (or opens the
session socket with ``open_socket``, to watch sessions live): the socket is iterated
(``for event in socket`` / ``async for``) and yields typed messages (``PlaystateMessage``,
``GeneralCommandMessage``, ``SessionsMessage``, ...) and connection events.

``discover_servers()`` (and ``discover_servers_async()``) find servers on the local network by
UDP discovery, or ask given addresses.

The package also installs the ``sessionlink`` command (``sessionlink --help``), and
``sessionlink.testing.Emulator`` runs both APIs in-process for tests.
"""

from __future__ import annotations

from sessionlink import _native
from sessionlink._errors import (
    BY_KIND,
    BadRequestError,
    CancelledError,
    ConnectError,
    ProxyError,
    ConnectionLostError,
    DecodeError,
    Error,
    ForbiddenError,
    ForkedError,
    HttpError,
    InternalError,
    InvalidArgumentError,
    NotFoundError,
    ResponseTooLargeError,
    ServerError,
    TimeoutError,
    UnauthorizedError,
    WouldDeadlockError,
)
from sessionlink._native import (
    AsyncG4Client,
    AsyncJellyfinClient,
    AsyncQuickConnect,
    AsyncSocket,
    AsyncSocketEvents,
    AuthenticatedSessionResponse,
    AuthenticationResult,
    BaseItemDto,
    ClientCapabilitiesDto,
    DiscoveredServer,
    ForceKeepAliveMessage,
    G4Client,
    GeneralCommand,
    GeneralCommandMessage,
    GetSessionResponse,
    JellyfinClient,
    KeepAliveMessage,
    NameIdPair,
    PlaybackProgressInfo,
    PlaybackStartInfo,
    PlaybackStopInfo,
    PlayerStateInfo,
    PlayMessage,
    PlayRequest,
    PlaystateMessage,
    PlaystateRequest,
    PublicSystemInfo,
    QueueItem,
    QuickConnect,
    QuickConnectResult,
    RestartRequiredMessage,
    ServerRestartingMessage,
    ServerDiscoveryInfo,
    ServerShuttingDownMessage,
    SessionChanges,
    SessionInfoDto,
    SessionsMessage,
    SessionUserInfo,
    Socket,
    SocketConnected,
    SocketDisconnected,
    SocketEvents,
    SystemInfo,
    TranscodingInfo,
    UnknownMessage,
    UserDataChangedMessage,
    UserDataChangeInfo,
    UserDto,
    UserItemDataDto,
    UserPolicy,
    __version__,
    discover_servers,
    discover_servers_async,
)
from sessionlink._session_list import SessionList
from sessionlink._socket import SocketEvent, SocketMessage
from sessionlink import enums as _enums
from sessionlink.enums import (
    BaseItemKind,
    GeneralCommandType,
    HardwareAccelerationType,
    MediaType,
    PlaybackOrder,
    PlayCommand,
    PlayMethod,
    PlaystateCommand,
    RepeatMode,
)

# The native module does not import the package; the package hands it what it raises and returns.
_native._init(
    error=Error,
    errors=BY_KIND,
    session_list=SessionList,
    enum_members={name: {m.value: m for m in getattr(_enums, name)} for name in _enums.__all__},
)

__all__ = [
    "__version__",
    # clients
    "JellyfinClient",
    "AsyncJellyfinClient",
    "G4Client",
    "AsyncG4Client",
    # models
    "SessionList",
    "SessionInfoDto",
    "PlayerStateInfo",
    "SessionUserInfo",
    "QueueItem",
    "TranscodingInfo",
    "BaseItemDto",
    "ClientCapabilitiesDto",
    "NameIdPair",
    "AuthenticationResult",
    "UserDto",
    "UserPolicy",
    "AuthenticatedSessionResponse",
    "GetSessionResponse",
    "PlaybackStartInfo",
    "PlaybackProgressInfo",
    "PlaybackStopInfo",
    "PublicSystemInfo",
    # finding servers (UDP discovery)
    "discover_servers",
    "discover_servers_async",
    "DiscoveredServer",
    "ServerDiscoveryInfo",
    # watching sessions: successive lists as changes
    "SessionChanges",
    "SystemInfo",
    "QuickConnectResult",
    # Quick Connect (JellyfinClient.start_quick_connect)
    "QuickConnect",
    "AsyncQuickConnect",
    # the session socket (JellyfinClient.open_socket, become_controllable)
    "Socket",
    "AsyncSocket",
    "SocketEvents",
    "AsyncSocketEvents",
    "SocketEvent",
    "SocketMessage",
    "SocketConnected",
    "SocketDisconnected",
    "PlayMessage",
    "PlaystateMessage",
    "GeneralCommandMessage",
    "SessionsMessage",
    "UserDataChangedMessage",
    "ForceKeepAliveMessage",
    "KeepAliveMessage",
    "RestartRequiredMessage",
    "ServerRestartingMessage",
    "ServerShuttingDownMessage",
    "UnknownMessage",
    "PlayRequest",
    "PlaystateRequest",
    "GeneralCommand",
    "UserDataChangeInfo",
    "UserItemDataDto",
    # enums (written by gen_stubs.py)
    "GeneralCommandType",
    "PlaystateCommand",
    "PlayCommand",
    "BaseItemKind",
    "MediaType",
    "PlayMethod",
    "RepeatMode",
    "PlaybackOrder",
    "HardwareAccelerationType",
    # errors
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
