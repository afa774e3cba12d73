"""Every fault the emulator injects, met by the blocking and the asyncio client (each test
runs in both modes): the exception class, the cause in its message, `request_sent`, what the
emulator saw (and applied), and the next call on the same client succeeding.

The retry rule under test (core's, documented on `ConnectionLostError`): a request that
failed on a **reused** connection before any response byte arrived is retried once on a new
connection when that cannot apply it twice: any method if nothing was written, GET, PUT and
DELETE otherwise. POST is never retried once it may have been written.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import time
from typing import Any

import pytest

import sessionlink
from sessionlink.testing import Emulator

from conftest import Blocking

GUID = "0123456789abcdef0123456789abcdef"
PATIENCE = 10.0


@pytest.fixture
def tv(fx: dict[str, Any]) -> str:
    return str(fx["jellyfin"]["living_room_session_id"])


@pytest.fixture
def api(make_jf: Any, fx: dict[str, Any]) -> Any:
    """make(**options) -> a client with the API key, its connection already pooled (one call
    made), so the next request reuses it."""

    def make(**options: Any) -> Any:
        client = make_jf(token=fx["jellyfin"]["api_key"], **options)
        client.get_sessions()
        return client

    return make


def fails(call: Any, cls: type[sessionlink.Error], *needles: str) -> sessionlink.Error:
    with pytest.raises(cls) as info:
        call()
    err = info.value
    for needle in needles:
        assert needle in str(err), (needle, str(err))
    back = pickle.loads(pickle.dumps(err))
    assert (type(back), back.request_sent, back.status) == (type(err), err.request_sent, err.status)
    return err


def recovers(client: Any, emu: Emulator) -> None:
    """The next call on the same client succeeds, and is one exchange."""
    before = emu.request_count
    assert client.get_sessions()
    assert emu.request_count == before + 1


# ---- connection faults ------------------------------------------------------------------


def test_reset_before_headers_on_a_new_connection_is_connection_lost(make_jf: Any, emu: Emulator, fx: dict[str, Any]) -> None:
    client = make_jf(token=fx["jellyfin"]["api_key"])  # no pooled connection yet: no retry
    emu.inject_reset_before_headers()
    err = fails(client.get_sessions, sessionlink.ConnectionLostError, "GET /Sessions", "reset by peer")
    assert err.request_sent and err.status is None and err.kind == "connection_lost"
    assert isinstance(err.__cause__, ConnectionResetError)
    assert emu.requests()[-1]["fault"] == "reset_before_headers"
    recovers(client, emu)


def test_reset_before_headers_on_a_reused_connection_retries_a_get(api: Any, emu: Emulator) -> None:
    client = api()
    before = emu.request_count
    emu.inject_reset_before_headers()
    assert client.get_sessions(), "retried once on a new connection"
    first, retry = emu.requests()[before:]
    assert (first["fault"], retry["fault"]) == ("reset_before_headers", None)
    assert first["connection"] != retry["connection"]
    recovers(client, emu)


def test_reset_before_headers_does_not_retry_a_post(api: Any, emu: Emulator, tv: str) -> None:
    client = api()
    before = emu.request_count
    emu.inject_reset_before_headers()
    err = fails(lambda: client.send_playstate_command(tv, "Pause"), sessionlink.ConnectionLostError, "reset by peer")
    assert err.request_sent, "the POST was written: it may have been applied"
    assert emu.request_count == before + 1, "a POST that may have been written is not retried"
    assert emu.commands(tv) == []
    client.send_playstate_command(tv, "Pause")
    assert [c["data"]["Command"] for c in emu.commands(tv)] == ["Pause"]


@pytest.mark.parametrize(
    ("arm", "fault", "cause"),
    [
        ("inject_reset_mid_body", "reset_mid_body", "reset by peer"),
        ("inject_truncated_body", "truncated_body", "end of file before message length reached"),
    ],
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_body_cut_short_is_connection_lost(
    api: Any, emu: Emulator, tv: str, arm: str, fault: str, cause: str, method: str
) -> None:
    """A response cut after its headers is never retried, whatever the method: the server
    answered, so it applied the request."""
    client = api()
    before = emu.request_count
    getattr(emu, arm)()
    call = client.get_sessions if method == "GET" else (lambda: client.send_playstate_command(tv, "Pause"))
    err = fails(call, sessionlink.ConnectionLostError, "while reading the response (status 200)", cause)
    assert err.request_sent and err.status is None
    assert emu.request_count == before + 1
    assert emu.requests()[-1]["fault"] == fault
    recovers(client, emu)


@pytest.mark.parametrize(
    ("method", "retried"),
    [("GET", True), ("DELETE", True), ("POST", False)],
)
def test_a_stale_pooled_connection(api: Any, emu: Emulator, tv: str, method: str, retried: bool) -> None:
    """The server closed the idle pooled connection as the request arrived (as a proxy does
    after its keep-alive timeout): GET and DELETE are retried once on a new connection; a
    POST, which was written, fails with ConnectionLostError."""
    client = api()
    emu.inject_stale_connection()
    client.get_sessions()  # answered; its connection is kept, and closed on its next request
    before = emu.request_count
    calls = {
        "GET": client.get_sessions,
        "DELETE": lambda: client.remove_user_from_session(tv, GUID),
        "POST": lambda: client.send_playstate_command(tv, "Pause"),
    }
    if retried:
        calls[method]()
        stale, served = emu.requests()[before:]
        assert (stale["fault"], stale["status"]) == ("stale_connection", 0), "closed without an answer"
        assert served["fault"] is None and 200 <= served["status"] < 300
        assert stale["connection"] != served["connection"], "retried on a new connection"
        assert stale["raw_path"] == served["raw_path"]
    else:
        err = fails(calls[method], sessionlink.ConnectionLostError, "before a response arrived", "connection closed")
        assert err.request_sent
        assert emu.request_count == before + 1, "not retried"
        assert emu.commands(tv) == [], "the stale connection applied nothing (the server cannot say so)"
    recovers(client, emu)


def test_refused_connection_is_connect_error_with_nothing_sent(mode: str, loop: Any) -> None:
    # Port 1 (tcpmux) is privileged and unused: the connection is refused at once.
    client: Any = (sessionlink.JellyfinClient if mode == "sync" else sessionlink.AsyncJellyfinClient)(
        "http://127.0.0.1:1", device_id="refused", connect_timeout=2.0
    )
    if mode == "async":
        client = Blocking(client, loop)
    err = fails(client.get_sessions, sessionlink.ConnectError, "127.0.0.1:1", "refused")
    assert not err.request_sent and err.status is None


# ---- slow servers ------------------------------------------------------------------------


def test_a_stall_mid_body_times_out_and_the_connection_is_dropped(api: Any, emu: Emulator) -> None:
    # A timeout generous enough for the recovery call on a loaded machine; a far longer stall.
    client = api(request_timeout=2.0)
    emu.inject_stall(120.0)
    connections = len({r["connection"] for r in emu.requests()})
    err = fails(client.get_sessions, sessionlink.TimeoutError, "request_timeout")
    assert err.request_sent, "the headers had arrived"
    assert emu.requests()[-1]["fault"] == "stall"
    # The half-read connection is not reused: the next call comes on a new one.
    recovers(client, emu)
    assert len({r["connection"] for r in emu.requests()}) == connections + 1


def test_a_stall_shorter_than_the_timeout_is_waited_for(api: Any, emu: Emulator) -> None:
    client = api(request_timeout=5.0)
    emu.inject_stall(0.3)
    assert client.get_sessions()
    assert emu.requests()[-1]["fault"] == "stall"


def test_latency_past_the_timeout_leaves_the_request_unapplied(api: Any, emu: Emulator, tv: str) -> None:
    client = api(request_timeout=2.0)
    emu.inject_latency(120.0)
    err = fails(lambda: client.send_playstate_command(tv, "Pause"), sessionlink.TimeoutError, "timed out")
    assert err.request_sent, "the request was written; only the server's record says it was not applied"
    aborted = emu.wait_for_abort(timeout=PATIENCE)
    assert aborted["aborted"] and aborted["raw_path"].endswith("/Playing/Pause")
    # An aborted exchange is the emulator's word that the held request was dropped unapplied.
    assert emu.commands(tv) == []
    recovers(client, emu)


# ---- statuses ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_is_not_followed_and_names_its_location(api: Any, emu: Emulator, status: int) -> None:
    client = api()
    before = emu.request_count
    target = f"{emu.url}/elsewhere/Sessions"
    emu.inject_status(status, headers={"Location": target})
    err = fails(client.get_sessions, sessionlink.HttpError, target, "does not follow redirects")
    assert (err.status, err.location, err.request_sent) == (status, target, True)
    assert emu.request_count == before + 1, "nothing was followed"
    assert pickle.loads(pickle.dumps(err)).location == target
    recovers(client, emu)


def test_service_unavailable_without_retry_raises_with_retry_after(api: Any, emu: Emulator) -> None:
    client = api()
    emu.inject_service_unavailable(retry_after=7)
    err = fails(client.get_sessions, sessionlink.ServerError, "retry after 7 s")
    assert (err.status, err.retry_after, err.request_sent) == (503, 7.0, True)
    assert isinstance(err.retry_after, float)
    assert pickle.loads(pickle.dumps(err)).retry_after == 7.0
    recovers(client, emu)


def test_service_unavailable_is_retried_when_asked(api: Any, emu: Emulator, tv: str) -> None:
    """503 means the server refused the request without applying it: retried for any method."""
    client = api(retry_unavailable=1, retry_after_cap=0.2)
    before = emu.request_count
    # An hour: past the request timeout, so only the cap lets the retry happen at all.
    emu.inject_service_unavailable(retry_after=3600)
    started = time.monotonic()
    client.send_playstate_command(tv, "Pause")
    waited = time.monotonic() - started
    assert waited >= 0.15, f"waited {waited:.2f} s: Retry-After capped at 0.2 s is still waited for"
    refused, served = emu.requests()[before:]
    assert (refused["status"], served["status"]) == (503, 204)
    assert [c["data"]["Command"] for c in emu.commands(tv)] == ["Pause"], "applied once"
    # One retry only: two 503s in a row raise the second.
    emu.inject_service_unavailable(retry_after=1)
    emu.inject_service_unavailable(retry_after=1)
    fails(client.get_sessions, sessionlink.ServerError, "Service Unavailable")


def test_too_many_requests_carries_retry_after(api: Any, emu: Emulator) -> None:
    client = api()
    emu.inject_status(429, "slow down", headers={"Retry-After": "3"})
    err = fails(client.get_sessions, sessionlink.HttpError, "slow down")
    assert (err.status, err.retry_after) == (429, 3.0)


def test_the_servers_reason_and_body_for_every_status(api: Any, emu: Emulator) -> None:
    client = api()
    emu.inject_status(404, '{"Message":"Session not found"}', content_type="application/json")
    err = fails(client.get_sessions, sessionlink.NotFoundError, "Session not found")
    assert err.body == {"Message": "Session not found"} and err.problem is None
    emu.inject_status(500, "Error processing request.", content_type="text/plain")
    err = fails(client.get_sessions, sessionlink.ServerError, "Error processing request.")
    assert err.body is None


# ---- response size -----------------------------------------------------------------------


# Run in a fresh interpreter: `ru_maxrss` is a high-water mark, which earlier tests in this
# process may have raised past anything this call could add.
MEMORY_PROBE = r"""
import json, resource, sys
import sessionlink
from sessionlink.testing import Emulator

with Emulator() as emu:
    client = sessionlink.JellyfinClient(
        emu.url, device_id="memory-probe", token=emu.fixtures["jellyfin"]["api_key"], max_response_bytes=64 * 1024
    )
    client.get_sessions()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    emu.inject_oversized_body(int(sys.argv[1]), chunked=sys.argv[2] == "chunked")
    try:
        client.get_sessions()
        sys.exit("the oversized body was accepted")
    except sessionlink.ResponseTooLargeError:
        pass
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    served = emu.requests()[-1]
    print(json.dumps({"grown_kib": grown, "fault": served["fault"]}))
"""


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_an_oversized_body_is_refused_without_being_read(api: Any, emu: Emulator, chunked: bool) -> None:
    client = api(max_response_bytes=64 * 1024)
    size = 256 * 1024 * 1024
    emu.inject_oversized_body(size, chunked=chunked)
    err = fails(client.get_sessions, sessionlink.ResponseTooLargeError, "65536 bytes", "max_response_bytes")
    assert isinstance(err, sessionlink.DecodeError)
    assert err.request_sent and err.kind == "response_too_large"
    assert (str(size) in str(err)) == (not chunked), "the announced size is named when there is one"
    recovers(client, emu)
    # The peak memory of a process that did nothing else: a body read whole would add 256 MiB.
    probe = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(size), "chunked" if chunked else "length"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert probe.returncode == 0, probe.stderr
    result = json.loads(probe.stdout)
    assert result["fault"] == "oversized_body", result
    assert result["grown_kib"] < 64 * 1024, f"peak memory grew {result['grown_kib'] >> 10} MiB for a {size >> 20} MiB body"


def test_a_body_under_the_limit_is_read(api: Any, emu: Emulator) -> None:
    client = api(max_response_bytes=64 * 1024)
    emu.inject_oversized_body(64 * 1024, chunked=True)
    assert client.get_sessions() == []


# ---- requests refused before any I/O ---------------------------------------------------


def test_an_over_long_url_is_refused_before_io(api: Any, emu: Emulator, tv: str) -> None:
    client = api()
    before = emu.request_count
    err = fails(lambda: client.send_playstate_command("x" * 1_000_000, "Pause"), sessionlink.InvalidArgumentError, "8192")
    assert not err.request_sent
    err = fails(lambda: client.play(tv, "PlayNow", [GUID] * 10_000), sessionlink.InvalidArgumentError, "too many items")
    assert not err.request_sent
    assert emu.request_count == before, "the emulator saw no request"
    recovers(client, emu)


# ---- options -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "needle"),
    [
        ("max_response_bytes", 0, "max_response_bytes"),
        ("max_response_bytes", -1, "max_response_bytes"),
        ("max_response_bytes", True, "bool"),
        ("pool_idle_timeout", -1.0, "pool_idle_timeout"),
        ("pool_idle_timeout", float("nan"), "pool_idle_timeout"),
        ("retry_unavailable", -1, "retry_unavailable"),
        ("retry_unavailable", True, "bool"),
        ("retry_after_cap", -1.0, "retry_after_cap"),
        ("retry_after_cap", float("inf"), "retry_after_cap"),
    ],
)
@pytest.mark.parametrize("client", ["JellyfinClient", "AsyncJellyfinClient", "G4Client", "AsyncG4Client"])
def test_transport_options_are_checked(client: str, option: str, value: Any, needle: str) -> None:
    cls = getattr(sessionlink, client)
    args: tuple[str, ...] = ("http://127.0.0.1:9",) if "Jellyfin" in client else ("http://127.0.0.1:9", "acme")
    with pytest.raises(sessionlink.InvalidArgumentError, match=needle):
        cls(*args, **{option: value})


@pytest.mark.parametrize("client", ["JellyfinClient", "AsyncJellyfinClient", "G4Client", "AsyncG4Client"])
def test_transport_options_are_accepted(client: str) -> None:
    cls = getattr(sessionlink, client)
    args: tuple[str, ...] = ("http://127.0.0.1:9",) if "Jellyfin" in client else ("http://127.0.0.1:9", "acme")
    options = {"max_response_bytes": 1, "pool_idle_timeout": 0.5, "retry_unavailable": 3, "retry_after_cap": 2}
    cls(*args, **options).close()


def test_g4_client_honours_the_options(make_g4: Any, emu: Emulator) -> None:
    api_key = emu.fixtures["g4"]["api_key"]
    g4 = make_g4(api_key=api_key, max_response_bytes=1024, retry_unavailable=1, retry_after_cap=0.1)
    emu.inject_service_unavailable(retry_after=1)
    with pytest.raises(sessionlink.NotFoundError):
        g4.get_static_session("no-such-session")
    assert [r["status"] for r in emu.requests()[-2:]] == [503, 204]
    emu.inject_oversized_body(4096)
    fails(lambda: g4.get_static_session("no-such-session"), sessionlink.ResponseTooLargeError, "1024 bytes")
