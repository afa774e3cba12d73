"""The reproducers of issue 9 ("hostile servers and hostile inputs"), one test per item, each
in the blocking and the asyncio client: every one now ends in a typed error (or a safe
success), never a crash. Items 1, 2, 4, 5 and 7 are Python's; item 3 (the stale connection)
is core's retry, seen from Python too; item 6 is the C library's (valgrind).
"""

from __future__ import annotations

import functools
import json
import pickle
import resource
import time
from typing import Any

import pytest

import sessionlink
from sessionlink.testing import Emulator

from conftest import Blocking

GUID = "0123456789abcdef0123456789abcdef"


def clients(mode: str, loop: Any) -> Any:
    """make(cls_name, *args, **kwargs) -> a blocking client or an async one run to completion."""

    def make(name: str, *args: Any, **kwargs: Any) -> Any:
        if mode == "sync":
            return getattr(sessionlink, name)(*args, **kwargs)
        return Blocking(getattr(sessionlink, "Async" + name)(*args, **kwargs), loop)

    return make


def test_item1_deep_or_self_referencing_json_is_invalid_argument(mode: str, loop: Any) -> None:
    """Was: SIGSEGV. Deeply nested or self-referencing values given as JSON, at every entry
    point that turns a Python object into JSON, are refused before any I/O."""
    make = clients(mode, loop)
    deep = functools.reduce(lambda a, _: [a], range(100_000), [])
    cyclic: list[Any] = []
    cyclic.append(cyclic)
    cyclic_dict: dict[str, Any] = {}
    cyclic_dict["self"] = cyclic_dict
    # Port 9 (discard) is closed: a request that got through would be a ConnectError.
    g4 = make("G4Client", "http://127.0.0.1:9", "t", bearer="b")
    jf = make("JellyfinClient", "http://127.0.0.1:9", device_id="item1")
    calls = {
        "update_session(data)": lambda v: g4.update_session("s", v),
        "create_session(data)": lambda v: g4.create_session("u", "p", data=v),
        "create_session(detail)": lambda v: g4.create_session("u", "p", detail={"x": v}),
        "post_full_capabilities(device_profile)": lambda v: jf.post_full_capabilities(device_profile=v),
        "from_dict": lambda v: sessionlink.SessionInfoDto.from_dict({"Extra": v}),
        "model keyword": lambda v: sessionlink.UserDto(configuration=v),
    }
    for name, call in calls.items():
        for value, needle in [(deep, "nested too deeply"), (cyclic, "contains itself"), (cyclic_dict, "contains itself")]:
            with pytest.raises(sessionlink.InvalidArgumentError, match=needle):
                call(value)
            # (a crash would have ended the test process here)
        assert name


def test_item2_an_unbounded_response_is_refused_unread(make_jf: Any, emu: Emulator, fx: dict[str, Any]) -> None:
    """Was: a 1 GiB body read whole (+2 GB RSS). Now the default limit (32 MiB) refuses it
    from its Content-Length, or after 32 MiB of a chunked body, without reading the rest."""
    client = make_jf(token=fx["jellyfin"]["api_key"])
    for chunked in (False, True):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.monotonic()
        emu.inject_oversized_body(1 << 30, chunked=chunked)
        with pytest.raises(sessionlink.ResponseTooLargeError) as info:
            client.get_sessions()
        grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024
        assert "33554432 bytes" in str(info.value) and "max_response_bytes" in str(info.value)
        assert time.monotonic() - started < 10
        assert grown_mib < 200, f"+{grown_mib:.0f} MiB for a 1 GiB body"
    assert client.get_sessions()


def test_item3_a_stale_pooled_connection_is_retried_for_a_get(make_jf: Any, emu: Emulator, fx: dict[str, Any]) -> None:
    """Was: ConnectError for a GET the server never processed (nginx closes idle keep-alive
    connections). Now retried once on a new connection; and pooled connections expire after
    30 s, below nginx's 75 s."""
    client = make_jf(token=fx["jellyfin"]["api_key"])
    client.get_sessions()
    emu.inject_stale_connection()
    client.get_sessions()
    before = emu.request_count
    assert client.get_sessions()
    assert [r["fault"] for r in emu.requests()[before:]] == ["stale_connection", None]


def test_item4_error_kinds_say_what_happened(make_jf: Any, emu: Emulator, fx: dict[str, Any], mode: str, loop: Any) -> None:
    """Was: ConnectError after the request was sent; the cause dropped ("client error
    (SendRequest)"); an over-long URL sent; no Retry-After; no Location; no server reason for
    non-400 statuses."""
    client = make_jf(token=fx["jellyfin"]["api_key"])
    tv = fx["jellyfin"]["living_room_session_id"]
    # Sent, then lost: ConnectionLostError (may have been applied), with its cause.
    emu.inject_reset_mid_body()
    with pytest.raises(sessionlink.ConnectionLostError) as lost:
        client.send_playstate_command(tv, "Pause")
    assert lost.value.request_sent and "Connection reset by peer" in str(lost.value)
    assert not isinstance(lost.value, sessionlink.ConnectError)
    emu.inject_truncated_body()
    with pytest.raises(sessionlink.ConnectionLostError, match="end of file before message length reached"):
        client.get_sessions()
    # Nothing sent: ConnectError.
    refused = clients(mode, loop)("JellyfinClient", "http://127.0.0.1:1", device_id="item4")
    with pytest.raises(sessionlink.ConnectError, match="refused") as not_sent:
        refused.get_sessions()
    assert not not_sent.value.request_sent
    # Over-long URLs: refused before any I/O.
    before = emu.request_count
    with pytest.raises(sessionlink.InvalidArgumentError, match="8192 bytes"):
        client.send_playstate_command("i" * 1_000_000, "Pause")
    with pytest.raises(sessionlink.InvalidArgumentError, match="too many items"):
        client.play(tv, "PlayNow", [GUID] * 10_000)
    assert emu.request_count == before
    # Retry-After, Location, and the server's own reason.
    emu.inject_service_unavailable(retry_after=5)
    with pytest.raises(sessionlink.ServerError) as unavailable:
        client.get_sessions()
    assert unavailable.value.retry_after == 5.0
    emu.inject_status(302, headers={"Location": "https://elsewhere.example/Sessions"})
    with pytest.raises(sessionlink.HttpError, match="elsewhere") as moved:
        client.get_sessions()
    assert moved.value.location == "https://elsewhere.example/Sessions"
    emu.inject_status(404, json.dumps({"Message": "Session not found"}), content_type="application/json")
    with pytest.raises(sessionlink.NotFoundError, match="Not Found: Session not found") as missing:
        client.get_sessions()
    assert missing.value.body == {"Message": "Session not found"}


def test_item5_secrets_echoed_by_a_server_do_not_leak(make_jf: Any, make_g4: Any, emu: Emulator) -> None:
    """Was: the token / G4 bearer in str(e), repr(e) and pickles when a server echoed the
    request in a 401/400 body. (Every credential and spelling: test_secret_scrubbing.py.)"""
    token, bearer = "jellyfin-token-0123456789", "g4-bearer-0123456789"
    echo = {"error": "invalid", "request": {"headers": {"Authorization": f'MediaBrowser Token="{token}"', "x": bearer}}}
    for client, secret in [(make_jf(token=token), token), (make_g4(bearer=bearer), bearer)]:
        for status in (400, 401):
            emu.inject_status(status, json.dumps(echo), content_type="application/json")
            with pytest.raises(sessionlink.Error) as info:
                if secret == token:
                    client.get_sessions()
                else:
                    client.get_session("some-session")
            err = info.value
            for text in (str(err), repr(err), repr(err.body), repr(pickle.loads(pickle.dumps(err)).body)):
                assert secret not in text
            assert secret.encode() not in pickle.dumps(err)
            assert "***" in json.dumps(err.body)


def test_item7_blank_credentials_non_ascii_tenants_and_bools(mode: str, loop: Any) -> None:
    """Was: blank tokens/bearers accepted, a non-ASCII tenant sent as raw UTF-8, `True` taken
    as a timeout or a tick count."""
    make = clients(mode, loop)
    url = "http://127.0.0.1:9"
    for blank in ("", "   "):
        with pytest.raises(sessionlink.InvalidArgumentError, match="empty or blank"):
            make("JellyfinClient", url, device_id="d", token=blank)
        with pytest.raises(sessionlink.InvalidArgumentError, match="empty or blank"):
            make("G4Client", url, "acme", bearer=blank)
        with pytest.raises(sessionlink.InvalidArgumentError, match="empty or blank"):
            make("G4Client", url, "acme", api_key=blank)
        with pytest.raises(sessionlink.InvalidArgumentError, match="empty or blank"):
            make("JellyfinClient", url, device_id="d").set_token(blank)
    with pytest.raises(sessionlink.InvalidArgumentError, match="ASCII"):
        make("G4Client", url, "tenant-é")
    for option in ("connect_timeout", "request_timeout", "pool_idle_timeout", "retry_after_cap", "max_response_bytes",
                   "retry_unavailable"):  # fmt: skip
        with pytest.raises(sessionlink.InvalidArgumentError, match="bool"):
            make("JellyfinClient", url, device_id="d", **{option: True})
    client = make("JellyfinClient", url, device_id="d")
    with pytest.raises(sessionlink.InvalidArgumentError, match="bool"):
        client.send_playstate_command("s", "Seek", seek_position_ticks=True)
    with pytest.raises(sessionlink.InvalidArgumentError, match="bool"):
        client.play("s", "PlayNow", [GUID], start_position_ticks=True)
    with pytest.raises(sessionlink.InvalidArgumentError, match="position_ticks"):
        sessionlink.PlaybackStartInfo(item_id=GUID, position_ticks=True)
