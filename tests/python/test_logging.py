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
