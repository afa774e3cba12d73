"""The core's log records reach Python logging under `sessionlink`, without secrets."""

from __future__ import annotations

import logging
from typing import Any

import pytest


def test_records_reach_python_logging(make_jf: Any, make_g4: Any, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="sessionlink"):
        client = make_jf()
        result = client.authenticate_by_name("alice", "wonderland")
        client.get_sessions()
        g4 = make_g4()
        created = g4.create_session("user@example.com", "correct horse")
        g4.get_session(created.session_id)
    records = [r for r in caplog.records if r.name.startswith("sessionlink")]
    assert any("GET /Sessions" in r.getMessage() for r in records), [r.getMessage() for r in records]
    secrets = [result.access_token, created.session_id, created.bearer, "wonderland", "correct horse"]
    for r in records:
        for secret in filter(None, secrets):
            assert secret not in r.getMessage()


def test_credentials_a_server_echoes_stay_out_of_the_records(
    emu: Any, make_jf: Any, make_g4: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """A hostile server echoes the API key in a 401's body and a G4 session id in a redirect's
    Location: the DEBUG records say the request failed, with `***` where the secret was."""
    import sessionlink

    api_key = emu.fixtures["jellyfin"]["api_key"]
    g4 = make_g4()
    session_id = g4.create_session("user@example.com", "correct horse").session_id
    client = make_jf(token=api_key)
    with caplog.at_level(logging.DEBUG, logger="sessionlink"):
        emu.inject_status(401, f"bad token {api_key}")
        with pytest.raises(sessionlink.UnauthorizedError):
            client.get_sessions()
        emu.inject_status(302, headers={"Location": f"{emu.g4_url}/session/{session_id}"})
        with pytest.raises(sessionlink.HttpError):
            g4.get_session(session_id)
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("sessionlink")]
    assert any(m.startswith("GET /Sessions failed after") and "bad token ***" in m for m in messages), messages
    assert any(m.startswith("GET /session/{id} failed after") and "/session/***" in m for m in messages), messages
    assert {r.name for r in caplog.records if "failed after" in r.getMessage()} == {"sessionlink.transport"}
    for m in messages:
        assert api_key not in m and session_id not in m, m


def test_quiet_by_default(make_jf: Any, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="sessionlink"):
        make_jf("alice").get_sessions()
    assert not [r for r in caplog.records if r.name.startswith("sessionlink")]


def test_an_interrupt_raised_while_logging_is_raised_by_the_call(emu: Any) -> None:
    """A blocking call polls its request on the calling thread, so the core's log records run
    Python logging there; a Ctrl-C that lands in that logging code must come out of the call
    as KeyboardInterrupt (it used to be left pending: `SystemError: ... returned a result with
    an exception set`, found by the CLI's Ctrl-C test)."""
    import sessionlink

    class Interrupts(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "-> 200" in record.getMessage():
                raise KeyboardInterrupt

    client = sessionlink.JellyfinClient(emu.url, device_id="interrupted", token=emu.fixtures["jellyfin"]["api_key"])
    logger = logging.getLogger("sessionlink")
    handler, level = Interrupts(logging.DEBUG), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        sessionlink.JellyfinClient(emu.url, device_id="refresh")  # re-reads the logging configuration
        with pytest.raises(KeyboardInterrupt):
            client.get_sessions()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    sessionlink.JellyfinClient(emu.url, device_id="refresh")
    assert client.get_sessions(), "the client still works"
