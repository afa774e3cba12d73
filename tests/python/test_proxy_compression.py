"""What users expect of an HTTP client, from Python (blocking and asyncio clients): responses
compressed with Brotli or gzip and decoded, the response limit holding for the decoded size (a
compression bomb raises `ResponseTooLargeError`), a real proxy (tinyproxy) carrying requests and
the session socket, its credentials never shown, `ProxyError` when it refuses or is gone, the
proxy environment variables (in a child process), and the certificate-store options."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest

import sessionlink
from sessionlink import SocketConnected
from sessionlink.testing import Emulator

from tinyproxy import Tinyproxy, free_port

PASSWORD = "pr0xy-s3cret"


def last(emu: Emulator, suffix: str) -> dict[str, Any]:
    return next(e for e in reversed(emu.requests()) if e["raw_path"].endswith(suffix))


def header(pairs: list[list[str]] | list[tuple[str, str]], name: str) -> str | None:
    return next((v for k, v in pairs if k == name), None)


@pytest.fixture
def api_client(make_jf: Any, fx: dict[str, Any]) -> Any:
    return lambda **options: make_jf(token=fx["jellyfin"]["api_key"], proxy_from_env=False, **options)


def seeded(sessions: list[Any]) -> list[str]:
    """The ids of the emulator's seeded sessions (each test client adds a session of its own)."""
    return sorted(s.id for s in sessions if s.device_name != "pytest")


def test_responses_arrive_compressed_and_read_as_without(api_client: Any, emu: Emulator) -> None:
    expected = seeded(api_client(compression=False).get_sessions())
    assert len(expected) >= 2
    exchange = last(emu, "/Sessions")
    assert header(exchange["headers"], "accept-encoding") is None
    assert header(exchange["response_headers"], "content-encoding") is None
    client = api_client()
    for providers, coding in [(["br", "gzip"], "br"), (["gzip"], "gzip")]:
        emu.set_response_compression(providers)
        assert seeded(client.get_sessions()) == expected
        exchange = last(emu, "/Sessions")
        assert header(exchange["headers"], "accept-encoding") == "br, gzip"
        assert header(exchange["response_headers"], "content-encoding") == coding


@pytest.mark.parametrize("coding", ["gzip", "br"])
def test_a_compression_bomb_raises_response_too_large(api_client: Any, emu: Emulator, coding: str) -> None:
    client = api_client(max_response_bytes=1 << 20)
    emu.inject_compression_bomb(coding, 8 << 20)
    with pytest.raises(sessionlink.ResponseTooLargeError) as info:
        client.get_sessions()
    assert "once decompressed" in str(info.value) and info.value.request_sent
    assert client.get_sessions(), "the next call works"


def test_bad_compression_inputs_are_refused(emu: Emulator) -> None:
    with pytest.raises(sessionlink.InvalidArgumentError, match="gzip"):
        emu.inject_compression_bomb("zstd", 10)
    with pytest.raises(sessionlink.InvalidArgumentError, match="deflate"):
        emu.set_response_compression(["deflate"])
    with pytest.raises(TypeError):
        sessionlink.JellyfinClient(emu.url, compression="yes")  # type: ignore[arg-type]


def test_requests_and_the_socket_go_through_the_proxy(make_jf: Any, fx: dict[str, Any], emu: Emulator) -> None:
    port = emu.url.rsplit(":", 1)[1]
    with Tinyproxy() as proxy:
        client = make_jf(fx["jellyfin"]["user"], proxy=proxy.url(), proxy_from_env=False)
        assert client.get_sessions()
        proxy.wait_for_line(f"GET http://127.0.0.1:{port}/Sessions")
        assert "tinyproxy" in (header(last(emu, "/Sessions")["headers"], "via") or "")


def test_the_socket_goes_through_a_tunnel(fx: dict[str, Any], emu: Emulator) -> None:
    port = emu.url.rsplit(":", 1)[1]
    with Tinyproxy() as proxy:
        player = sessionlink.JellyfinClient(emu.url, device_id="proxied-player", proxy=proxy.url())
        player.authenticate_by_name(fx["jellyfin"]["user"], fx["jellyfin"]["user_password"])
        with player.open_socket() as socket:
            assert socket.next(timeout=10.0) == SocketConnected(False)
            assert isinstance(socket.next(timeout=10.0), sessionlink.SocketMessage)
            proxy.wait_for_line(f"CONNECT 127.0.0.1:{port}")


def test_proxy_credentials_are_sent_and_never_shown(api_client: Any, emu: Emulator) -> None:
    with Tinyproxy(f"BasicAuth alice {PASSWORD}") as proxy:
        client = api_client(proxy=proxy.url("alice", PASSWORD))
        assert client.get_sessions()
        assert PASSWORD not in repr(client)
        before = emu.request_count
        with pytest.raises(sessionlink.ProxyError) as info:
            api_client(proxy=proxy.url()).get_sessions()
        err = info.value
        assert isinstance(err, sessionlink.ConnectError)
        assert (err.status, err.request_sent, err.kind) == (407, False, "proxy")
        assert "needs credentials" in str(err)
        assert emu.request_count == before, "nothing reached the server"


def test_a_refusing_or_missing_proxy_is_a_proxy_error(api_client: Any, emu: Emulator) -> None:
    url = f"http://u:{PASSWORD}@127.0.0.1:{free_port()}"
    with pytest.raises(sessionlink.ProxyError) as info:
        api_client(proxy=url).get_sessions()
    assert not info.value.request_sent
    assert "cannot connect to the proxy 127.0.0.1:" in str(info.value)
    assert PASSWORD not in str(info.value) and PASSWORD not in repr(info.value)
    for bad, says in [("socks5://127.0.0.1:1", "socks5://"), ("http://", "not a valid proxy URL")]:
        with pytest.raises(sessionlink.InvalidArgumentError, match=says):
            api_client(proxy=bad)
    with pytest.raises(TypeError):
        api_client(proxy=3128)
    assert emu.request_count == 0


CHILD = """
import sys, sessionlink
from sessionlink.testing import Emulator
emu = Emulator()
key = emu.fixtures["jellyfin"]["api_key"]
client = sessionlink.JellyfinClient(emu.url, token=key, proxy_from_env=sys.argv[1] == "env")
client.get_sessions()
headers = dict(emu.requests()[-1]["headers"])
print("via-tinyproxy" if "tinyproxy" in headers.get("via", "") else "direct")
"""


@pytest.mark.parametrize(
    "variables, from_env, expected",
    [
        ({"HTTP_PROXY": "{proxy}"}, "env", "via-tinyproxy"),
        ({"http_proxy": "{proxy}"}, "env", "via-tinyproxy"),
        ({"ALL_PROXY": "{proxy}"}, "env", "via-tinyproxy"),
        ({"HTTPS_PROXY": "{proxy}"}, "env", "direct"),
        ({"HTTP_PROXY": "{proxy}", "NO_PROXY": "localhost,127.0.0.1"}, "env", "direct"),
        ({"HTTP_PROXY": "{proxy}"}, "off", "direct"),
    ],
)
def test_the_environment_chooses_the_proxy(variables: dict[str, str], from_env: str, expected: str) -> None:
    with Tinyproxy() as proxy:
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        env.update({k: v.format(proxy=proxy.url()) for k, v in variables.items()})
        out = subprocess.run(
            [sys.executable, "-c", CHILD, from_env], env=env, capture_output=True, text=True, timeout=60, check=True
        )
        assert out.stdout.strip() == expected, out.stderr


def test_certificate_store_options_reach_core(emu: Emulator) -> None:
    assert sessionlink.JellyfinClient(emu.url, system_roots=True).get_public_system_info()
    with pytest.raises(sessionlink.InvalidArgumentError, match="no certificate is trusted"):
        sessionlink.JellyfinClient(emu.url, webpki_roots=False)
    with pytest.raises(TypeError):
        sessionlink.JellyfinClient(emu.url, system_roots="yes")  # type: ignore[arg-type]
