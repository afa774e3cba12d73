"""Every exception class, raised from a real exchange with the emulator (or a real
condition: a closed port, a fork, a runtime thread), with what a user sees on it."""

from __future__ import annotations

import builtins
import json
import logging
import pickle
from typing import Any

import pytest

import sessionlink
from sessionlink.testing import Emulator


def test_hierarchy() -> None:
    kinds = [
        sessionlink.InvalidArgumentError, sessionlink.ConnectError, sessionlink.TimeoutError,
        sessionlink.UnauthorizedError, sessionlink.ForbiddenError, sessionlink.NotFoundError,
        sessionlink.BadRequestError, sessionlink.ServerError, sessionlink.HttpError,
        sessionlink.DecodeError, sessionlink.CancelledError, sessionlink.WouldDeadlockError,
        sessionlink.ForkedError, sessionlink.InternalError, sessionlink.ConnectionLostError,
        sessionlink.ResponseTooLargeError,
    ]  # fmt: skip
    for cls in kinds:
        assert issubclass(cls, sessionlink.Error) and issubclass(cls, Exception)
        assert cls.__module__ == "sessionlink"
    assert issubclass(sessionlink.InvalidArgumentError, ValueError)
    assert issubclass(sessionlink.TimeoutError, builtins.TimeoutError)
    assert issubclass(sessionlink.ResponseTooLargeError, sessionlink.DecodeError)
    assert not issubclass(sessionlink.ConnectionLostError, sessionlink.ConnectError)


def test_not_found(jf: Any, emu: Emulator, fx: dict[str, Any]) -> None:
    emu.inject_status(404)
    with pytest.raises(sessionlink.NotFoundError) as info:
        jf.send_playstate_command(fx["jellyfin"]["living_room_session_id"], "Pause")
    assert info.value.status == 404
    assert "404" in str(info.value)


def test_unauthorized(make_jf: Any) -> None:
    client = make_jf()
    with pytest.raises(sessionlink.UnauthorizedError) as info:
        client.authenticate_by_name("alice", "not her password")
    assert info.value.status == 401
    assert "not her password" not in str(info.value)


def test_forbidden(make_jf: Any) -> None:
    with pytest.raises(sessionlink.ForbiddenError) as info:
        make_jf("bob").get_password_reset_providers()
    assert info.value.status == 403


def test_bad_request_with_problem_details(jf: Any, emu: Emulator) -> None:
    problem = {
        "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        "title": "One or more validation errors occurred.",
        "status": 400,
        "errors": {"Text": ["The Text field is required."]},
    }
    emu.inject_status(400, json.dumps(problem), content_type="application/problem+json")
    with pytest.raises(sessionlink.BadRequestError) as info:
        jf.get_sessions()
    err = info.value
    assert err.status == 400
    assert err.problem is not None
    assert err.problem["errors"] == {"Text": ["The Text field is required."]}
    assert "validation errors" in err.message


def test_bad_request_without_problem(jf: Any, emu: Emulator) -> None:
    emu.inject_status(400, "Error processing request.", content_type="text/plain")
    with pytest.raises(sessionlink.BadRequestError) as info:
        jf.get_sessions()
    assert info.value.problem is None
    assert "Error processing request." in info.value.message


def test_server_error(jf: Any, emu: Emulator) -> None:
    emu.inject_status(503, "<html>loading</html>", content_type="text/html")
    with pytest.raises(sessionlink.ServerError) as info:
        jf.get_sessions()
    assert info.value.status == 503


def test_http_error(jf: Any, emu: Emulator) -> None:
    emu.inject_status(409, "conflict")
    with pytest.raises(sessionlink.HttpError) as info:
        jf.get_sessions()
    assert info.value.status == 409


def test_decode_error(jf: Any, emu: Emulator) -> None:
    emu.inject_status(200, '{"not": "a list"}', content_type="application/json")
    with pytest.raises(sessionlink.DecodeError) as info:
        jf.get_sessions()
    assert info.value.status is None or info.value.status == 200


def test_connect_error(mode: str, loop: Any) -> None:
    # Port 1 (tcpmux) is privileged and unused: the connection is refused at once.
    url = "http://127.0.0.1:1"
    with pytest.raises(sessionlink.ConnectError) as info:
        if mode == "sync":
            sessionlink.JellyfinClient(url, device_id="x", connect_timeout=2.0).get_sessions()
        else:
            client = sessionlink.AsyncJellyfinClient(url, device_id="x", connect_timeout=2.0)

            async def call() -> Any:
                return await client.get_sessions()

            loop.run_until_complete(call())
    assert info.value.status is None


def test_timeout(make_jf: Any, emu: Emulator) -> None:
    client = make_jf("alice", request_timeout=0.3)
    emu.inject_latency(3.0)
    with pytest.raises(builtins.TimeoutError) as info:
        client.get_sessions()
    assert isinstance(info.value, sessionlink.TimeoutError)


def test_invalid_argument(jf: Any, emu: Emulator) -> None:
    with pytest.raises(ValueError) as info:
        jf.send_general_command("abc", "Jump")
    assert isinstance(info.value, sessionlink.InvalidArgumentError)
    assert "VolumeUp" in str(info.value)


def test_would_deadlock(emu: Emulator) -> None:
    """A logging handler runs on the runtime thread that logged; a blocking call there
    would wait on itself, so it is refused."""
    client = sessionlink.JellyfinClient(emu.url, device_id="deadlock", token=emu.fixtures["jellyfin"]["api_key"])
    seen: list[BaseException] = []

    class CallsBack(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if not seen:
                try:
                    client.get_sessions()
                except BaseException as e:  # noqa: BLE001 - recorded for the assertion
                    seen.append(e)
                else:
                    seen.append(AssertionError("the nested call succeeded"))

    logger = logging.getLogger("sessionlink")
    handler = CallsBack(level=logging.DEBUG)
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        client.get_sessions()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    assert seen and isinstance(seen[0], sessionlink.WouldDeadlockError), seen


@pytest.mark.parametrize("where", ["call", "task", "async"])
def test_panic_is_internal_error(where: str) -> None:
    async def run_async() -> Any:
        return await sessionlink._native._panic_for_tests("async")

    with pytest.raises(sessionlink.InternalError) as info:
        if where == "async":
            import asyncio

            asyncio.run(run_async())
        else:
            sessionlink._native._panic_for_tests(where)
    assert "panic" in str(info.value)


def test_errors_pickle() -> None:
    err = sessionlink.BadRequestError("bad", status=400, problem={"title": "x"}, kind="bad_request")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is sessionlink.BadRequestError
    assert (back.message, back.status, back.problem) == ("bad", 400, {"title": "x"})


def test_every_attribute_survives_pickling(jf: Any, emu: Emulator) -> None:
    body = {"title": "Too many", "detail": "slow down", "limits": [1, 2]}
    emu.inject_status(307, json.dumps(body), content_type="application/json",
                      headers={"Location": "https://other.example/x", "Retry-After": "2"})  # fmt: skip
    with pytest.raises(sessionlink.HttpError) as info:
        jf.get_sessions()
    err = info.value
    fields = ("message", "kind", "status", "request_sent", "retry_after", "location", "body", "problem")
    assert (err.kind, err.status, err.request_sent, err.location, err.body) == (
        "http", 307, True, "https://other.example/x", body
    )  # fmt: skip
    assert err.retry_after == 2.0, "Retry-After is kept whatever the status (RFC 9110 allows it on 3xx)"
    for back in (pickle.loads(pickle.dumps(err, protocol)) for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1)):
        assert type(back) is type(err)
        assert [getattr(back, f) for f in fields] == [getattr(err, f) for f in fields]
        assert str(back) == str(err)


def test_errors_made_by_hand_have_defaults() -> None:
    err = sessionlink.ConnectionLostError("lost")
    assert (err.request_sent, err.retry_after, err.location, err.body, err.status) == (False, None, None, None, None)
