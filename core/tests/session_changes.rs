//! Session lists turned into the changes `sessionlink watch` prints.
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

use serde_json::{json, Value};
use sessionlink::jellyfin::models::SessionInfoDto;
use sessionlink::jellyfin::{SessionChangeKind, SessionChanges};

fn session(id: &str, playing: Option<(&str, i64, bool)>) -> Value {
    let mut s = json!({"Id": id, "DeviceName": format!("Device {id}"), "Client": "Test", "UserName": "alice"});
    if let Some((item, position, paused)) = playing {
        s["NowPlayingItem"] = json!({"Id": item, "Name": format!("Item {item}"), "SeriesName": "Show"});
        s["PlayState"] = json!({"PositionTicks": position, "IsPaused": paused});
    }
    s
}

fn list(sessions: &[Value]) -> Vec<SessionInfoDto> {
    serde_json::from_value(Value::Array(sessions.to_vec())).unwrap()
}

fn kinds(changes: &mut SessionChanges, sessions: &[Value]) -> Vec<(String, &'static str)> {
    changes.update(&list(sessions)).into_iter().map(|c| (c.session_id, c.event.as_str())).collect()
}

#[test]
fn every_change_of_a_sessions_life_is_reported_once() {
    let mut changes = SessionChanges::new();
    let first = changes.update(&list(&[session("a", Some(("i1", 10, true))), session("b", None)]));
    let seen: Vec<_> = first.iter().map(|c| (c.session_id.as_str(), c.event, c.initial)).collect();
    assert_eq!(
        seen,
        [
            ("a", SessionChangeKind::SessionStarted, true),
            ("a", SessionChangeKind::PlaybackStarted, true),
            ("a", SessionChangeKind::PlaybackPaused, true),
            ("b", SessionChangeKind::SessionStarted, true),
        ]
    );
    let started = &first[1];
    assert_eq!(started.item.as_deref(), Some("Show – Item i1"));
    assert_eq!(
        (started.position_ticks, started.is_paused, started.device.as_deref()),
        (Some(10), true, Some("Device a"))
    );

    let a = |item, pos, paused| session("a", Some((item, pos, paused)));
    assert_eq!(kinds(&mut changes, &[a("i1", 10, true), session("b", None)]), [], "nothing changed");
    assert_eq!(kinds(&mut changes, &[a("i1", 10, false), session("b", None)]), [("a".into(), "playback_resumed")]);
    assert_eq!(kinds(&mut changes, &[a("i1", 50, false), session("b", None)]), [("a".into(), "playback_progressed")]);
    assert_eq!(
        kinds(&mut changes, &[a("i2", 0, false), session("b", None), session("c", None)]),
        [("a".into(), "playback_stopped"), ("a".into(), "playback_started"), ("c".into(), "session_started")]
    );
    assert_eq!(
        kinds(&mut changes, &[session("a", None), session("c", None)]),
        [("a".into(), "playback_stopped"), ("b".into(), "session_ended")]
    );
    let ended = changes.update(&list(&[session("c", None)]));
    assert_eq!(ended.len(), 1);
    assert_eq!(
        (ended[0].session_id.as_str(), ended[0].event, ended[0].initial),
        ("a", SessionChangeKind::SessionEnded, false)
    );
    // A session that plays when it ends: its playback stops, then it ends.
    changes.update(&list(&[session("c", Some(("i3", 5, false)))]));
    let gone: Vec<_> = changes.update(&[]).into_iter().map(|c| c.event).collect();
    assert_eq!(gone, [SessionChangeKind::PlaybackStopped, SessionChangeKind::SessionEnded]);
}

#[test]
fn a_change_serialises_to_the_json_line_watch_prints() {
    let mut changes = SessionChanges::new();
    let change = changes.update(&list(&[session("a", Some(("i1", 10, false)))])).remove(1);
    assert_eq!(
        serde_json::to_value(&change).unwrap(),
        json!({
            "event": "playback_started", "session_id": "a", "device": "Device a", "client": "Test",
            "user": "alice", "item_id": "i1", "item": "Show – Item i1", "position_ticks": 10,
            "is_paused": false, "initial": true,
        })
    );
}
