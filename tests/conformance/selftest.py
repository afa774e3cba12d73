"""The checks can fail: hand-made exchanges with one defect each must be rejected, and the
same exchange without the defect must pass. A validator that accepts everything would make
the whole conformance suite meaningless."""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import auth_header  # noqa: E402
import contracts  # noqa: E402
from exchanges import Checker, Exchange  # noqa: E402
from websocket import SocketChecker  # noqa: E402

AUTH = 'MediaBrowser Client="sessionlink", Device="Living%20Room", DeviceId="dev-1", Version="0.1.0", Token="0123456789abcdef0123456789abcdef"'
GUID = "0123456789abcdef0123456789abcdef"
SESSION = {"PlayableMediaTypes": [], "UserId": GUID, "LastActivityDate": "2025-11-23T14:50:07.5126102Z",
           "LastPlaybackCheckIn": "0001-01-01T00:00:00.0000000Z", "IsActive": True, "SupportsMediaControl": False,
           "SupportsRemoteControl": False, "HasCustomDeviceName": False, "SupportedCommands": []}


PROBLEM = {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "One or more validation errors occurred.",
           "status": 400, "errors": {"playCommand": ["The value 'PlayLater' is not valid."]}}


def jf(method: str, path: str, query: str | None = None, body: str = "", status: int = 204, ctype: str | None = None,
       resp: str = "", resp_ctype: str | None = None, auth: str = AUTH) -> Exchange:
    headers = [["accept", "application/json"], ["authorization", auth]] + ([["content-type", ctype]] if ctype else [])
    return {"api": "Jellyfin", "method": method, "raw_path": path, "raw_query": query, "headers": headers, "body": body,
            "status": status, "response_headers": [["content-type", resp_ctype]] if resp_ctype else [],
            "response_body": resp}


def g4(method: str, path: str, body: str = "", status: int = 200, resp: str = "",
       headers: list[list[str]] | None = None) -> Exchange:
    hs = headers if headers is not None else [["accept", "application/json"], ["x-g4-tenant", "acme"], ["authorization", "bearer t"]]
    if body:
        hs = hs + [["content-type", "application/json"]]
    return {"api": "G4", "method": method, "raw_path": "/g4" + path, "raw_query": None, "headers": hs, "body": body,
            "status": status, "response_headers": [["content-type", "application/json"]] if resp else [], "response_body": resp}


GOOD = {
    "play": jf("POST", "/Sessions/abc/Playing", f"playCommand=PlayNow&itemIds={GUID},{GUID}&startIndex=0"),
    "sessions": jf("GET", "/Sessions", "activeWithinSeconds=5", status=200, resp=json.dumps([SESSION]), resp_ctype="application/json; charset=utf-8"),
    "message": jf("POST", "/jellyfin/Sessions/abc/Message", body=json.dumps({"Text": "hi", "TimeoutMs": 5}), ctype="application/json"),
    "g4_get": g4("GET", "/session/a%20b", resp=json.dumps({"bearer": "b", "userId": 1, "data": None})),
    "g4_post": g4("POST", "/session", body=json.dumps({"username": "u", "password": "p"}),
                  resp=json.dumps({"validCredentials": True, "accessAllowed": True, "version": "1"})),
    # Requests a test sends outside the contract on purpose, refused as the server refuses them.
    "refused enum": jf("POST", "/Sessions/abc/Playing", f"playCommand=PlayLater&itemIds={GUID}", status=400,
                       resp=json.dumps(PROBLEM), resp_ctype="application/problem+json; charset=utf-8"),
    "refused G4 call without credentials": g4("GET", "/session/abc", status=401,
                                              headers=[["accept", "application/json"], ["x-g4-tenant", "acme"]]),
    "refused route": jf("PUT", "/Sessions/abc/Playing", status=404),
}

BAD: dict[str, tuple[str, Callable[[Exchange], Any]]] = {
    "unknown enum in query": ("play", lambda e: e.update(raw_query=f"playCommand=PlayLater&itemIds={GUID}")),
    "non-GUID in a GUID array": ("play", lambda e: e.update(raw_query="playCommand=PlayNow&itemIds=abc")),
    "missing required query parameter": ("play", lambda e: e.update(raw_query=f"itemIds={GUID}")),
    "undeclared query parameter": ("play", lambda e: e.update(raw_query=f"playCommand=PlayNow&itemIds={GUID}&bogus=1")),
    "integer parameter not an integer": ("sessions", lambda e: e.update(raw_query="activeWithinSeconds=soon")),
    "wrong path": ("play", lambda e: e.update(raw_path="/Sessions/abc/Users/x")),
    "wrong method": ("play", lambda e: e.update(method="PUT")),
    "unknown property in a response": ("sessions", lambda e: e.update(response_body=json.dumps([{**SESSION, "Surprise": 1}]))),
    "wrong type in a response": ("sessions", lambda e: e.update(response_body=json.dumps([{**SESSION, "IsActive": "yes"}]))),
    "undocumented status": ("sessions", lambda e: e.update(status=404)),
    "a body on a 204": ("play", lambda e: e.update(response_body="oops")),
    "body missing its required field": ("message", lambda e: e.update(body=json.dumps({"Header": "h"}))),
    "body with an unknown field": ("message", lambda e: e.update(body=json.dumps({"Text": "t", "Extra": 1}))),
    "body with a foreign content type": ("message", lambda e: e["headers"].__setitem__(2, ["content-type", "text/plain"])),
    "no Authorization": ("play", lambda e: e["headers"].__setitem__(1, ["x-other", "1"])),
    "raw + in the Authorization header": ("play", lambda e: e["headers"].__setitem__(1, ["authorization", AUTH.replace("0.1.0", "1.0+beta")])),
    "unquoted Authorization value": ("play", lambda e: e["headers"].__setitem__(1, ["authorization", AUTH.replace('"dev-1"', "dev-1")])),
    "lower-case Authorization key": ("play", lambda e: e["headers"].__setitem__(1, ["authorization", AUTH.replace("DeviceId=", "deviceid=")])),
    "camelCase Accept profile": ("play", lambda e: e["headers"].__setitem__(0, ["accept", 'application/json; profile="CamelCase"'])),
    "G4 without tenant": ("g4_get", lambda e: e.update(headers=[h for h in e["headers"] if h[0] != "x-g4-tenant"])),
    "G4 response missing a required field": ("g4_get", lambda e: e.update(response_body=json.dumps({"bearer": "b", "data": 1}))),
    "G4 login body missing password": ("g4_post", lambda e: e.update(body=json.dumps({"username": "u"}))),
    "G4 id with a raw slash": ("g4_get", lambda e: e.update(raw_path="/g4/session/a/b")),
    "forbidden enum refused with the wrong status": ("refused enum", lambda e: e.update(
        status=404, response_headers=[["content-type", "text/plain"]], response_body="Error processing request.")),
    "Authorization defect in a refused request": ("refused enum", lambda e: e["headers"].__setitem__(
        1, ["authorization", AUTH.replace("0.1.0", "1.0+beta")])),
    "G4 call without credentials answered": ("refused G4 call without credentials", lambda e: e.update(
        status=200, response_headers=[["content-type", "application/json"]],
        response_body=json.dumps({"bearer": "b", "userId": 1, "data": None}))),
    "unknown route answered": ("refused route", lambda e: e.update(status=204)),
}


# WebSocket messages: (direction as the emulator records it, the frame).
WS_GOOD: dict[str, tuple[str, Any]] = {
    "ForceKeepAlive": ("sent", {"MessageType": "ForceKeepAlive", "MessageId": GUID, "Data": 60}),
    "KeepAlive echo": ("sent", {"MessageType": "KeepAlive", "MessageId": GUID}),
    "Playstate": ("sent", {"MessageType": "Playstate", "MessageId": GUID,
                           "Data": {"Command": "Seek", "SeekPositionTicks": 5, "ControllingUserId": GUID}}),
    "GeneralCommand": ("sent", {"MessageType": "GeneralCommand", "MessageId": GUID,
                                "Data": {"Name": "SetVolume", "ControllingUserId": GUID, "Arguments": {"Volume": "5"}}}),
    "Sessions": ("sent", {"MessageType": "Sessions", "MessageId": GUID, "Data": [SESSION]}),
    "ServerRestarting": ("sent", {"MessageType": "ServerRestarting", "MessageId": GUID}),
    "client KeepAlive": ("received", {"MessageType": "KeepAlive"}),
    "client SessionsStart": ("received", {"MessageType": "SessionsStart", "Data": "0,1000"}),
    "client SessionsStop": ("received", {"MessageType": "SessionsStop"}),
}
WS_BAD: dict[str, tuple[str, Any]] = {
    "a kind outside the mapping": ("sent", {"MessageType": "SomethingNew", "MessageId": GUID}),
    "an inbound kind sent by the server": ("sent", {"MessageType": "SessionsStart", "Data": "0,1000"}),
    "an outbound kind sent by the client": ("received", {"MessageType": "Sessions", "Data": []}),
    "ForceKeepAlive Data as a string": ("sent", {"MessageType": "ForceKeepAlive", "MessageId": GUID, "Data": "60"}),
    "MessageId not a GUID": ("sent", {"MessageType": "KeepAlive", "MessageId": "1"}),
    "an unknown envelope property": ("sent", {"MessageType": "KeepAlive", "MessageId": GUID, "Extra": 1}),
    "a Playstate command outside the enum": ("sent", {"MessageType": "Playstate", "Data": {"Command": "Jump"}}),
    "a session with a wrong type": ("sent", {"MessageType": "Sessions", "Data": [{**SESSION, "IsActive": "yes"}]}),
    "a client KeepAlive with Data": ("received", {"MessageType": "KeepAlive", "Data": "x"}),
    "a client message with a MessageId": ("received", {"MessageType": "SessionsStop", "MessageId": GUID}),
    "SessionsStart Data not a string": ("received", {"MessageType": "SessionsStart", "Data": [0, 1000]}),
    "lower-case envelope keys": ("received", {"messageType": "KeepAlive"}),
    "not JSON": ("received", "KeepAlive"),
}
UPGRADE = {"raw_path": "/socket", "raw_query": None, "headers": [["authorization", AUTH]], "status": 101, "socket": 1,
           "at": 0.0, "connection": 1}
UPGRADE_BAD: dict[str, dict[str, Any]] = {
    "raw + in the upgrade's Authorization": {**UPGRADE, "headers": [["authorization", AUTH.replace("0.1.0", "1.0+beta")]]},
    "an upgrade accepted without credentials": {**UPGRADE, "headers": []},
    "an upgrade answered 200": {**UPGRADE, "status": 200},
}


def socket_findings(direction: str, frame: Any, injected: bool = False) -> list[str]:
    checker = SocketChecker(CONTRACTS["Jellyfin"])
    text = frame if isinstance(frame, str) else json.dumps(frame)
    checker.check_log("selftest", {"messages": [{"direction": direction, "text": text, "injected": injected,
                                                  "message_type": None}]})
    return checker.findings


def upgrade_findings(upgrade: dict[str, Any]) -> list[str]:
    checker = SocketChecker(CONTRACTS["Jellyfin"])
    checker.check_log("selftest", {"upgrades": [upgrade]})
    return checker.findings


def socket_selftest() -> list[str]:
    failed = []
    for name, (direction, frame) in WS_GOOD.items():
        if found := socket_findings(direction, frame):
            failed.append(f"good WebSocket message {name!r} was rejected: {found}")
    for name, (direction, frame) in WS_BAD.items():
        if not socket_findings(direction, frame):
            failed.append(f"WebSocket defect {name!r} was not detected")
        if socket_findings(direction, frame, injected=True):
            failed.append(f"WebSocket defect {name!r} injected by a test was not left out")
    if found := upgrade_findings(UPGRADE):
        failed.append(f"a good upgrade was rejected: {found}")
    if found := upgrade_findings({**UPGRADE, "headers": [], "raw_query": f"ApiKey={GUID}"}):
        failed.append(f"an upgrade with ?ApiKey= was rejected: {found}")
    for name, upgrade in UPGRADE_BAD.items():
        if not upgrade_findings(upgrade):
            failed.append(f"upgrade defect {name!r} was not detected")
    return failed


def findings(exchange: Exchange) -> list[str]:
    checker = Checker(CONTRACTS)
    checker.check_log("selftest", [exchange])
    return checker.findings


def main() -> int:
    failed = []
    for name, exchange in GOOD.items():
        if found := findings(exchange):
            failed.append(f"good exchange {name!r} was rejected: {found}")
    for name, (base, mutate) in BAD.items():
        exchange = copy.deepcopy(GOOD[base])
        mutate(exchange)
        if not findings(exchange):
            failed.append(f"defect {name!r} was not detected")
    # The grammar checker reads the header as the server does.
    parsed = auth_header.server_parse('MediaBrowser Client="a%2Bb+c", Device="x,y", Token="t"')
    scheme, params = parsed if parsed is not None else ("", {})
    if (scheme, params.get("Client"), params.get("Device")) != ("MediaBrowser", "a+b c", "x,y"):
        failed.append(f"server_parse misreads the header: {parsed}")
    failed += socket_selftest()
    for f in failed:
        print(f"selftest: {f}")
    print(f"selftest: {len(GOOD)} good exchanges accepted, {len(BAD)} defects detected; {len(WS_GOOD)} good WebSocket "
          f"messages accepted, {len(WS_BAD) + len(UPGRADE_BAD)} WebSocket defects detected" if not failed else
          f"selftest: {len(failed)} failure(s)")
    return 1 if failed else 0


CONTRACTS = {"Jellyfin": contracts.load_jellyfin(), "G4": contracts.load_g4()}

if __name__ == "__main__":
    sys.exit(main())
