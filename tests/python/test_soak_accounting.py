"""The socket soak's accounting (bench/soak/socket_soak.py): the garbage frames it injects
whose kind is GeneralCommand but which carry no command were once printed by the C client as
commands with an empty text, and counted as 9 "duplicates" in a 30-minute run (one per garbage
round against C after the first). A duplicate is now only the driver's own text received
twice; the garbage is counted apart."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "soak"))

from socket_soak import count_received  # noqa: E402


def test_garbage_general_commands_are_not_duplicates() -> None:
    sent = {"soak-c-1", "soak-c-2"}
    events = [
        (0.0, {"e": "command", "text": "soak-c-1"}),
        (0.1, {"e": "command", "text": ""}),  # what the C client printed for a garbage frame
        (0.2, {"e": "not_a_command"}),  # what it prints now
        (0.3, {"e": "command", "text": None}),  # the Rust client: a typed command without Text
        (0.4, {"e": "command", "text": ""}),
        (0.5, {"e": "command", "text": "soak-c-2"}),
    ]
    received, others = count_received(events, sent)
    assert received == ["soak-c-1", "soak-c-2"] and len(received) == len(set(received))
    assert others == 4


def test_a_real_duplicate_is_still_counted() -> None:
    events = [(0.0, {"e": "command", "text": "soak-c-1"}), (0.1, {"e": "command", "text": "soak-c-1"})]
    received, others = count_received(events, {"soak-c-1"})
    assert len(received) - len(set(received)) == 1 and others == 0
