"""The command line's documented exit statuses read from docs/cli.md and compared with the
code (`EXIT_CODES`, the codes `CliError` is raised with, and `--help`), so that a change to
either side fails here until both agree."""

from __future__ import annotations

import re
from pathlib import Path

import sessionlink
from sessionlink import cli
from sessionlink.testing import Emulator

ROOT = Path(__file__).resolve().parents[2]

# The HTTP status each error kind stands for: the documented line of its exit status must
# name it.
STATUS_OF_KIND = {"bad_request": "400", "unauthorized": "401", "forbidden": "403", "not_found": "404", "server": "5xx"}


def documented_exit_statuses(text: str) -> dict[int, str]:
    """The `exit status:` block of a help text: each status and its (joined) description."""
    block = text.split("exit status:\n", 1)[1].split("\n\n", 1)[0]
    statuses: dict[int, str] = {}
    current = None
    for line in block.splitlines():
        if match := re.match(r"^  (\d+)\s+(.*)$", line):
            current = int(match[1])
            statuses[current] = match[2]
        elif current is not None and line.startswith("       "):
            statuses[current] += " " + line.strip()
    return statuses


def test_the_documented_exit_statuses_are_the_codes_used() -> None:
    docs = documented_exit_statuses((ROOT / "docs" / "cli.md").read_text())
    assert len(docs) >= 9, docs
    # The help the command prints is the one documented.
    assert documented_exit_statuses(cli.EXIT_HELP) == docs
    # Every code the command can return is documented, and nothing else.
    raised = {int(code) for code in re.findall(r"CliError\(.*?, (\d+)\)", Path(cli.__file__).read_text(), re.S)}
    used = {0, 1, 130} | set(cli.EXIT_CODES.values()) | raised
    assert set(docs) == used
    # Each code's line names the HTTP status of every error kind that maps to it.
    for kind, code in cli.EXIT_CODES.items():
        if kind in STATUS_OF_KIND:
            assert STATUS_OF_KIND[kind] in docs[code], (kind, code, docs[code])
    # A corrupt credentials file is a CliError with 1: the line of 1 says so.
    assert "credentials file" in docs[1]


def test_the_documented_api_values_of_an_exchange_are_the_recorded_ones() -> None:
    with Emulator() as emu:
        sessionlink.JellyfinClient(emu.url).get_public_system_info()
        try:
            sessionlink.G4Client(emu.g4_url, emu.fixtures["g4"]["tenant"]).get_static_session("no-such-session")
        except sessionlink.Error:
            pass
        apis = sorted({r["api"] for r in emu.requests()})
    assert apis == ["G4", "Jellyfin"]
    testing = " ".join((ROOT / "docs" / "testing.md").read_text().split())
    assert f'`api` (`"{apis[1]}"` or `"{apis[0]}"`)' in testing


def test_a_zero_pool_idle_timeout_never_reuses_a_connection_as_documented() -> None:
    python_md = " ".join((ROOT / "docs" / "python.md").read_text().split())
    assert "0 never reuses one |" in python_md
    with Emulator() as emu:
        counts = []
        for options in ({}, {"pool_idle_timeout": 0}):
            emu.clear_requests()
            with sessionlink.JellyfinClient(emu.url, **options) as client:
                for _ in range(3):
                    client.get_public_system_info()
            counts.append(len({r["connection"] for r in emu.requests()}))
    assert counts == [1, 3]
