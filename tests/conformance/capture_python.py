"""Drives every operation of both APIs once or more through the Python package against its
embedded emulator and writes the recorded exchanges in the format validate.py reads.

    python capture_python.py OUT.json
"""

from __future__ import annotations

import json
import sys
from typing import Any, Callable

import sessionlink
from sessionlink.testing import Emulator

UNKNOWN_SESSION = "ffffffffffffffffffffffffffffffff"
IDENTITY = {"client_name": "conformance-py", "client_version": "2.0+py", "device_name": "Python \"Runner\", ü"}


def value(obj: Any, name: str) -> Any:
    attr = getattr(obj, name)
    return attr() if callable(attr) else attr


class Recorder:
    def __init__(self, emulator: Emulator):
        self.emulator = emulator
        self.labels: list[dict] = []
        self.identities: dict[str, dict] = {}
        self.seen = 0

    def jellyfin(self, device_id: str, **extra: Any) -> sessionlink.JellyfinClient:
        self.identities[device_id] = {"Client": IDENTITY["client_name"], "Device": IDENTITY["device_name"],
                                      "Version": IDENTITY["client_version"]}
        return sessionlink.JellyfinClient(value(self.emulator, "url"), device_id=device_id, **IDENTITY, **extra)

    def call(self, scenario: str, fn: Callable[[], Any]) -> Any:
        result, outcome = None, "ok"
        try:
            result = fn()
        except sessionlink.Error as e:
            outcome = f"{type(e).__name__} {getattr(e, 'status', '')}".strip()
        now = value(self.emulator, "request_count")
        for index in range(self.seen, now):
            self.labels.append({"index": index, "scenario": scenario, "outcome": outcome})
        self.seen = now
        return result


def main() -> int:
    with Emulator() as emulator:
        rec = Recorder(emulator)
        fx = value(emulator, "fixtures")["jellyfin"]
        movie = fx["movie_id"]
        alice = rec.jellyfin("py-alice")
        rec.call("AuthenticateByName", lambda: alice.authenticate_by_name("alice", "wonderland"))
        sessions = rec.call("GetSessions", lambda: alice.get_sessions())
        rec.call("GetSessions with every filter", lambda: alice.get_sessions(
            controllable_by_user_id=alice.user_id, device_id="living-room-tv", active_within_seconds=600))
        tv, kitchen = fx["living_room_session_id"], fx["kitchen_session_id"]
        own = next(s.id for s in sessions if s.device_id == "py-alice")
        rec.call("Play", lambda: alice.play(tv, "PlayNow", [movie], start_position_ticks=10, media_source_id=movie,
                                            audio_stream_index=1, subtitle_stream_index=2, start_index=0))
        rec.call("SendPlaystateCommand", lambda: alice.send_playstate_command(
            tv, "Seek", seek_position_ticks=600_000_000, controlling_user_id=alice.user_id))
        rec.call("SendGeneralCommand", lambda: alice.send_general_command(tv, "Mute"))
        rec.call("SendSystemCommand", lambda: alice.send_system_command(tv, "GoHome"))
        rec.call("SendFullGeneralCommand", lambda: alice.send_full_general_command(tv, "SetVolume", {"Volume": "50", "X": None}))
        rec.call("SendMessageCommand", lambda: alice.send_message_command(tv, "Dinner", header="Kitchen", timeout_ms=5000))
        rec.call("DisplayContent", lambda: alice.display_content(tv, "Movie", movie, "Big Buck Bunny"))
        rec.call("PostCapabilities", lambda: alice.post_capabilities(
            id=own, playable_media_types=["Audio", "Video"], supported_commands=["Mute", "SetVolume"],
            supports_media_control=True, supports_persistent_identifier=False))
        rec.call("PostFullCapabilities", lambda: alice.post_full_capabilities(
            id=own, playable_media_types=["Audio"], supported_commands=["Mute"], supports_media_control=True,
            device_profile={"Name": "py"}, app_store_url="https://example.com/app", icon_url="https://example.com/i.png"))
        rec.call("ReportViewing", lambda: alice.report_viewing(movie, session_id=own))
        rec.call("AddUserToSession", lambda: alice.add_user_to_session(kitchen, fx["user_id"]))
        rec.call("RemoveUserFromSession", lambda: alice.remove_user_from_session(kitchen, fx["user_id"]))
        rec.call("GetAuthProviders", lambda: alice.get_auth_providers())
        rec.call("GetPasswordResetProviders", lambda: alice.get_password_reset_providers())
        rec.call("Play on an unknown session (404)", lambda: alice.play(UNKNOWN_SESSION, "PlayNow", [movie]))
        rec.call("ReportSessionEnded", lambda: alice.report_session_ended())

        g4_url, tenant = value(emulator, "g4_url"), value(emulator, "fixtures")["g4"]
        user = sessionlink.G4Client(g4_url, tenant["tenant"], application="conformance-py")
        created = rec.call("session_post", lambda: user.create_session(
            tenant["user"], tenant["password"], data={"a": [1, None]}, timeout=600, detail={"via": "python"}))
        sid = value(created, "session_id")
        rec.call("session_id_get", lambda: user.get_session(sid))
        rec.call("static_session_id_get", lambda: user.get_static_session(sid))
        rec.call("session_id_put", lambda: user.update_session(sid, {"b": True}))
        rec.call("session_id_delete", lambda: user.delete_session(sid))
        service = sessionlink.G4Client(g4_url, tenant["tenant"], api_key=tenant["api_key"])
        rec.call("session_id_get an unknown id (204)", lambda: service.get_session("no such/session"))

        exchanges = emulator.requests()
        doc = {"source": "python", "exchanges": exchanges, "labels": rec.labels, "identities": rec.identities}
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        json.dump(doc, out)
    print(f"capture_python: {len(exchanges)} exchanges written to {sys.argv[1]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
