"""Test and demo helpers: the embedded emulator of both APIs, with fault injection.

>>> from sessionlink.testing import Emulator
>>> with Emulator() as emu:  # doctest: +SKIP
...     client = sessionlink.JellyfinClient(emu.url, device_id="test")
...     client.authenticate_by_name("alice", "wonderland")
...     emu.inject_latency(2.0)       # the next request waits 2 s
...     emu.inject_status(500, "boom")  # the request after that fails

Faults act on the next request that has none yet, whichever API it is for; armed faults
wait in a queue and each request takes the oldest one:

- ``inject_latency(seconds)``: hold the request before applying it. A client that gives up
  meanwhile leaves it unapplied; ``wait_for_abort()`` returns that exchange.
- ``inject_status(status, body, content_type=..., headers=...)``: any answer, with extra
  headers (``Retry-After``, or ``Location`` for a redirect).
- ``inject_service_unavailable(retry_after)``: 503 with ``Retry-After``, as Jellyfin answers
  while it starts up.
- ``inject_reset_before_headers()``, ``inject_reset_mid_body()``, ``inject_truncated_body()``:
  the connection is reset before any byte, reset halfway through the body, or closed
  cleanly halfway through it.
- ``inject_stall(seconds)``: half the response, a pause with the connection open, the rest.
- ``inject_oversized_body(size, chunked=False)``: a JSON body of exactly ``size`` bytes.
- ``inject_compression_bomb(coding, size)``: a ``gzip`` or ``br`` body of a few kilobytes that
  decodes to ``size`` bytes.
- ``set_response_compression(codings)``: the codings responses are compressed with when the
  client accepts them, preferred first (default ``["br", "gzip"]``, as Jellyfin).
- ``inject_stale_connection()``: the next request is answered and its connection kept; the
  following request on that connection meets a close, as after a proxy's idle timeout.

Every exchange is recorded (``requests()``, ``wait_for_requests(n)``) with ``fault``,
``injected``, ``aborted`` and the ``connection`` it came on. ``wait_for_in_flight(n)`` waits
until ``n`` requests have arrived and are not answered yet (held by a latency or stall
fault): the moment to interrupt a client mid-request.

The emulator speaks Jellyfin's session WebSocket on ``/socket``: ``ForceKeepAlive`` and the
``KeepAlive`` echo, commands pushed to the target session's socket, ``Sessions`` pushes after
``SessionsStart``, ``IsActive``/``SupportsRemoteControl`` following the socket. Seeded players
count as connected without a socket. Controls and inspection:

- ``set_keepalive_seconds(n)``: a short keep-alive period (the server's is 60 s).
- ``set_keepalive_echo(False)``: never echo ``KeepAlive`` (only answer WebSocket pings), as
  some Jellyfin-compatible servers do; ``pings(session_id)`` and
  ``wait_for_pings(session_id, n)`` count the client's pings.
- ``drop_sockets()``, ``drop_session_sockets(session_id)``: abrupt closes, to test reconnects.
- ``simulate_restart(down_for)``: ``ServerRestarting``, sockets closed, 503 for a while.
- ``revoke_token(token)``: the next upgrade is refused (403); ``restore_token(token)`` undoes it.
- ``stall_sockets(session_id, pause)``: the session's sockets hang (open, silent) for a while.
- ``send_socket_message(session_id, kind, data)``, ``send_socket_text(session_id, text)``:
  anything, for unknown kinds (recorded as injected).
- ``sockets()``, ``open_sockets(session_id)``, ``socket_messages(session_id)``,
  ``keepalives(session_id)``, ``unprompted_keepalives(session_id)`` (those a client's own
  timer sent, not answers to reminders), ``socket_upgrades()``, and the waits
  ``wait_for_open_sockets(session_id, n)`` and
  ``wait_for_socket_messages(session_id, "received", "KeepAlive", n)``.
- ``commands(session_id)`` says of each command whether it reached a socket (``delivery``).

It answers UDP discovery (``who is JellyfinServer?``) on a loopback port of its own,
``discovery_address`` (``127.0.0.1:PORT``), with its ``url`` as the server's address:
``sessionlink.discover_servers([emu.discovery_address], broadcast=False)`` finds it.
``discovery_queries`` counts the questions it answered.

Quick Connect behaves as the server's (codes that expire after 10 minutes, approval by a
signed-in user, the approved secret exchanged for the token made at approval). Controls:

- ``approve_quick_connect(code, user_id)``: approve a pending code the moment a test chooses.
- ``set_quick_connect_enabled(False)``: the feature turned off (401 to every call but
  ``Enabled``); ``expire_quick_connect()``: every code expires now.
- ``pending_quick_connect_codes()``, ``reset_quick_connect()`` (the fixtures' pending request
  ``quick_connect_code`` / ``quick_connect_secret`` made again).
"""

from __future__ import annotations

from sessionlink._native import Emulator

__all__ = ["Emulator"]
