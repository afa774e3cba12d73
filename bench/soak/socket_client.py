"""The Python side of bench/soak/socket-soak.sh: a controllable session (the blocking client)
that keeps its socket open and prints one JSON line per event: connected, disconnected, every
DisplayMessage command's text, the end of the socket. When the socket ends (a revoked token) it
opens it again a second later, as an application waiting for working credentials would.

    python bench/soak/socket_client.py URL DEVICE_ID   (the token in $SOAK_TOKEN)
"""

from __future__ import annotations

import json
import os
import sys
import time

import sessionlink
from sessionlink import GeneralCommandType, MediaType


def out(**fields: object) -> None:
    print(json.dumps(fields), flush=True)


def main() -> None:
    url, device_id = sys.argv[1], sys.argv[2]
    client = sessionlink.JellyfinClient(url, device_name=device_id, device_id=device_id, token=os.environ["SOAK_TOKEN"])
    while True:
        error = "closed"
        try:
            with client.become_controllable([MediaType.AUDIO], [GeneralCommandType.DISPLAY_MESSAGE]) as socket:
                for event in socket:
                    if isinstance(event, sessionlink.SocketConnected):
                        out(e="connected", re=event.reconnected)
                    elif isinstance(event, sessionlink.SocketDisconnected):
                        out(e="disconnected", reason=event.reason)
                    elif isinstance(event, sessionlink.GeneralCommandMessage):
                        text = (event.data.arguments or {}).get("Text")
                        out(**({"e": "command", "text": text} if text is not None else {"e": "not_a_command"}))
        except sessionlink.Error as e:
            error = type(e).__name__
        out(e="ended", error=error)
        time.sleep(1)


if __name__ == "__main__":
    main()
