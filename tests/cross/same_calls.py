"""The cross-language call script, Python side (see tests/cross/run.sh): the same calls, with
the same arguments and identity, that same_calls.c and tools' same-calls make.

    python same_calls.py URL G4_URL FIXTURES_JSON
"""

from __future__ import annotations

import json
import sys

import sessionlink
from sessionlink import PlaybackProgressInfo, PlaybackStartInfo, PlaybackStopInfo


def main() -> None:
    url, g4_url, fixtures = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    jf_fx, g4_fx = fixtures["jellyfin"], fixtures["g4"]
    tv, episode, movie, bob = (
        jf_fx["living_room_session_id"],
        jf_fx["episode_id"],
        jf_fx["movie_id"],
        jf_fx["admin_id"],
    )
    jf = sessionlink.JellyfinClient(
        url,
        device_name="same-calls",
        device_id="same-calls-1",
        client_name="cross",
        client_version="1.0",
        token=jf_fx["api_key"],
    )
    jf.get_sessions(device_id="living-room-tv", active_within_seconds=600)
    jf.play(tv, "PlayNow", [episode, movie], start_position_ticks=100, audio_stream_index=1, start_index=0)
    jf.send_playstate_command(tv, "Seek", seek_position_ticks=5_000_000)
    jf.send_general_command(tv, "VolumeUp")
    jf.send_system_command(tv, "GoHome")
    jf.send_full_general_command(tv, "SetVolume", {"Volume": "50"})
    jf.send_message_command(tv, "Dinner", header="Hi", timeout_ms=5000)
    jf.display_content(tv, "Episode", episode, "The Long Night")
    jf.post_capabilities(
        playable_media_types=["Audio", "Video"],
        supported_commands=["DisplayMessage", "SetVolume"],
        supports_media_control=True,
    )
    jf.post_full_capabilities(playable_media_types=["Video"], supports_media_control=True)
    jf.report_viewing(episode)
    jf.report_playback_start(PlaybackStartInfo(item_id=episode, position_ticks=100, can_seek=True, play_method="DirectPlay"))
    jf.report_playback_progress(PlaybackProgressInfo(item_id=episode, position_ticks=200, is_paused=True))
    jf.ping_playback_session("p1")
    jf.report_playback_stopped(PlaybackStopInfo(item_id=episode, position_ticks=300))
    jf.add_user_to_session(tv, bob)
    jf.remove_user_from_session(tv, bob)
    jf.get_auth_providers()
    jf.get_password_reset_providers()

    g4 = sessionlink.G4Client(g4_url, g4_fx["tenant"], application="cross")
    login = g4.create_session(
        g4_fx["user"], g4_fx["password"], data={"a": [1, 2]}, timeout=60, detail={"ip": "192.0.2.1"}
    )
    sid = login.session_id
    g4.get_session(sid)
    g4.get_static_session(sid)
    g4.update_session(sid, {"b": True})
    g4.delete_session(sid)
    print(sid)


if __name__ == "__main__":
    main()
