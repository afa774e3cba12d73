//! The four playback-reporting operations (the contract's Playstate tag): a player reports
//! what it plays on its own session, and a controller sees it in `get_sessions`.

mod common;

use common::*;
use sessionlink::jellyfin::models::{
    PlayMethod, PlaybackProgressInfo, PlaybackStartInfo, PlaybackStopInfo, QueueItem, RepeatMode, SessionInfoDto,
};
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient};
use sessionlink::ErrorKind;
use sessionlink_emulator::Emulator;

const SECOND: i64 = 10_000_000;
const PLAYER: &str = "rust-player";

async fn player_session(controller: &JellyfinClient) -> SessionInfoDto {
    let query = GetSessionsQuery { device_id: Some(PLAYER.into()), ..Default::default() };
    let mut sessions = controller.get_sessions(&query).await.expect("sessions");
    assert_eq!(sessions.len(), 1, "{sessions:?}");
    sessions.remove(0)
}

#[tokio::test]
async fn start_progress_ping_and_stop_show_in_the_session() {
    let emulator = Emulator::start().await.unwrap();
    let episode = emulator.fixtures().jellyfin.episode_id;
    let controller = logged_in(&emulator, ALICE).await;
    let player = jellyfin(&emulator, PLAYER);
    player.authenticate_by_name(BOB.0, BOB.1).await.unwrap();
    assert!(player_session(&controller).await.now_playing_item.is_none());

    let start = PlaybackStartInfo {
        item_id: episode.clone(),
        position_ticks: Some(10 * SECOND),
        can_seek: true,
        play_method: PlayMethod::DirectPlay,
        repeat_mode: RepeatMode::RepeatAll,
        play_session_id: Some("play-1".into()),
        now_playing_queue: Some(vec![QueueItem { id: episode.clone(), ..Default::default() }]),
        ..Default::default()
    };
    player.report_playback_start(&start).await.unwrap();
    let sent = last_exchange(&emulator, "/Sessions/Playing");
    assert_eq!(sent.method, "POST");
    let body: serde_json::Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(body["ItemId"], episode.as_str());
    assert_eq!(body["PositionTicks"], 10 * SECOND);
    assert_eq!(body["PlayMethod"], "DirectPlay");
    assert_eq!(body["RepeatMode"], "RepeatAll");
    let session = player_session(&controller).await;
    let item = session.now_playing_item.as_ref().expect("now playing");
    assert_eq!(item.id, episode);
    assert_eq!(item.name.as_deref(), Some("The Long Night"));
    let state = session.play_state.as_ref().unwrap();
    assert_eq!(state.position_ticks, Some(10 * SECOND));
    assert!(state.can_seek && !state.is_paused);
    assert_eq!(state.play_method, Some(PlayMethod::DirectPlay));
    assert_eq!(state.repeat_mode, RepeatMode::RepeatAll);
    assert_eq!(session.now_playing_queue.as_ref().map(Vec::len), Some(1));

    let progress = PlaybackProgressInfo {
        item_id: episode.clone(),
        position_ticks: Some(95 * SECOND),
        is_paused: true,
        can_seek: true,
        ..Default::default()
    };
    player.report_playback_progress(&progress).await.unwrap();
    assert_eq!(last_exchange(&emulator, "/Sessions/Playing/Progress").method, "POST");
    let session = player_session(&controller).await;
    let state = session.play_state.as_ref().unwrap();
    assert_eq!(state.position_ticks, Some(95 * SECOND));
    assert!(state.is_paused);
    assert!(session.last_paused_date.is_some());

    player.ping_playback_session("play-1").await.unwrap();
    assert_eq!(last_exchange(&emulator, "/Sessions/Playing/Ping").raw_query.as_deref(), Some("playSessionId=play-1"));

    let stop = PlaybackStopInfo { item_id: episode.clone(), position_ticks: Some(96 * SECOND), ..Default::default() };
    player.report_playback_stopped(&stop).await.unwrap();
    assert!(player_session(&controller).await.now_playing_item.is_none());
}

#[tokio::test]
async fn reports_need_an_item_guid_and_a_login() {
    let emulator = Emulator::start().await.unwrap();
    let player = jellyfin(&emulator, PLAYER);
    let before = emulator.request_count();
    for bad in ["", "not-a-guid"] {
        let start = PlaybackStartInfo { item_id: bad.into(), ..Default::default() };
        assert_kind(player.report_playback_start(&start).await, ErrorKind::InvalidArgument, None);
        let stop = PlaybackStopInfo { item_id: bad.into(), ..Default::default() };
        assert_kind(player.report_playback_stopped(&stop).await, ErrorKind::InvalidArgument, None);
    }
    assert_eq!(emulator.request_count(), before, "refused before any request");
    let episode = emulator.fixtures().jellyfin.episode_id;
    let progress = PlaybackProgressInfo { item_id: episode, ..Default::default() };
    assert_kind(player.report_playback_progress(&progress).await, ErrorKind::Unauthorized, Some(401));
    assert_kind(player.ping_playback_session("p").await, ErrorKind::Unauthorized, Some(401));
    assert_kind(player.ping_playback_session("").await, ErrorKind::InvalidArgument, None);
}

/// Every field the contract gives the three report bodies, typed or not, is sent as given
/// (what the models do not type travels in `extra`) and accepted.
#[tokio::test]
async fn every_contract_field_of_the_reports_is_sent() {
    let emulator = Emulator::start().await.unwrap();
    let episode = emulator.fixtures().jellyfin.episode_id;
    let player = jellyfin(&emulator, PLAYER);
    player.authenticate_by_name(BOB.0, BOB.1).await.unwrap();
    let item = serde_json::json!({ "Id": episode, "Name": "The Long Night", "Type": "Episode" });
    let queue = serde_json::json!([{ "Id": episode, "PlaylistItemId": "entry-1" }]);
    let common = serde_json::json!({
        "Item": item, "ItemId": episode, "SessionId": "session-1", "MediaSourceId": episode,
        "PositionTicks": 5 * SECOND, "LiveStreamId": "live-1", "PlaySessionId": "play-all",
        "PlaylistItemId": "entry-1", "NowPlayingQueue": queue,
    });
    let mut playing = common.clone();
    for (key, value) in serde_json::json!({
        "CanSeek": true, "AudioStreamIndex": 1, "SubtitleStreamIndex": 2, "IsPaused": false,
        "IsMuted": false, "PlaybackStartTimeTicks": 638_000_000_000_000_000_i64, "VolumeLevel": 80,
        "Brightness": 50, "AspectRatio": "16:9", "PlayMethod": "DirectPlay", "RepeatMode": "RepeatNone",
        "PlaybackOrder": "Default",
    })
    .as_object()
    .unwrap()
    {
        playing[key] = value.clone();
    }
    let mut stopped = common.clone();
    stopped["Failed"] = false.into();
    stopped["NextMediaType"] = "Video".into();

    let start: PlaybackStartInfo = serde_json::from_value(playing.clone()).unwrap();
    player.report_playback_start(&start).await.unwrap();
    let progress: PlaybackProgressInfo = serde_json::from_value(playing.clone()).unwrap();
    player.report_playback_progress(&progress).await.unwrap();
    let stop: PlaybackStopInfo = serde_json::from_value(stopped.clone()).unwrap();
    player.report_playback_stopped(&stop).await.unwrap();

    for (path, expected) in [
        ("/Sessions/Playing", &playing),
        ("/Sessions/Playing/Progress", &playing),
        ("/Sessions/Playing/Stopped", &stopped),
    ] {
        let sent: serde_json::Value = serde_json::from_slice(&last_exchange(&emulator, path).body).unwrap();
        for (key, value) in expected.as_object().unwrap() {
            assert_eq!(&sent[key], value, "{path}: {key}");
        }
    }
}
