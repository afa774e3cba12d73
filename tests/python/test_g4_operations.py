"""Every G4 Sessions operation, blocking and asyncio (the `mode` parameter), against the
embedded emulator, including the TTL rule: only get_session extends a session's life."""

from __future__ import annotations

import json
from typing import Any

import pytest

import sessionlink
from sessionlink.testing import Emulator


def login(g4: Any, **kwargs: Any) -> Any:
    return g4.create_session("user@example.com", "correct horse", **kwargs)


def test_create_session(g4: Any, emu: Emulator) -> None:
    assert g4.auth_scheme is None
    created = login(g4, data={"cart": []}, timeout=600, detail={"ip": "127.0.0.1"})
    assert isinstance(created, sessionlink.AuthenticatedSessionResponse)
    assert created.valid_credentials and created.access_allowed
    assert created.user_id == 42
    assert created.session_id
    assert created.session_id not in repr(created)
    assert g4.auth_scheme == "bearer"
    # What was sent, exactly, and what it did: the timeout is the session's time-to-live.
    (sent,) = [r for r in emu.requests() if r["method"] == "POST" and r["raw_path"] == "/g4/session"]
    assert json.loads(sent["body"]) == {
        "username": "user@example.com",
        "password": "correct horse",
        "data": {"cart": []},
        "timeout": 600,
        "detail": {"ip": "127.0.0.1"},
    }
    remaining = emu.g4_ttl_remaining("acme", created.session_id)
    assert remaining is not None and 590 < remaining <= 600
    assert g4.get_session(created.session_id).data == {"cart": []}


def test_get_session(g4: Any) -> None:
    created = login(g4, data={"cart": ["apple"]})
    got = g4.get_session(created.session_id)
    assert isinstance(got, sessionlink.GetSessionResponse)
    assert got.user_id == 42
    assert got.data == {"cart": ["apple"]}
    assert got.bearer not in repr(got)


def test_get_static_session(g4: Any) -> None:
    created = login(g4, data=[1, 2, 3])
    assert g4.get_static_session(created.session_id).data == [1, 2, 3]


def test_only_get_session_extends_the_ttl(g4: Any, emu: Emulator) -> None:
    sid = login(g4, timeout=600).session_id
    emu.set_g4_ttl_remaining("acme", sid, 100.0)
    g4.get_static_session(sid)
    remaining = emu.g4_ttl_remaining("acme", sid)
    assert remaining is not None and remaining <= 100.0
    g4.get_session(sid)
    remaining = emu.g4_ttl_remaining("acme", sid)
    assert remaining is not None and remaining > 500.0


def test_update_session(g4: Any) -> None:
    sid = login(g4, data={"step": 1}).session_id
    g4.update_session(sid, {"step": 2, "nested": {"ok": True, "none": None, "pi": 3.5}})
    assert g4.get_session(sid).data == {"step": 2, "nested": {"ok": True, "none": None, "pi": 3.5}}


def test_delete_session(g4: Any) -> None:
    sid = login(g4).session_id
    other = login(g4).session_id  # the client's bearer now; `sid` is deleted with it
    g4.delete_session(sid)
    with pytest.raises(sessionlink.NotFoundError) as info:
        g4.get_static_session(sid)
    assert info.value.status == 204
    assert sid not in str(info.value)
    assert g4.get_session(other).user_id == 42


def test_expired_session_is_not_found(g4: Any, emu: Emulator) -> None:
    sid = login(g4).session_id
    assert emu.expire_g4_session("acme", sid)
    with pytest.raises(sessionlink.NotFoundError):
        g4.get_session(sid)


def test_api_key_auth(make_g4: Any, fx: dict[str, Any]) -> None:
    owner = make_g4()
    sid = login(owner).session_id
    service = make_g4(api_key=fx["g4"]["api_key"])
    assert service.auth_scheme == "apikey"
    assert service.get_static_session(sid).user_id == 42
    assert fx["g4"]["api_key"] not in repr(service)


def test_refreshed_bearer_is_adopted(g4: Any, emu: Emulator) -> None:
    sid = login(g4).session_id
    emu.set_g4_bearer_rotation(True)
    g4.get_session(sid)
    refreshed = dict(emu.requests()[-1]["response_headers"])["x-g4-bearer"]
    assert refreshed != sid
    emu.clear_requests()
    g4.get_session(sid)
    (exchange,) = emu.requests()
    assert dict(exchange["headers"])["authorization"] == f"bearer {refreshed}", "exactly the refreshed bearer"


def test_wrong_password_is_unauthorized(g4: Any) -> None:
    with pytest.raises(sessionlink.UnauthorizedError):
        g4.create_session("user@example.com", "wrong")


def test_user_without_access_is_forbidden(g4: Any) -> None:
    with pytest.raises(sessionlink.ForbiddenError):
        g4.create_session("noaccess@example.com", "pw2")
