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
