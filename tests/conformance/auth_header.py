"""The Jellyfin `Authorization: MediaBrowser ...` header, parsed exactly as the server parses it
(jellyfin-notes.md §4.2, AuthorizationContext.GetParts) and then held to the stricter form a
client must send so that every server version reads it back unchanged."""

from __future__ import annotations

import re
from urllib.parse import unquote

KEYS = ("Client", "Device", "DeviceId", "Version", "Token")
IDENTITY = ("Client", "Device", "DeviceId", "Version")
# What survives every parser unchanged: RFC 3986 unreserved characters and %XX escapes. A raw
# `+` would decode to a space, a raw `"` or `,` would split the value (§4.2).
_SAFE_VALUE = re.compile(r"^(?:[A-Za-z0-9\-._~]|%[0-9A-Fa-f]{2})*$")


def server_parse(header: str) -> tuple[str, dict[str, str]] | None:
    """The server's reading: scheme before the first space; the rest split on commas outside
    double quotes (a plain toggle, no escapes); key trimmed; value Trim('"') then
    WebUtility.UrlDecode (`+` is a space). Later duplicates overwrite earlier ones."""
    scheme, sep, rest = header.partition(" ")
    if not sep:
        return None
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in rest:
        if ch == '"':
            quoted = not quoted
        if ch == "," and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    params = {}
    for part in parts:
        key, eq, value = part.partition("=")
        if not eq:
            continue
        params[key.strip()] = unquote(value.strip('"').replace("+", " "))
    return scheme, params


def check(header: str | None, *, login: bool, expected: dict[str, str] | None) -> list[str]:
    """Problems with one header value. `login`: the request is AuthenticateByName, which needs
    all four identity fields (§4.2 table). `expected`: the identity the client was configured
    with (Client, Device, DeviceId, Version), compared field by field after server decoding."""
    if header is None:
        return ["no Authorization header"]
    problems = []
    parsed = server_parse(header)
    if parsed is None:
        return [f"no scheme/parameter separator in {header!r}"]
    scheme, params = parsed
    if scheme != "MediaBrowser":
        problems.append(f"scheme is {scheme!r}, not MediaBrowser (Emby is legacy-only, §4.1)")

    # The form we send: `Key="value"` joined by ", ", each key once, each value quoted and safe.
    raw_params = header.partition(" ")[2].split(", ")
    seen = []
    for raw in raw_params:
        m = re.fullmatch(r'([A-Za-z]+)="([^"]*)"', raw)
        if not m:
            problems.append(f"parameter {raw!r} is not Key=\"value\"")
            continue
        key, value = m.groups()
        if key not in KEYS:
            problems.append(f"unknown key {key!r} (keys are case-sensitive: {', '.join(KEYS)})")
        if key in seen:
            problems.append(f"duplicate key {key!r} (the server keeps the last one)")
        seen.append(key)
        if not _SAFE_VALUE.match(value):
            problems.append(f"{key} value {value!r} is not fully percent-encoded")
    if [k for k in seen if k in IDENTITY] != [k for k in IDENTITY if k in seen]:
        problems.append(f"identity keys out of the canonical order: {seen}")

    for key in IDENTITY:
        if login and not params.get(key, "").strip():
            problems.append(f"{key} is missing or empty on a login (server answers 400, §4.2)")
    if "Token" in params and not params["Token"]:
        problems.append("Token is present but empty")
    if expected:
        for key in IDENTITY:
            if key in expected and params.get(key) != expected[key]:
                problems.append(f"{key} decodes to {params.get(key)!r} on the server, expected {expected[key]!r}")
    return problems
