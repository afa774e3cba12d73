"""The emulator as another client meets it: jellyfin-apiclient-python (from PyPI, in
requirements-dev.txt), driven through its standard connect flow — connect to the server,
log in by name, reconnect with the stored credentials (which validates the token with
`GET /System/Info`), post its capabilities as comma-delimited strings (as jellyfin-mpv-shim
does), open its WebSocket — then commands sent by sessionlink arrive through its websocket
callback. Synchronised on the client's own callbacks, no sleeps."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import Any

import jellyfin_apiclient_python as apiclient  # requirements-dev.txt: never skipped, a missing install fails
import pytest

import sessionlink
from sessionlink.testing import Emulator

DEVICE_ID = "third-party-shim-1"
PATIENCE = 20.0


def configured() -> Any:
    client = apiclient.JellyfinClient()
    client.config.app("Third Party Shim", "2.0", "Shim Living Room", DEVICE_ID)
    client.config.data["auth.ssl"] = False
    return client


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator() as emu:
        # The third-party client sends what the contract does not declare but the server
        # accepts (comma-delimited lists, lower-case routes): its exchanges are not the SDK's,
        # so they stay out of the log the conformance suite holds to the contract.
        emu.exclude_from_exchange_log()
        yield emu


def test_connect_login_capabilities_and_commands_over_its_websocket(emulator: Emulator) -> None:
    # 1. Connect to the server and log in by name.
    first = configured()
    state = first.auth.connect_to_address(emulator.url)
    assert state["State"] == apiclient.connection_manager.CONNECTION_STATE.ServerSignIn, state
    assert state["Servers"][0]["Id"] == emulator.fixtures["jellyfin"]["server_id"]
    result = first.auth.login(emulator.url, "alice", "wonderland")
    assert result["User"]["Name"] == "alice" and result["AccessToken"]
    server = first.auth.credentials.get_credentials()["Servers"][0]
    assert server["AccessToken"] == result["AccessToken"]

    # 2. What an app does on its next start: authenticate with the stored server, which
    # checks the token with GET /System/Info before it counts as signed in.
    client = configured()
    state = client.authenticate({"Servers": [server]}, discover=False)
    assert state["State"] == apiclient.connection_manager.CONNECTION_STATE.SignedIn, state

    events: queue.Queue[tuple[str, Any]] = queue.Queue()
    connected = threading.Event()

    def callback(kind: str, data: Any) -> None:
        if kind == "WebSocketConnect":
            connected.set()
        events.put((kind, data))

    client.callback = callback
    # 3. Capabilities as comma-delimited strings, as the server's ClientCapabilitiesDto reads them.
    client.jellyfin.post_capabilities(
        {"PlayableMediaTypes": "Audio,Video", "SupportedCommands": "DisplayMessage,SetVolume,Play", "SupportsMediaControl": True}
    )
    # 4. Its WebSocket.
    client.start(websocket=True)
    try:
        assert connected.wait(PATIENCE), "the third-party client's WebSocket did not connect"
        with sessionlink.JellyfinClient(emulator.url, device_id="sessionlink-remote") as remote:
            remote.authenticate_by_name("alice", "wonderland")
            (shim,) = [s for s in remote.get_sessions() if s.device_id == DEVICE_ID]
            assert shim.client == "Third Party Shim" and shim.supports_remote_control
            assert shim.playable_media_types == [sessionlink.MediaType.AUDIO, sessionlink.MediaType.VIDEO]
            assert shim.capabilities is not None
            assert shim.capabilities.supported_commands == [
                sessionlink.GeneralCommandType.DISPLAY_MESSAGE,
                sessionlink.GeneralCommandType.SET_VOLUME,
                sessionlink.GeneralCommandType.PLAY,
            ]
            assert shim.id is not None
            remote.send_general_command(shim.id, sessionlink.GeneralCommandType.SET_VOLUME)
            remote.send_message_command(shim.id, "Dinner is ready", header="Kitchen")
            remote.send_playstate_command(shim.id, sessionlink.PlaystateCommand.PAUSE)
        received: list[tuple[str, Any]] = []
        while len(received) < 3:
            kind, data = events.get(timeout=PATIENCE)
            if kind in ("GeneralCommand", "Playstate"):
                received.append((kind, data))
        (k1, volume), (k2, message), (k3, pause) = received
        assert (k1, volume["Name"]) == ("GeneralCommand", "SetVolume")
        assert (k2, message["Name"]) == ("GeneralCommand", "DisplayMessage")
        assert message["Arguments"] == {"Header": "Kitchen", "Text": "Dinner is ready"}
        assert (k3, pause["Command"]) == ("Playstate", "Pause")
    finally:
        # Closes its socket. Its thread notices up to one ping interval (10 s) later, in
        # websocket-client's select: not waited for here.
        client.stop()
    # Nothing it asked for went unanswered: every request it made succeeded.
    statuses = {(r["method"], r["raw_path"].lower(), r["status"]) for r in emulator.requests()}
    assert not [s for s in statuses if s[2] >= 400], statuses
    assert ("GET", "/system/info", 200) in statuses
