//! Playback reporting (`POST /Sessions/Playing`, `/Progress`, `/Stopped`, `/Ping`) over real
//! HTTP: the player's own session shows what it reports, validation is the server's.
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::{json, Value};
use sessionlink_emulator::Emulator;

/// A logged-in player (bob on his own device) and what it needs to report.
struct Player {
    base: String,
    authorization: String,
    session: String,
}

impl Player {
    async fn new(emulator: &Emulator) -> Player {
        let fx = emulator.fixtures().jellyfin;
        let (token, session) = login(emulator, &fx.user, &fx.user_password, "player-1").await;
        Player { base: emulator.url(), authorization: authorization("player-1", Some(&token)), session }
    }

    async fn post(&self, path: &str, content_type: &str, body: &str) -> reqwest::Response {
        http()
            .post(format!("{}{path}", self.base))
            .header("authorization", &self.authorization)
            .header("content-type", content_type)
            .body(body.to_owned())
            .send()
            .await
            .expect("a response")
    }

    async fn report(&self, path: &str, body: Value) -> u16 {
        self.post(path, "application/json", &body.to_string()).await.status().as_u16()
    }
}

fn session(emulator: &Emulator, id: &str) -> Value {
    emulator.session_json(id).expect("the session exists")
}

#[tokio::test]
async fn start_progress_and_stop_show_on_the_players_session() {
    let emulator = start().await;
    let fx = emulator.fixtures().jellyfin;
    let player = Player::new(&emulator).await;
    let before = session(&emulator, &player.session);
    assert!(before.get("NowPlayingItem").is_none());
    assert_eq!(before["LastPlaybackCheckIn"], "0001-01-01T00:00:00.0000000Z");

    let start = json!({
        "ItemId": fx.episode_id,
        "PositionTicks": 10_000_000,
        "CanSeek": true,
        "IsMuted": true,
        "VolumeLevel": 40,
        "AudioStreamIndex": 1,
        "SubtitleStreamIndex": 2,
        "MediaSourceId": "source-1",
        "PlayMethod": "DirectStream",
        "RepeatMode": "RepeatAll",
        "PlaybackOrder": "Shuffle",
        "LiveStreamId": "live-1",
        "PlaySessionId": "play-1",
        "NowPlayingQueue": [
            {"Id": fx.episode_id, "PlaylistItemId": "p0"},
            {"Id": fx.movie_id, "PlaylistItemId": "p1"},
        ],
        "PlaylistItemId": "p0",
    });
    assert_eq!(player.report("/Sessions/Playing", start).await, 204);
    let s = session(&emulator, &player.session);
    assert_eq!(s["NowPlayingItem"]["Id"], fx.episode_id.as_str());
    assert_eq!(s["NowPlayingItem"]["Name"], "The Long Night");
    assert_eq!(s["NowPlayingItem"]["Type"], "Episode");
    assert_eq!(
        s["PlayState"],
        json!({
            "PositionTicks": 10_000_000, "CanSeek": true, "IsPaused": false, "IsMuted": true,
            "VolumeLevel": 40, "AudioStreamIndex": 1, "SubtitleStreamIndex": 2,
            "MediaSourceId": "source-1", "PlayMethod": "DirectStream", "RepeatMode": "RepeatAll",
            "PlaybackOrder": "Shuffle", "LiveStreamId": "live-1",
        })
    );
    assert_eq!(
        s["NowPlayingQueue"],
        json!([{"Id": fx.episode_id, "PlaylistItemId": "p0"}, {"Id": fx.movie_id, "PlaylistItemId": "p1"}])
    );
    assert_eq!(s["PlaylistItemId"], "p0");
    assert_ne!(s["LastPlaybackCheckIn"], "0001-01-01T00:00:00.0000000Z");
    assert!(s.get("LastPausedDate").is_none());

    // Pausing sets LastPausedDate once; Transcode without a transcoding job is DirectPlay.
    let paused =
        json!({"ItemId": fx.episode_id, "PositionTicks": 20_000_000, "IsPaused": true, "PlayMethod": "Transcode"});
    assert_eq!(player.report("/Sessions/Playing/Progress", paused.clone()).await, 204);
    let s = session(&emulator, &player.session);
    assert_eq!(s["PlayState"]["PositionTicks"], 20_000_000);
    assert_eq!(s["PlayState"]["IsPaused"], true);
    assert_eq!(s["PlayState"]["PlayMethod"], "DirectPlay");
    assert_eq!(s["PlayState"]["MediaSourceId"], fx.episode_id.as_str(), "an empty MediaSourceId is the item id");
    assert_eq!(s["NowPlayingQueue"].as_array().map(Vec::len), Some(2), "a report without a queue keeps it");
    assert!(s.get("PlaylistItemId").is_none(), "PlaylistItemId is what the last report said");
    let paused_at = s["LastPausedDate"].clone();
    assert!(paused_at.is_string());
    std::thread::sleep(std::time::Duration::from_millis(5));
    assert_eq!(player.report("/Sessions/Playing/Progress", paused).await, 204);
    assert_eq!(session(&emulator, &player.session)["LastPausedDate"], paused_at);
    let resumed = json!({"itemId": fx.episode_id, "positionTicks": "30000000", "isPaused": false});
    assert_eq!(
        player.report("/Sessions/Playing/Progress", resumed).await,
        204,
        "names in any case, numbers as strings"
    );
    let s = session(&emulator, &player.session);
    assert!(s.get("LastPausedDate").is_none());
    assert_eq!(s["PlayState"]["PositionTicks"], 30_000_000);
    let checked_in = s["LastPlaybackCheckIn"].clone();

    let stop =
        json!({"ItemId": fx.episode_id, "PositionTicks": 30_000_000, "NowPlayingQueue": [], "PlaylistItemId": "p9"});
    assert_eq!(player.report("/Sessions/Playing/Stopped", stop).await, 204);
    let s = session(&emulator, &player.session);
    assert!(s.get("NowPlayingItem").is_none(), "stopping clears the item");
    assert_eq!(
        s["PlayState"],
        json!({"CanSeek": false, "IsPaused": false, "IsMuted": false, "RepeatMode": "RepeatNone", "PlaybackOrder": "Default"})
    );
    assert_eq!(s["NowPlayingQueue"], json!([]));
    assert_eq!(s["PlaylistItemId"], "p9");
    assert_eq!(s["LastPlaybackCheckIn"], checked_in);

    // Only the caller's own session changed.
    let tv = session(&emulator, &fx.living_room_session_id);
    assert_eq!(tv["PlayState"]["PositionTicks"], 1_234_560_000);
}

#[tokio::test]
async fn controllers_see_the_report_in_get_sessions() {
    let emulator = start().await;
    let fx = emulator.fixtures().jellyfin;
    let player = Player::new(&emulator).await;
    let start = json!({"ItemId": fx.track_ids[0], "PositionTicks": 5, "IsPaused": true});
    assert_eq!(player.report("/Sessions/Playing", start).await, 204);
    let response =
        http().get(format!("{}/Sessions", emulator.url())).header("x-emby-token", API_KEY).send().await.unwrap();
    let sessions = json_body(response).await;
    let mine = sessions.as_array().unwrap().iter().find(|s| s["Id"] == player.session.as_str()).unwrap();
    assert_eq!(mine["NowPlayingItem"]["Name"], "Blue in Green");
    assert_eq!(mine["PlayState"]["IsPaused"], true);
    assert!(mine["LastPausedDate"].is_string());
}

#[tokio::test]
async fn an_unknown_item_is_no_error_and_a_reported_item_is_shown_as_sent() {
    let emulator = start().await;
    let player = Player::new(&emulator).await;
    let unknown = "0123456789abcdef0123456789abcdef";
    assert_eq!(player.report("/Sessions/Playing", json!({"ItemId": unknown})).await, 204);
    let s = session(&emulator, &player.session);
    assert!(s.get("NowPlayingItem").is_none());
    assert_eq!(s["PlayState"]["MediaSourceId"], unknown);

    let item = json!({"Id": unknown, "Name": "A stream the server does not know", "Type": "TvChannel"});
    assert_eq!(player.report("/Sessions/Playing", json!({"ItemId": unknown, "Item": item})).await, 204);
    assert_eq!(session(&emulator, &player.session)["NowPlayingItem"], item);

    // A progress report without an item leaves the session playing nothing, as on the server.
    assert_eq!(player.report("/Sessions/Playing/Progress", json!({"PositionTicks": 1})).await, 204);
    let s = session(&emulator, &player.session);
    assert!(s.get("NowPlayingItem").is_none());
    assert_eq!(s["PlayState"]["MediaSourceId"], "00000000000000000000000000000000");
}

#[tokio::test]
async fn ping_needs_a_play_session_id() {
    let emulator = start().await;
    let player = Player::new(&emulator).await;
    let response = player.post("/Sessions/Playing/Ping", "application/json", "").await;
    assert_eq!(response.status(), 400);
    let problem = json_body(response).await;
    assert_eq!(problem["errors"]["playSessionId"][0], "The playSessionId field is required.");
    assert_eq!(player.post("/Sessions/Playing/Ping?playSessionId=play-1", "application/json", "").await.status(), 204);
    keep_out_of_the_exchange_log(&emulator);
}

#[tokio::test]
async fn bodies_are_validated_as_the_server_validates_them() {
    let emulator = start().await;
    let fx = emulator.fixtures().jellyfin;
    let player = Player::new(&emulator).await;
    for path in ["/Sessions/Playing", "/Sessions/Playing/Progress", "/Sessions/Playing/Stopped"] {
        assert_eq!(player.post(path, "text/plain", "{}").await.status(), 415, "{path}");
        assert_eq!(player.post(path, "application/json", "").await.status(), 400, "{path}");
        assert_eq!(player.post(path, "application/json", "{").await.status(), 400, "{path}");
        assert_eq!(player.post(path, "application/json", "[]").await.status(), 400, "{path}");
        assert_eq!(player.post(path, "application/json", "{}").await.status(), 204, "{path}");
        let response = player.post(path, "application/json", r#"{"ItemId": "not-a-guid"}"#).await;
        assert_eq!(response.status(), 400, "{path}");
        assert!(json_body(response).await["errors"]["$.ItemId"].is_array(), "{path}");
        for bad in [
            json!({"PositionTicks": 1.5}),
            json!({"PositionTicks": "soon"}),
            // JsonStringConverter reads a number as a string, but not an array.
            json!({"MediaSourceId": [7]}),
            json!({"NowPlayingQueue": {}}),
            json!({"NowPlayingQueue": [{"Id": "x"}]}),
            json!({"Item": "an item"}),
        ] {
            assert_eq!(player.report(path, bad.clone()).await, 400, "{path} {bad}");
        }
        // The server's JsonStringConverter (JsonDefaults) reads a number where a string is.
        assert_eq!(player.report(path, json!({"MediaSourceId": 7})).await, 204, "{path}");
        let unauthenticated = http().post(format!("{}{path}", emulator.url())).send().await.unwrap();
        assert_eq!(unauthenticated.status(), 401);
    }
    for bad in [
        json!({"IsPaused": "yes"}),
        json!({"IsPaused": null}),
        json!({"PlayMethod": "Teleport"}),
        json!({"RepeatMode": 7}),
        json!({"VolumeLevel": 3_000_000_000_i64}),
    ] {
        assert_eq!(player.report("/Sessions/Playing/Progress", bad.clone()).await, 400, "{bad}");
    }
    let queue_with_a_hole = json!({"ItemId": fx.movie_id, "NowPlayingQueue": [null]});
    assert_eq!(player.report("/Sessions/Playing", queue_with_a_hole).await, 500);
    assert_eq!(player.report("/Sessions/Playing", json!({"PlayMethod": 1, "RepeatMode": "repeatone"})).await, 204);
    let s = session(&emulator, &player.session);
    assert_eq!(
        (s["PlayState"]["PlayMethod"].as_str(), s["PlayState"]["RepeatMode"].as_str()),
        (Some("DirectStream"), Some("RepeatOne"))
    );
    // A negative stop position is an ArgumentOutOfRangeException: 400, nothing changes.
    assert_eq!(player.report("/Sessions/Playing", json!({"ItemId": fx.movie_id})).await, 204);
    let response = player.post("/Sessions/Playing/Stopped", "application/json", r#"{"PositionTicks": -1}"#).await;
    assert_eq!(response.status(), 400);
    assert_eq!(response.text().await.unwrap(), "Error processing request.");
    assert_eq!(session(&emulator, &player.session)["NowPlayingItem"]["Id"], fx.movie_id.as_str());
    keep_out_of_the_exchange_log(&emulator);
}

#[tokio::test]
async fn the_routes_are_not_the_play_command() {
    let emulator = start().await;
    let fx = emulator.fixtures().jellyfin;
    let player = Player::new(&emulator).await;
    // POST /Sessions/{id}/Playing is the Play command, delivered to the target.
    let play = format!("/Sessions/{}/Playing?playCommand=PlayNow&itemIds={}", fx.living_room_session_id, fx.movie_id);
    assert_eq!(player.post(&play, "application/json", "").await.status(), 204);
    assert_eq!(emulator.commands(&fx.living_room_session_id)[0].message_type, "Play");
    assert!(session(&emulator, &player.session).get("NowPlayingItem").is_none());
    let get = http().get(format!("{}/Sessions/Playing", emulator.url())).send().await.unwrap();
    assert_eq!(get.status(), 405);
}
