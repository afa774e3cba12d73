"""A server (or a proxy) that echoes the request into an error response must not put the
client's credentials into what a user sees or stores: `str(e)`, `repr(e)`, the error's
attributes and a pickle of it. Every credential the clients hold is tried — Jellyfin token
and password, G4 bearer, API key and session id — in every spelling a server may echo: as
sent, percent-encoded and JSON-escaped, in a JSON body, a text body and a `Location`."""

from __future__ import annotations

import json
import pickle
import urllib.parse
from typing import Any

import pytest

import sessionlink
from sessionlink.testing import Emulator

# A credential with characters that percent-encoding and JSON escaping both change.
SECRET = 'sk-"quoted"/with space+plus&more'


def forms(secret: str) -> list[str]:
    return [secret, urllib.parse.quote(secret, safe=""), json.dumps(secret)[1:-1]]


def echo_bodies(secret: str) -> list[tuple[str, str]]:
    """(content type, body) pairs that echo `secret` in every spelling."""
    raw, encoded, escaped = forms(secret)
    as_json = json.dumps(
        {
            "title": f"Bad credentials {raw}",
            "Message": f"you sent Token={encoded}",
            "echo": {"Authorization": f'MediaBrowser Token="{encoded}"', "list": [raw, {"deep": escaped}]},
        }
    )
    as_text = f"echo: {raw} | {encoded} | {escaped}"
    return [("application/json", as_json), ("text/plain", as_text)]


def assert_clean(err: sessionlink.Error, secret: str) -> None:
    pickled = pickle.dumps(err)
    shown = [str(err), repr(err), err.message, repr(err.body), repr(err.problem), repr(err.location)]
    for form in forms(secret):
        for text in shown:
            assert form not in text, f"{form!r} leaked into {text!r}"
        assert form.encode() not in pickled, f"{form!r} leaked into the pickle"
    # The echo was kept where the user sees it (message, body or Location), the secret replaced.
    seen = [str(err), json.dumps(err.body), err.location or ""]
    assert any("***" in text for text in seen), f"no *** where the echo went: {seen}"
    back = pickle.loads(pickled)
    assert (back.message, back.body, back.location) == (err.message, err.body, err.location)


@pytest.mark.parametrize("body", range(2), ids=["json", "text"])
@pytest.mark.parametrize("status", [400, 401, 403, 500])
def test_jellyfin_token(make_jf: Any, emu: Emulator, status: int, body: int) -> None:
    client = make_jf(token=SECRET)
    content_type, text = echo_bodies(SECRET)[body]
    emu.inject_status(status, text, content_type=content_type)
    with pytest.raises(sessionlink.Error) as info:
        client.get_sessions()
    assert info.value.status == status
    assert_clean(info.value, SECRET)
    if content_type == "application/json":
        assert "***" in json.dumps(info.value.body)


def test_jellyfin_password(make_jf: Any, emu: Emulator) -> None:
    password = 'pass "word"/é+1'
    emu.add_user("dave", password)
    client = make_jf()
    for content_type, text in echo_bodies(password):
        emu.inject_status(401, text, content_type=content_type)
        with pytest.raises(sessionlink.UnauthorizedError) as info:
            client.authenticate_by_name("dave", password)
        assert_clean(info.value, password)
    client.authenticate_by_name("dave", password)


def test_jellyfin_token_in_a_redirect(make_jf: Any, emu: Emulator) -> None:
    client = make_jf(token=SECRET)
    raw, encoded, _ = forms(SECRET)
    emu.inject_status(302, headers={"Location": f"https://login.example/?next=%2FSessions&token={encoded}"})
    with pytest.raises(sessionlink.HttpError) as info:
        client.get_sessions()
    assert info.value.location is not None and info.value.location.startswith("https://login.example/?next=")
    assert_clean(info.value, SECRET)


@pytest.mark.parametrize("credential", ["bearer", "api_key"])
@pytest.mark.parametrize("body", range(2), ids=["json", "text"])
def test_g4_credentials(make_g4: Any, emu: Emulator, credential: str, body: int) -> None:
    g4 = make_g4(**{credential: SECRET})
    content_type, text = echo_bodies(SECRET)[body]
    emu.inject_status(401, text, content_type=content_type)
    with pytest.raises(sessionlink.UnauthorizedError) as info:
        g4.get_static_session("some-session")
    assert_clean(info.value, SECRET)


def test_g4_session_id_and_password(make_g4: Any, emu: Emulator) -> None:
    g4 = make_g4()
    created = g4.create_session("user@example.com", "correct horse")
    sid = created.session_id
    assert sid is not None
    service = make_g4(api_key=emu.fixtures["g4"]["api_key"])
    for content_type, text in echo_bodies(sid):
        emu.inject_status(500, text, content_type=content_type)
        with pytest.raises(sessionlink.ServerError) as info:
            service.get_static_session(sid)  # the id in the path is a bearer token too
        assert_clean(info.value, sid)
    for content_type, text in echo_bodies("correct horse"):
        emu.inject_status(400, text, content_type=content_type)
        with pytest.raises(sessionlink.BadRequestError) as info:
            make_g4().create_session("user@example.com", "correct horse")
        assert_clean(info.value, "correct horse")
